import type { EntityManager } from '@mikro-orm/core';
import type { AppDeps } from '../../app-deps';
import { NotFoundError } from '../../core/errors';
import { storedBytes } from '../files/files.service';
import { StoredFileSchema } from '../files/stored-file.entity';
import type { Gift } from './gift.entity';

// The API prefix is spelled out (app.ts's API_PREFIX) because app.ts imports this module's routes.
const GIFT_IMAGE_PATH = '/api/v1/gift-images/';

/** Relative like library assets: the client puts its own API origin in front. */
export function giftImageUrl(fileId: string): string {
  return `${GIFT_IMAGE_PATH}${fileId}`;
}

export interface GiftImage {
  id: string;
  url: string;
}

/**
 * The images of each gift in the order the gift lists them. Only files bound
 * to that gift count, so an id that was released since simply drops out.
 */
export async function imagesOf(em: EntityManager, gifts: Pick<Gift, 'id' | 'imageIds'>[]): Promise<Map<string, GiftImage[]>> {
  const ids = gifts.flatMap((g) => g.imageIds ?? []);
  const files = ids.length
    ? await em.find(StoredFileSchema, { id: { $in: ids }, purpose: 'gift_image', deletedAt: null }, { fields: ['id', 'giftId'] })
    : [];
  const owner = new Map(files.map((f) => [f.id, f.giftId]));
  return new Map(gifts.map((g) => [g.id, (g.imageIds ?? []).filter((id) => owner.get(id) === g.id).map((id) => ({ id, url: giftImageUrl(id) }))]));
}

/**
 * Binds the listed images to a gift. A file qualifies when it is this gift's
 * already, or a gift image the admin uploaded that nothing else uses; an
 * image is never moved from one gift to another. Images the gift no longer
 * lists are released (and stop being served). Changes nothing and returns
 * the ids that do not qualify, if any; the caller flushes with the gift.
 */
export async function bindGiftImages(em: EntityManager, input: { giftId: string; adminId: string; imageIds: string[]; now: Date }): Promise<{ rejected: string[] }> {
  const ids = [...new Set(input.imageIds)];
  const found = ids.length
    ? await em.find(StoredFileSchema, {
        id: { $in: ids },
        purpose: 'gift_image',
        deletedAt: null,
        $or: [{ giftId: input.giftId }, { ownerId: input.adminId, giftId: null, documentId: null, ticketId: null, chatId: null }],
      })
    : [];
  const usable = new Set(found.map((f) => f.id));
  const rejected = ids.filter((id) => !usable.has(id));
  if (rejected.length) return { rejected };
  for (const file of found) {
    file.giftId = input.giftId;
    file.attachedAt ??= input.now;
  }
  const dropped = await em.find(StoredFileSchema, { giftId: input.giftId, ...(ids.length ? { id: { $nin: ids } } : {}) });
  for (const file of dropped) file.giftId = null;
  return { rejected: [] };
}

/**
 * The bytes of a gift image. Public: the catalog shows them in image tags,
 * which cannot send a session, and a product photo is no secret. Any other
 * file — a badge, a fault photo, an upload no gift uses — is 404 here.
 */
export async function readGiftImage(deps: AppDeps, em: EntityManager, fileId: string): Promise<{ mime: string; bytes: Buffer }> {
  const file = await em.findOne(StoredFileSchema, { id: fileId, purpose: 'gift_image', giftId: { $ne: null }, deletedAt: null });
  const bytes = file ? await storedBytes(deps, file) : null;
  if (!file || !bytes) throw new NotFoundError('No such file.');
  return { mime: file.mime, bytes };
}
