import type { EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import type { DocumentListQuerySchema, DocumentRead, DocumentSummary } from '../../../../shared/schemas/library.schema';
import type { AppDeps } from '../../app-deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { DocumentViewSchema } from './document-view.entity';
import { LibraryDocumentSchema } from './document.entity';
import { earn } from '../points/points-earning';
import { shanghaiYear } from '../points/shanghai-time';
import { documentStatus, mayOpen, readingSeconds } from './document.policy';
import { attachmentsOf, summaryView } from './document.view';
import type { LibrarySearch } from './search/library-search';

type ListQuery = z.infer<typeof DocumentListQuerySchema>;
type Page = { items: DocumentSummary[]; nextCursor: string | null };

const badCursor = () => new ValidationError([{ path: 'query.cursor', message: 'Invalid cursor.' }]);

/**
 * Published documents, optionally of one category. With `q` they come in
 * order of relevance (cursor = position in the ranking); without, newest
 * first, keyset-paged by (publishedAt, id).
 */
export async function listDocuments(em: EntityManager, search: LibrarySearch, query: ListQuery): Promise<Page> {
  if (query.q) return searchDocuments(em, search, { ...query, q: query.q });
  let after: { at: Date; id: string } | undefined;
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) throw badCursor();
    after = { at: new Date(at), id };
  }
  const docs = await em.find(
    LibraryDocumentSchema,
    {
      publishedAt: { $ne: null },
      retiredAt: null,
      ...(query.category ? { category: query.category } : {}),
      ...(after ? { $or: [{ publishedAt: { $lt: after.at } }, { publishedAt: after.at, id: { $lt: after.id } }] } : {}),
    },
    { fields: ['id', 'title', 'category', 'summary', 'publishedAt'], orderBy: { publishedAt: 'desc', id: 'desc' }, limit: query.limit + 1 },
  );
  const page = docs.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(summaryView),
    nextCursor: docs.length > query.limit && last ? Buffer.from(`${last.publishedAt!.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

async function searchDocuments(em: EntityManager, search: LibrarySearch, query: ListQuery & { q: string }): Promise<Page> {
  let offset = 0;
  if (query.cursor) {
    if (!/^\d{1,6}$/.test(query.cursor)) throw badCursor();
    offset = Number(query.cursor);
  }
  const hits = (await search.index(em)).documents(query.q, { category: query.category });
  const page = hits.slice(offset, offset + query.limit);
  return {
    items: page.map((h) => ({ id: h.id, title: h.title, category: h.category, summary: h.summary, publishedAt: h.publishedAt })),
    nextCursor: offset + query.limit < hits.length ? String(offset + query.limit) : null,
  };
}

/**
 * Opens a document and records the opening as a browsing record (its id is
 * the `viewId` the reader reports reading time against). Readers get
 * published documents only; anything else is 404.
 */
export async function readDocument(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<DocumentRead> {
  const doc = await em.findOne(LibraryDocumentSchema, { id });
  if (!doc || !mayOpen(actor.permissions, documentStatus(doc))) throw new NotFoundError('No such document.');
  const now = deps.clock.now();
  const view = await em.transactional(async (tx) => {
    const view = tx.create(DocumentViewSchema, { id: newId(), userId: actor.userId, documentId: doc.id, secondsRead: 0, createdAt: now });
    // First read of a category this (Shanghai) year earns; the key makes every later read, of any document in it, earn nothing.
    await earn(deps, tx, now, {
      user: actor.user,
      reason: 'document_first_read',
      reference: `document:${doc.id}`,
      idempotencyKey: `document_first_read:${actor.userId}:${doc.category}:${shanghaiYear(now)}`,
    });
    await tx.flush();
    return view;
  });
  const attachments = (await attachmentsOf(em, [doc])).get(doc.id) ?? [];
  return { ...summaryView(doc), body: doc.body, attachments, viewId: view.id };
}

/**
 * Records how long an opening has been read. Only the reader's own opening
 * of this document counts (anyone else's is 404); the stored value only
 * grows, in one conditional update, so late or repeated reports cannot
 * lower it.
 */
export async function reportReading(em: EntityManager, actor: Actor, documentId: string, input: { viewId: string; seconds: number }) {
  const view = await em.findOne(DocumentViewSchema, { id: input.viewId, userId: actor.userId, documentId });
  if (!view) throw new NotFoundError('No such reading.');
  const seconds = readingSeconds(input.seconds);
  await em.nativeUpdate(DocumentViewSchema, { id: view.id, secondsRead: { $lt: seconds } }, { secondsRead: seconds });
  return { viewId: view.id, secondsRead: Math.max(view.secondsRead, seconds) };
}
