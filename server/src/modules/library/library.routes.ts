import { z } from 'zod';
import { SuggestionsQuerySchema, SuggestionsSchema } from '../../../../shared/schemas/chat.schema';
import {
  BrowsingPageSchema,
  BrowsingQuerySchema,
  DocumentListQuerySchema,
  DocumentPageSchema,
  DocumentReadSchema,
  ReadingResultSchema,
  ReadingSchema,
} from '../../../../shared/schemas/library.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { myBrowsing } from './browsing.service';
import { listDocuments, readDocument, reportReading } from './documents.service';
import { libraryAdminRoutes } from './library-admin.routes';
import { readLibraryAsset } from './library-assets.service';
import { LibrarySearch } from './search/library-search';
import { suggestions } from './suggestions.service';

const IdParams = z.object({ id: z.string().uuid() });

/** The document library: reading, search and suggestions (one search index per app), public library files, and the admin routes. */
export function libraryRoutes(deps: AppDeps) {
  const search = new LibrarySearch(deps.logger);
  return [
    defineRoute({
      method: 'get',
      path: '/documents',
      summary: 'Published documents, optionally of one category; with `q` ranked by relevance, else newest first',
      tags: ['library'],
      access: { permission: 'library.read' },
      query: DocumentListQuerySchema,
      response: DocumentPageSchema,
      handler: ({ query, state }) => listDocuments(state.em, search, query),
    }),
    defineRoute({
      method: 'get',
      path: '/documents/:id',
      summary: 'Read a published document; records a browsing record whose id (`viewId`) takes the reading-time reports',
      tags: ['library'],
      access: { permission: 'library.read' },
      params: IdParams,
      response: DocumentReadSchema,
      errors: [404],
      handler: ({ params, state }) => readDocument(deps, state.em, state.actor!, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/documents/:id/reading',
      summary: 'Report seconds read for one of the caller’s own openings; only the largest value counts (capped at two hours)',
      tags: ['library'],
      access: { permission: 'library.read' },
      params: IdParams,
      body: ReadingSchema,
      response: ReadingResultSchema,
      errors: [404],
      handler: ({ params, body, state }) => reportReading(state.em, state.actor!, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/help/suggestions',
      summary: 'Before a conversation: the three documents and three past answers that best match the question',
      tags: ['library', 'chat'],
      access: { permission: 'library.read' },
      query: SuggestionsQuerySchema,
      response: SuggestionsSchema,
      handler: ({ query, state }) => suggestions(state.em, search, query.q),
    }),
    defineRoute({
      method: 'get',
      path: '/me/browsing',
      summary: 'The caller’s own browsing records, newest first',
      tags: ['library', 'privacy'],
      access: { permission: 'library.read' },
      query: BrowsingQuerySchema,
      response: BrowsingPageSchema,
      handler: ({ query, state }) => myBrowsing(state.em, state.actor!, query),
    }),
    defineRoute({
      method: 'get',
      path: '/library-assets/:fileId',
      summary: 'An image or PDF of a published document (no session needed: rich-text images cannot send one); library editors also get drafts’',
      tags: ['library'],
      access: { public: true },
      params: z.object({ fileId: z.string().uuid() }),
      response: z.unknown(),
      produces: 'application/octet-stream',
      errors: [404],
      handler: async ({ params, state, ctx }) => {
        const asset = await readLibraryAsset(deps, state.em, state.actor, params.fileId);
        ctx.type = asset.mime;
        // Published files may be cached briefly (a retired document's files disappear within minutes); previews never.
        ctx.set('Cache-Control', asset.published ? 'public, max-age=300' : 'private, no-store');
        return asset.bytes;
      },
    }),
    ...libraryAdminRoutes(deps),
  ];
}
