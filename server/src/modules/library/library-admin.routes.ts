import { z } from 'zod';
import {
  AdminDocumentListQuerySchema,
  AdminDocumentListSchema,
  AdminDocumentSchema,
  DocumentPatchSchema,
  DocumentStatsQuerySchema,
  DocumentStatsSchema,
  DocumentWriteSchema,
} from '../../../../shared/schemas/library.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { documentStats } from './document-stats.service';
import { createDocument, getAdminDocument, listAdminDocuments, publishDocument, retireDocument, updateDocument } from './documents-admin.service';

const IdParams = z.object({ id: z.string().uuid() });

/**
 * Writing the library (admins, `library.write`). Search needs no hook here:
 * every write moves the version the index checks before each query.
 */
export function libraryAdminRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/documents',
      summary: 'All documents with status (draft, published, retired), most recent first; `q` matches title or summary',
      tags: ['admin', 'library'],
      access: { permission: 'library.write' },
      query: AdminDocumentListQuerySchema,
      response: AdminDocumentListSchema,
      handler: ({ query, state }) => listAdminDocuments(state.em, query),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/documents/stats',
      summary: 'Reading statistics per document and category: views, distinct readers, average seconds (withheld below minReaders); never per person',
      tags: ['admin', 'library'],
      access: { permission: 'library.write' },
      query: DocumentStatsQuerySchema,
      response: DocumentStatsSchema,
      handler: ({ query, state }) => documentStats(state.em, query),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/documents/:id',
      summary: 'One document for editing, any status',
      tags: ['admin', 'library'],
      access: { permission: 'library.write' },
      params: IdParams,
      response: AdminDocumentSchema,
      errors: [404],
      handler: ({ params, state }) => getAdminDocument(state.em, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/documents',
      summary: 'Write a new document (a draft; with Idempotency-Key a resent save returns the first); the body is sanitised, its images and the PDFs must be the admin’s own library uploads',
      tags: ['admin', 'library'],
      access: { permission: 'library.write' },
      body: DocumentWriteSchema,
      response: AdminDocumentSchema,
      status: 201,
      errors: [409],
      handler: ({ body, state, ctx }) => createDocument(deps, state.em, state.actor!, body, ctx.get('idempotency-key') || undefined, state.requestId),
    }),
    defineRoute({
      method: 'patch',
      path: '/admin/documents/:id',
      summary: 'Edit a document; changes to a published one are live at once',
      tags: ['admin', 'library'],
      access: { permission: 'library.write' },
      params: IdParams,
      body: DocumentPatchSchema,
      response: AdminDocumentSchema,
      errors: [404],
      handler: ({ params, body, state }) => updateDocument(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/documents/:id/publish',
      summary: 'Publish a draft, or bring a retired document back (409 when already published)',
      tags: ['admin', 'library'],
      access: { permission: 'library.write' },
      params: IdParams,
      response: AdminDocumentSchema,
      errors: [404, 409],
      handler: ({ params, state }) => publishDocument(deps, state.em, state.actor!, params.id, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/documents/:id/retire',
      summary: 'Retire a document: gone from lists, search and the reader; the app asks for confirmation first (409 when already retired)',
      tags: ['admin', 'library'],
      access: { permission: 'library.write' },
      params: IdParams,
      response: AdminDocumentSchema,
      errors: [404, 409],
      handler: ({ params, state }) => retireDocument(deps, state.em, state.actor!, params.id, state.requestId),
    }),
  ];
}
