import type { EntityManager } from '@mikro-orm/core';
import type { OrderStatus } from '../../../../shared/schemas/redemptions.schema';
import { ConflictError } from '../../core/errors';
import { moveStock } from '../gifts/gift-stock';
import { post } from '../points/points-ledger';
import type { OrderRow } from './orders.read';
import { RedemptionOrderSchema } from './redemption-order.entity';

export interface Cancellation {
  order: Pick<OrderRow, 'id' | 'userId' | 'giftId' | 'quantity' | 'pointsTotal'>;
  /** The states this canceller may cancel from: the user only `pending`, an admin also `shipped`. */
  from: OrderStatus[];
  by: 'user' | 'admin';
  byId: string;
  reason: string | null;
}

/**
 * Cancels, refunds and restocks in the caller's transaction. The status moves
 * first, by a conditional update from the states allowed: of two cancels
 * racing (the user's and an admin's, or a double tap) one matches the row and
 * the other matches nothing and stops here, so the points come back and the
 * units return to stock exactly once. The refund's key and the restock's
 * unique (reason, reference) would refuse a second time anyway.
 */
export async function cancelAndRefund(tx: EntityManager, now: Date, c: Cancellation): Promise<void> {
  const moved = await tx.nativeUpdate(
    RedemptionOrderSchema,
    { id: c.order.id, status: { $in: c.from } },
    { status: 'cancelled', cancelledAt: now, cancelledBy: c.by, cancelledById: c.byId, cancelReason: c.reason, updatedAt: now },
  );
  if (moved !== 1) throw new ConflictError('订单状态刚刚发生了变化，请刷新后再看');
  const reference = `order:${c.order.id}`;
  await post(tx, now, { userId: c.order.userId, delta: c.order.pointsTotal, reason: 'redemption_refund', reference, idempotencyKey: `redemption_refund:${c.order.id}` });
  await moveStock(tx, now, { giftId: c.order.giftId, delta: c.order.quantity, reason: 'cancellation', reference, actorId: c.byId });
}
