import type { EntityManager } from '@mikro-orm/core';
import type { AppDeps } from '../../app-deps';
import { NotFoundError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { storedBytes } from '../files/files.service';
import { StoredFileSchema } from '../files/stored-file.entity';
import { LibraryDocumentSchema } from './document.entity';
import { documentStatus } from './document.policy';

/**
 * The bytes of a library image or PDF. Public (an image inside rich text
 * cannot send a session) once its document is published; a draft's or a
 * retired document's files only to a signed-in library editor, for preview.
 * Any other file — a badge, a fault photo, a released image — is 404 here
 * whatever the caller may see elsewhere.
 */
export async function readLibraryAsset(deps: AppDeps, em: EntityManager, actor: Actor | undefined, fileId: string): Promise<{ mime: string; bytes: Buffer; published: boolean }> {
  const file = await em.findOne(StoredFileSchema, { id: fileId, deletedAt: null, purpose: { $in: ['document_image', 'document_pdf'] }, documentId: { $ne: null } });
  const doc = file ? await em.findOne(LibraryDocumentSchema, { id: file.documentId! }, { fields: ['id', 'publishedAt', 'retiredAt'] }) : null;
  const published = doc ? documentStatus(doc) === 'published' : false;
  const editor = Boolean(actor && !actor.consentBlock && actor.permissions.has('library.write'));
  if (!file || !doc || !(published || editor)) throw new NotFoundError('No such file.');
  const bytes = await storedBytes(deps, file);
  if (!bytes) throw new NotFoundError('No such file.');
  return { mime: file.mime, bytes, published };
}
