import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../core/ids';
import type { FilePurpose, StoredFileInfo } from '../../../../shared/schemas/files.schema';
import type { AppDeps } from '../../app-deps';
import { ForbiddenError, NotFoundError, PayloadTooLargeError, ValidationError } from '../../core/errors';
import type { UploadedFile } from '../../http/route';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { requirePurpose } from '../privacy/consent.service';
import { recordPiiAccess } from '../privacy/pii-access.service';
import { seesChat } from '../chat/chat-visibility';
import { visibleTicket } from '../tickets/tickets.service';
import { isImage, PURPOSE_RULES } from './file.policy';
import { reencodeImage, sniffType } from './media.processing';
import { StoredFileSchema, type StoredFile } from './stored-file.entity';

const contentRef = (id: string) => ({ table: 'stored_file', column: 'content', id });

/**
 * Takes an upload: checks the consent and permission its purpose needs,
 * judges the type by its bytes, re-encodes images (dropping EXIF and GPS),
 * encrypts the result and stores it. Nothing is kept if any step fails.
 */
export async function uploadFile(deps: AppDeps, em: EntityManager, actor: Actor, purpose: FilePurpose, file: UploadedFile): Promise<StoredFileInfo> {
  const rule = PURPOSE_RULES[purpose];
  if (rule.permissions && !rule.permissions.some((p) => actor.permissions.has(p))) throw new ForbiddenError('Your account cannot upload files for this purpose.');
  if (rule.consent) requirePurpose(actor.user, rule.consent);
  if (file.size > rule.maxBytes) throw new PayloadTooLargeError(`Files for ${purpose} may be at most ${rule.maxBytes / 1024 / 1024} MB.`);

  const sniffed = await sniffType(file.buffer);
  if (!sniffed || !rule.accept.includes(sniffed)) {
    throw new ValidationError([{ path: 'file', message: `Not an accepted file type for ${purpose} (found ${sniffed ?? 'unknown content'}).` }]);
  }
  let bytes = file.buffer;
  let mime = sniffed;
  if (isImage(sniffed)) {
    try {
      bytes = await reencodeImage(file.buffer);
    } catch {
      throw new ValidationError([{ path: 'file', message: 'The image could not be read.' }]);
    }
    mime = 'image/jpeg';
  }

  const id = newId();
  const stored = em.create(StoredFileSchema, { id, ownerId: actor.userId, purpose, mime, size: bytes.length, storageKey: `files/${id.slice(-2)}/${id}` });
  await deps.storage.put(stored.storageKey, deps.cipher.sealBytes(contentRef(stored.id), bytes));
  try {
    await em.flush();
  } catch (err) {
    await deps.storage.delete(stored.storageKey);
    throw err;
  }
  return { id: stored.id, mime, size: bytes.length };
}

/**
 * Who may read a file: its owner; an admin reviewing registrations for a
 * badge (each view is audited); those who may see the ticket or the
 * conversation a file was sent with. Everyone else gets 404.
 */
async function mayRead(deps: AppDeps, em: EntityManager, actor: Actor, file: StoredFile): Promise<'owner' | 'badge-review' | 'ticket' | 'chat' | false> {
  if (file.ownerId === actor.userId) return 'owner';
  if (file.purpose === 'badge' && actor.permissions.has('admin.registrations')) return 'badge-review';
  if (file.ticketId && (file.purpose === 'ticket_photo' || file.purpose === 'ticket_voice')) {
    // Fault media may show patient screens: dealers get the minimal ticket view, never the media.
    if (actor.user.role === 'dealer') return false;
    const seen = await visibleTicket(deps, em, actor, file.ticketId).then(
      () => true,
      (err: unknown) => (err instanceof NotFoundError ? false : Promise.reject(err)),
    );
    return seen ? 'ticket' : false;
  }
  if (file.chatId && file.purpose === 'chat') {
    // Whoever may see the conversation (its owner, engineers, admins); dealers have no chats.
    if (actor.user.role === 'dealer') return false;
    return (await seesChat(deps, em, actor, file.chatId)) ? 'chat' : false;
  }
  return false;
}

export async function readFile(deps: AppDeps, em: EntityManager, actor: Actor, id: string, requestId: string): Promise<{ mime: string; bytes: Buffer }> {
  const file = await em.findOne(StoredFileSchema, { id, deletedAt: null });
  const access = file ? await mayRead(deps, em, actor, file) : false;
  if (!file || !access) throw new NotFoundError('No such file.');
  const blob = await deps.storage.get(file.storageKey);
  if (!blob) throw new NotFoundError('No such file.');
  if (access === 'badge-review') {
    recordAudit(em, { actorId: actor.userId, action: 'pii.badge.view', subjectUserId: file.ownerId, fields: ['badge_photo'], requestId });
    recordPiiAccess(em, { actorId: actor.userId, subjectUserId: file.ownerId, action: 'badge.view', fields: ['badge_photo'], purpose: '注册审核', requestId });
    await em.flush();
  }
  return { mime: file.mime, bytes: deps.cipher.openBytes(contentRef(file.id), blob) };
}

/**
 * Marks an upload as used by a record (registration, ticket, comment, chat
 * message) so retention and cleanup know. Attached to a ticket or a
 * conversation, a file is taken once: the same photo cannot be moved onto
 * another ticket, or shown in someone else's conversation.
 */
export async function claimFile(
  em: EntityManager,
  ownerId: string,
  id: string,
  purpose: FilePurpose,
  now: Date,
  attach?: { ticketId: string; commentId?: string } | { chatId: string },
): Promise<StoredFile | null> {
  const free = !attach ? {} : 'chatId' in attach ? { chatId: null } : { ticketId: null };
  const file = await em.findOne(StoredFileSchema, { id, ownerId, purpose, deletedAt: null, ...free });
  if (!file) return null;
  file.attachedAt = now;
  if (attach && 'chatId' in attach) {
    file.chatId = attach.chatId;
  } else if (attach) {
    file.ticketId = attach.ticketId;
    file.commentId = attach.commentId ?? null;
  }
  return file;
}

/**
 * Binds the images and PDFs a library document uses to it (`documentId`),
 * which makes them public once the document is published. A file qualifies
 * with the right purpose when it is this document's already (another admin
 * may edit it) or a free upload of the editor's own; one document's file is
 * never moved to another. Files the document no longer uses are released.
 * Changes nothing and returns the ids that do not qualify, if any; the
 * caller flushes with the document.
 */
export async function bindDocumentFiles(
  em: EntityManager,
  input: { documentId: string; editorId: string; imageIds: string[]; pdfIds: string[]; now: Date },
): Promise<{ rejected: string[] }> {
  const wanted = new Map<string, FilePurpose>([
    ...input.imageIds.map((id) => [id, 'document_image'] as const),
    ...input.pdfIds.map((id) => [id, 'document_pdf'] as const),
  ]);
  const ids = [...wanted.keys()];
  const found = ids.length
    ? await em.find(StoredFileSchema, {
        id: { $in: ids },
        deletedAt: null,
        $or: [{ documentId: input.documentId }, { ownerId: input.editorId, documentId: null, ticketId: null, chatId: null }],
      })
    : [];
  const usable = new Map(found.filter((f) => wanted.get(f.id) === f.purpose).map((f) => [f.id, f]));
  const rejected = ids.filter((id) => !usable.has(id));
  if (rejected.length) return { rejected };
  for (const file of usable.values()) {
    file.documentId = input.documentId;
    file.attachedAt ??= input.now;
  }
  const dropped = await em.find(StoredFileSchema, { documentId: input.documentId, ...(ids.length ? { id: { $nin: ids } } : {}) });
  for (const file of dropped) file.documentId = null;
  return { rejected: [] };
}

/** The decrypted bytes of a stored file, for services that decided access themselves (library assets); null when the blob is gone. */
export async function storedBytes(deps: AppDeps, file: StoredFile): Promise<Buffer | null> {
  const blob = await deps.storage.get(file.storageKey);
  return blob ? deps.cipher.openBytes(contentRef(file.id), blob) : null;
}
