import type { EntityManager } from '@mikro-orm/core';
import type { OrderView, RedeemInput } from '../../../../shared/schemas/redemptions.schema';
import type { AppDeps } from '../../app-deps';
import { ForbiddenError, GiftLimitReachedError, GiftUnavailableError, GiftValueCapReachedError, NotFoundError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { AddressSchema } from '../addresses/address.entity';
import { openAddress, sealSnapshot, snapshotOf } from '../addresses/address.codec';
import { GiftSchema } from '../gifts/gift.entity';
import { isListed } from '../gifts/gift.policy';
import { moveStock } from '../gifts/gift-stock';
import { lockAccount, post } from '../points/points-ledger';
import { newOrderNumber } from './order-number';
import { unitsHeld, valueThisYear } from './order-totals';
import { RedemptionOrderSchema } from './redemption-order.entity';
import { ownOrder } from './orders.service';

/**
 * Redeems a gift: debits the points, takes the units and writes the order in
 * one transaction, under `once` so a retry with the same Idempotency-Key
 * returns the first order. Only staff hold points (access-matrix.md: admins
 * run the catalog, they do not shop in it).
 */
export async function redeem(deps: AppDeps, em: EntityManager, actor: Actor, input: RedeemInput, idempotencyKey: string | undefined): Promise<OrderView> {
  if (actor.user.role !== 'staff') throw new ForbiddenError('只有医院员工可以兑换礼品');
  const created = await once(em, { userId: actor.userId, route: 'POST /redemptions', key: idempotencyKey, body: input }, (tx) =>
    placeOrder(deps, tx, actor.userId, input),
  );
  return ownOrder(deps, em, actor, created.id);
}

/**
 * The order of the checks is the order of usefulness to the person asking
 * (decision 011): first whether the gift can be had at all (404, then
 * GIFT_UNAVAILABLE — nothing they can do), then their own limits on it
 * (GIFT_LIMIT_REACHED, GIFT_VALUE_CAP_REACHED — earning more points would
 * not help, so these come before the balance), then the address (a stale
 * pick from another device; worth fixing only if the rest would pass), then
 * points (INSUFFICIENT_POINTS) and last stock (OUT_OF_STOCK), the two guarded
 * moves. The account is locked before anything is counted, so two of one
 * person's redemptions cannot both pass a cap, and before the gift row, the
 * lock order every path keeps. Any refusal rolls the whole transaction back.
 */
async function placeOrder(deps: AppDeps, tx: EntityManager, userId: string, input: RedeemInput): Promise<{ id: string }> {
  const now = deps.clock.now();
  await lockAccount(tx, userId, now);

  const gift = await tx.findOne(GiftSchema, { id: input.giftId });
  if (!gift) throw new NotFoundError('没有这件礼品');
  if (!isListed(gift, now)) throw new GiftUnavailableError(gift.active ? '该礼品不在兑换时间内' : '该礼品已下架');

  const held = await unitsHeld(tx, userId, gift.id);
  if (held + input.quantity > gift.perPersonLimit) {
    throw new GiftLimitReachedError(`该礼品每人限兑 ${gift.perPersonLimit} 件，您已兑换 ${held} 件`);
  }
  const cap = deps.env.POINTS_YEARLY_VALUE_CAP_YUAN;
  const value = gift.valueYuan * input.quantity;
  const used = await valueThisYear(tx, userId, now);
  if (used + value > cap) {
    throw new GiftValueCapReachedError(`每人每年兑换礼品价值上限为 ${cap} 元，今年已兑换 ${used} 元，本单 ${value} 元`);
  }

  const address = await tx.findOne(AddressSchema, { id: input.addressId, userId });
  if (!address) throw new NotFoundError('收货地址不存在，请重新选择');

  const orderId = newId();
  const reference = `order:${orderId}`;
  const pointsTotal = gift.pointsPrice * input.quantity;
  await post(tx, now, { userId, delta: -pointsTotal, reason: 'redemption', reference, idempotencyKey: `redemption:${orderId}` });
  await moveStock(tx, now, { giftId: gift.id, delta: -input.quantity, reason: 'redemption', reference, actorId: userId });

  const snapshot = snapshotOf(openAddress(deps.cipher, address.id, address.sealed));
  tx.create(RedemptionOrderSchema, {
    id: orderId,
    createdAt: now,
    number: await freeNumber(tx, now),
    userId,
    giftId: gift.id,
    giftName: gift.name,
    quantity: input.quantity,
    pointsTotal,
    valueYuanTotal: value,
    addressSealed: sealSnapshot(deps.cipher, orderId, snapshot),
    status: 'pending',
    carrier: null,
    trackingNo: null,
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelledById: null,
    cancelReason: null,
    updatedAt: now,
  });
  await tx.flush();
  return { id: orderId };
}

/** A number no order has; a clash needs two draws of 32⁶ on one day, so a second try is already overkill. */
async function freeNumber(tx: EntityManager, now: Date): Promise<string> {
  for (;;) {
    const number = newOrderNumber(now);
    if (!(await tx.count(RedemptionOrderSchema, { number }))) return number;
  }
}
