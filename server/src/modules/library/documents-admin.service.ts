import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { AdminDocument, DocumentPatch, DocumentWrite } from '../../../../shared/schemas/library.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import type { FieldError } from '../../../../shared/errors';
import { recordAudit } from '../audit/audit.service';
import { bindDocumentFiles } from '../files/files.service';
import { LibraryDocumentSchema, type LibraryDocument } from './document.entity';
import { canPublish, canRetire, documentStatus, type DocumentStatus } from './document.policy';
import { adminView, attachmentsOf } from './document.view';
import { sanitiseDocumentBody } from './library.html';

/** The admin list shows the most recently written documents; the library is hundreds, not tens of thousands. */
const ADMIN_LIST_LIMIT = 200;

const STATUS_WHERE: Record<DocumentStatus, FilterQuery<LibraryDocument>> = {
  draft: { publishedAt: null, retiredAt: null },
  published: { publishedAt: { $ne: null }, retiredAt: null },
  retired: { retiredAt: { $ne: null } },
};

const auditReason = (d: LibraryDocument) => `${d.id} ${d.title}`.slice(0, 200);

async function withAttachments(em: EntityManager, doc: LibraryDocument): Promise<AdminDocument> {
  return adminView(doc, (await attachmentsOf(em, [doc])).get(doc.id) ?? []);
}

async function editable(em: EntityManager, id: string): Promise<LibraryDocument> {
  const doc = await em.findOne(LibraryDocumentSchema, { id });
  if (!doc) throw new NotFoundError('No such document.');
  return doc;
}

export async function listAdminDocuments(em: EntityManager, query: { status?: DocumentStatus; q?: string }): Promise<{ items: AdminDocument[] }> {
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where: FilterQuery<LibraryDocument>[] = [];
  if (query.status) where.push(STATUS_WHERE[query.status]);
  if (like) where.push({ $or: [{ title: { $like: like } }, { summary: { $like: like } }] });
  const docs = await em.find(
    LibraryDocumentSchema,
    { $and: where },
    { orderBy: { id: 'desc' }, limit: ADMIN_LIST_LIMIT },
  );
  const attachments = await attachmentsOf(em, docs);
  return { items: docs.map((d) => adminView(d, attachments.get(d.id) ?? [])) };
}

export async function getAdminDocument(em: EntityManager, id: string): Promise<AdminDocument> {
  return withAttachments(em, await editable(em, id));
}

/**
 * Sanitises the body and binds its images and the attachments to the
 * document; an image or PDF that is not a library upload of the editor's
 * own (or this document's already) is a field error, and nothing is saved.
 */
async function applyContent(deps: AppDeps, em: EntityManager, editor: Actor, doc: LibraryDocument, body: string, attachmentIds: string[]): Promise<void> {
  const clean = sanitiseDocumentBody(body);
  const pdfIds = [...new Set(attachmentIds)];
  const { rejected } = await bindDocumentFiles(em, { documentId: doc.id, editorId: editor.userId, imageIds: clean.imageIds, pdfIds, now: deps.clock.now() });
  if (rejected.length) {
    const errors: FieldError[] = [];
    if (clean.imageIds.some((id) => rejected.includes(id))) errors.push({ path: 'body', message: '正文中的图片须为本人上传的资料图片' });
    attachmentIds.forEach((id, i) => {
      if (rejected.includes(id)) errors.push({ path: `attachmentIds.${i}`, message: '附件须为本人上传的 PDF 资料' });
    });
    throw new ValidationError(errors);
  }
  doc.body = clean.html;
  doc.attachmentIds = pdfIds;
}

/**
 * A new document starts as a draft: readers see it only once it is
 * published. With an Idempotency-Key, a resent save returns the first draft
 * instead of making a second one.
 */
export async function createDocument(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  input: DocumentWrite,
  idempotencyKey: string | undefined,
  requestId: string,
): Promise<AdminDocument> {
  return once(em, { userId: admin.userId, route: 'POST /admin/documents', key: idempotencyKey, body: input }, async (tx) => {
    const doc = tx.create(LibraryDocumentSchema, {
      id: newId(),
      title: input.title,
      category: input.category,
      summary: input.summary,
      body: '',
      publishedAt: null,
      retiredAt: null,
      attachmentIds: [],
      updatedById: admin.userId,
    });
    await applyContent(deps, tx, admin, doc, input.body, input.attachmentIds);
    recordAudit(tx, { actorId: admin.userId, action: 'library.document.create', reason: auditReason(doc), requestId });
    await tx.flush();
    return withAttachments(tx, doc);
  });
}

/** Edits take effect at once, also on a published document (search sees them on its next query). */
export async function updateDocument(deps: AppDeps, em: EntityManager, admin: Actor, id: string, patch: DocumentPatch, requestId: string): Promise<AdminDocument> {
  const doc = await editable(em, id);
  const changed = (Object.keys(patch) as (keyof DocumentPatch)[]).filter((k) => patch[k] !== undefined);
  if (patch.title !== undefined) doc.title = patch.title;
  if (patch.category !== undefined) doc.category = patch.category;
  if (patch.summary !== undefined) doc.summary = patch.summary;
  if (patch.body !== undefined || patch.attachmentIds !== undefined) {
    await applyContent(deps, em, admin, doc, patch.body ?? doc.body, patch.attachmentIds ?? doc.attachmentIds ?? []);
  }
  doc.updatedById = admin.userId;
  recordAudit(em, { actorId: admin.userId, action: 'library.document.update', fields: changed, reason: auditReason(doc), requestId });
  await em.flush();
  return withAttachments(em, doc);
}

export async function publishDocument(deps: AppDeps, em: EntityManager, admin: Actor, id: string, requestId: string): Promise<AdminDocument> {
  const doc = await editable(em, id);
  if (!canPublish(documentStatus(doc))) throw new ConflictError('该文档已发布。');
  // Bringing a retired document back keeps its first publication date.
  doc.publishedAt ??= deps.clock.now();
  doc.retiredAt = null;
  doc.updatedById = admin.userId;
  recordAudit(em, { actorId: admin.userId, action: 'library.document.publish', reason: auditReason(doc), requestId });
  await em.flush();
  return withAttachments(em, doc);
}

/** Retiring takes a document out of lists, search and the reader (404), and its files stop being served. */
export async function retireDocument(deps: AppDeps, em: EntityManager, admin: Actor, id: string, requestId: string): Promise<AdminDocument> {
  const doc = await editable(em, id);
  if (!canRetire(documentStatus(doc))) throw new ConflictError('该文档已下架。');
  doc.retiredAt = deps.clock.now();
  doc.updatedById = admin.userId;
  recordAudit(em, { actorId: admin.userId, action: 'library.document.retire', reason: auditReason(doc), requestId });
  await em.flush();
  return withAttachments(em, doc);
}
