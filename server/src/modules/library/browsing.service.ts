import type { EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import type { BrowsingPageSchema } from '../../../../shared/schemas/library.schema';
import type { Actor } from '../../http/state';
import { DocumentViewSchema } from './document-view.entity';
import { LibraryDocumentSchema } from './document.entity';

/**
 * The caller's own browsing records, newest first, keyset-paged by id. The
 * query is bound to the caller: there is no parameter naming a user, so
 * nobody (admins included) can page through another person's history here.
 */
export async function myBrowsing(em: EntityManager, actor: Actor, query: { cursor?: string; limit: number }): Promise<z.infer<typeof BrowsingPageSchema>> {
  const views = await em.find(
    DocumentViewSchema,
    { userId: actor.userId, ...(query.cursor ? { id: { $lt: query.cursor } } : {}) },
    { orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const page = views.slice(0, query.limit);
  const documentIds = [...new Set(page.map((v) => v.documentId))];
  const docs = documentIds.length ? await em.find(LibraryDocumentSchema, { id: { $in: documentIds } }, { fields: ['id', 'title'] }) : [];
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  return {
    items: page.map((v) => ({
      id: v.id,
      document: { id: v.documentId, title: titles.get(v.documentId) ?? '' },
      openedAt: v.createdAt.toISOString(),
      secondsRead: v.secondsRead,
    })),
    nextCursor: views.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
