import type { EntityManager } from '@mikro-orm/core';
import type { FieldError } from '../../../../shared/errors';
import type { AdminGiftView, GiftCreate, GiftPatch, StockChangeInput, StockChangeView } from '../../../../shared/schemas/gifts.schema';
import type { AppDeps } from '../../app-deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { GiftSchema, type Gift } from './gift.entity';
import { bindGiftImages, imagesOf } from './gift-images.service';
import { moveStock } from './gift-stock';
import { GiftStockChangeSchema } from './gift-stock-change.entity';
import { adminGiftView, stockChangeView } from './gift.view';
import { redeemedUnits } from './redeemed-units';

/** The admin list shows every gift ever made (there is no delete); a catalog stays in the hundreds at most. */
const ADMIN_LIST_LIMIT = 500;

const auditReason = (g: Gift, extra = '') => `${g.id} ${g.name}${extra}`.slice(0, 200);
const toDate = (v: string | null) => (v ? new Date(v) : null);

async function viewOf(deps: AppDeps, em: EntityManager, gift: Gift): Promise<AdminGiftView> {
  const images = await imagesOf(em, [gift]);
  const redeemed = await redeemedUnits(em);
  return adminGiftView(gift, images.get(gift.id) ?? [], redeemed.get(gift.id) ?? 0, deps.clock.now());
}

async function existing(em: EntityManager, id: string): Promise<Gift> {
  const gift = await em.findOne(GiftSchema, { id });
  if (!gift) throw new NotFoundError('No such gift.');
  return gift;
}

/** Binds the images or, when one is not the admin's own free gift image, refuses with a field error per offending entry. */
async function applyImages(em: EntityManager, admin: Actor, gift: Gift, imageIds: string[], now: Date): Promise<void> {
  const { rejected } = await bindGiftImages(em, { giftId: gift.id, adminId: admin.userId, imageIds, now });
  if (rejected.length) {
    const errors: FieldError[] = [];
    imageIds.forEach((id, i) => {
      if (rejected.includes(id)) errors.push({ path: `imageIds.${i}`, message: '图片须为本人上传、未被其他礼品使用的礼品图片' });
    });
    throw new ValidationError(errors);
  }
  gift.imageIds = [...new Set(imageIds)];
}

export async function listAdminGifts(deps: AppDeps, em: EntityManager): Promise<{ items: AdminGiftView[] }> {
  const now = deps.clock.now();
  const gifts = await em.find(GiftSchema, {}, { orderBy: { id: 'desc' }, limit: ADMIN_LIST_LIMIT });
  const images = await imagesOf(em, gifts);
  const redeemed = await redeemedUnits(em);
  return { items: gifts.map((g) => adminGiftView(g, images.get(g.id) ?? [], redeemed.get(g.id) ?? 0, now)) };
}

export async function getAdminGift(deps: AppDeps, em: EntityManager, id: string): Promise<AdminGiftView> {
  return viewOf(deps, em, await existing(em, id));
}

/**
 * A new gift. It is made with no stock and the starting stock goes in as
 * the first stock change, so the stock history adds up from zero. With an
 * Idempotency-Key a resent save returns the first gift instead of a second.
 */
export async function createGift(deps: AppDeps, em: EntityManager, admin: Actor, input: GiftCreate, idempotencyKey: string | undefined, requestId: string): Promise<AdminGiftView> {
  return once(em, { userId: admin.userId, route: 'POST /admin/gifts', key: idempotencyKey, body: input }, async (tx) => {
    const now = deps.clock.now();
    const gift = tx.create(GiftSchema, {
      id: newId(),
      name: input.name,
      description: input.description,
      pointsPrice: input.pointsPrice,
      valueYuan: input.valueYuan,
      stock: 0,
      perPersonLimit: input.perPersonLimit,
      active: input.active,
      imageIds: [],
      activeFrom: toDate(input.activeFrom),
      activeUntil: toDate(input.activeUntil),
      updatedAt: now,
    });
    await applyImages(tx, admin, gift, input.imageIds, now);
    recordAudit(tx, { actorId: admin.userId, action: 'gift.create', reason: auditReason(gift), requestId });
    // The row must exist before the stock move's guarded update can find it.
    await tx.flush();
    if (input.stock > 0) {
      await moveStock(tx, now, { giftId: gift.id, delta: input.stock, reason: 'initial', reference: null, actorId: admin.userId, note: null });
      await tx.refresh(gift);
    }
    return viewOf(deps, tx, gift);
  });
}

/**
 * Edits take effect at once. Stock is not editable here: it moves only
 * through stock changes, so every unit is accounted for. Switching a gift
 * off takes it out of the catalog; orders already placed are not touched.
 */
export async function updateGift(deps: AppDeps, em: EntityManager, admin: Actor, id: string, patch: GiftPatch, requestId: string): Promise<AdminGiftView> {
  return em.transactional(async (tx) => {
    const now = deps.clock.now();
    const gift = await existing(tx, id);
    const changed = (Object.keys(patch) as (keyof GiftPatch)[]).filter((k) => patch[k] !== undefined);
    if (patch.name !== undefined) gift.name = patch.name;
    if (patch.description !== undefined) gift.description = patch.description;
    if (patch.pointsPrice !== undefined) gift.pointsPrice = patch.pointsPrice;
    if (patch.valueYuan !== undefined) gift.valueYuan = patch.valueYuan;
    if (patch.perPersonLimit !== undefined) gift.perPersonLimit = patch.perPersonLimit;
    if (patch.active !== undefined) gift.active = patch.active;
    if (patch.activeFrom !== undefined) gift.activeFrom = toDate(patch.activeFrom);
    if (patch.activeUntil !== undefined) gift.activeUntil = toDate(patch.activeUntil);
    // The schema checks a window given whole; one end moved past the stored other end is caught here.
    if (gift.activeFrom && gift.activeUntil && gift.activeUntil.getTime() <= gift.activeFrom.getTime()) {
      throw new ValidationError([{ path: patch.activeUntil !== undefined ? 'activeUntil' : 'activeFrom', message: '下架时间必须晚于上架时间' }]);
    }
    if (patch.imageIds !== undefined) await applyImages(tx, admin, gift, patch.imageIds, now);
    gift.updatedAt = now;
    recordAudit(tx, { actorId: admin.userId, action: 'gift.update', fields: changed, reason: auditReason(gift), requestId });
    await tx.flush();
    return viewOf(deps, tx, gift);
  });
}

/**
 * Units in or out with a note (入库、盘点、破损), recorded with the admin's id
 * and the stock it left. Taking out more than there is changes nothing
 * (409 OUT_OF_STOCK). With an Idempotency-Key a resent adjustment counts once.
 */
export async function changeStock(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  id: string,
  input: StockChangeInput,
  idempotencyKey: string | undefined,
  requestId: string,
): Promise<StockChangeView> {
  return once(em, { userId: admin.userId, route: 'POST /admin/gifts/:id/stock-changes', key: idempotencyKey, body: { giftId: id, ...input } }, async (tx) => {
    const gift = await existing(tx, id);
    const { changeId } = await moveStock(tx, deps.clock.now(), {
      giftId: gift.id,
      delta: input.delta,
      reason: 'admin_adjustment',
      reference: null,
      actorId: admin.userId,
      note: input.note,
    });
    const sign = input.delta > 0 ? '+' : '';
    recordAudit(tx, { actorId: admin.userId, action: 'gift.stock_change', fields: ['stock'], reason: auditReason(gift, ` ${sign}${input.delta} ${input.note}`), requestId });
    await tx.flush();
    return stockChangeView(await tx.findOneOrFail(GiftStockChangeSchema, { id: changeId }));
  });
}

/** A gift's stock history, newest first, keyset by (time-ordered) id. */
export async function stockChanges(em: EntityManager, id: string, query: { cursor?: string; limit: number }): Promise<{ items: StockChangeView[]; nextCursor: string | null }> {
  await existing(em, id);
  const found = await em.find(
    GiftStockChangeSchema,
    { giftId: id, ...(query.cursor ? { id: { $lt: query.cursor } } : {}) },
    { orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const page = found.slice(0, query.limit);
  return { items: page.map(stockChangeView), nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null };
}
