import { z } from 'zod';
import { FileUploadFieldsSchema, StoredFileSchema } from '../../../../shared/schemas/files.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { MAX_UPLOAD_BYTES } from './file.policy';
import { readFile, uploadFile } from './files.service';

export function fileRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/files',
      summary: 'Upload a file (multipart `file` + `purpose`); images are re-encoded without metadata',
      tags: ['files'],
      access: { permission: 'files.upload' },
      upload: { field: 'file', maxBytes: MAX_UPLOAD_BYTES },
      body: FileUploadFieldsSchema,
      response: StoredFileSchema,
      status: 201,
      errors: [413, 415],
      handler: ({ body, file, state }) => uploadFile(deps, state.em, state.actor!, body.purpose, file!),
    }),
    defineRoute({
      method: 'get',
      path: '/files/:id',
      summary: 'The bytes of a file, to those who may see the record that uses it',
      tags: ['files'],
      access: { permission: 'files.read' },
      params: z.object({ id: z.string().uuid() }),
      response: z.unknown(),
      produces: 'application/octet-stream',
      errors: [404],
      handler: async ({ params, state, ctx }) => {
        const { mime, bytes } = await readFile(deps, state.em, state.actor!, params.id, state.requestId);
        ctx.type = mime;
        ctx.set('Cache-Control', 'private, no-store');
        return bytes;
      },
    }),
  ];
}
