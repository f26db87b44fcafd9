import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../core/ids';
import type { FilePurpose, StoredFileInfo } from '../../../../shared/schemas/files.schema';
import type { AppDeps } from '../../app-deps';
import { ForbiddenError, NotFoundError, PayloadTooLargeError, ValidationError } from '../../core/errors';
import type { UploadedFile } from '../../http/route';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { requirePurpose } from '../privacy/consent.service';
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
 * badge (each view is audited). Records that use files (tickets, chats)
 * extend this with their own policies. Everyone else gets 404.
 */
async function mayRead(deps: AppDeps, em: EntityManager, actor: Actor, file: StoredFile): Promise<'owner' | 'badge-review' | 'ticket' | false> {
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
    await em.flush();
  }
  return { mime: file.mime, bytes: deps.cipher.openBytes(contentRef(file.id), blob) };
}

/**
 * Marks an upload as used by a record (registration, ticket, comment) so
 * retention and cleanup know. Attached to a ticket, a file is taken once:
 * the same photo cannot be moved onto another ticket.
 */
export async function claimFile(
  em: EntityManager,
  ownerId: string,
  id: string,
  purpose: FilePurpose,
  now: Date,
  attach?: { ticketId: string; commentId?: string },
): Promise<StoredFile | null> {
  const file = await em.findOne(StoredFileSchema, { id, ownerId, purpose, deletedAt: null, ...(attach ? { ticketId: null } : {}) });
  if (!file) return null;
  file.attachedAt = now;
  if (attach) {
    file.ticketId = attach.ticketId;
    file.commentId = attach.commentId ?? null;
  }
  return file;
}
