import type { EntityManager } from '@mikro-orm/core';
import type { AdminOrderView, OrderStatus, ShipInput } from '../../../../shared/schemas/redemptions.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { cancelAndRefund } from './order-cancel';
import { notifyOrderChange } from './order-notifications';
import { STATUS_LABEL } from './order-status';
import { adminOrderView } from './order-view';
import { countByStatus, selectAdminOrders, type AdminOrderRow } from './orders.read';
import { RedemptionOrderSchema } from './redemption-order.entity';

const RACED = '订单状态刚刚发生了变化，请刷新后再看';
const clip = (text: string) => [...text].slice(0, 200).join('');

/** All orders, newest first, with the count per status for the tabs; `q` finds an order or tracking number. */
export async function adminOrders(deps: AppDeps, em: EntityManager, query: { status?: OrderStatus; q?: string; cursor?: string; limit: number }) {
  const q = query.q || undefined;
  const found = await selectAdminOrders(em, { status: query.status, q, beforeId: query.cursor }, { limit: query.limit + 1 });
  const page = found.slice(0, query.limit);
  return {
    items: page.map((r) => adminOrderView(deps.cipher, deps.pii, r)),
    nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null,
    counts: await countByStatus(em, { q }),
  };
}

async function adminOrder(deps: AppDeps, em: EntityManager, id: string): Promise<AdminOrderView> {
  return adminOrderView(deps.cipher, deps.pii, await orderRow(em, id));
}

async function orderRow(em: EntityManager, id: string): Promise<AdminOrderRow> {
  const [row] = await selectAdminOrders(em, { id }, { limit: 1 });
  if (!row) throw new NotFoundError('没有这个订单');
  return row;
}

/**
 * Moves an order one step (ship or deliver) by a conditional update from the
 * state it must be in, with the audit row and the person's notice in the same
 * transaction: of two admins pressing at once, one moves it and the other
 * gets a 409.
 */
async function step(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  id: string,
  move: { from: OrderStatus; to: OrderStatus; verb: string; action: string; changes: Record<string, unknown>; audit: string; notice: Parameters<typeof notifyOrderChange>[3] },
  requestId: string,
) {
  const row = await orderRow(em, id);
  if (row.status !== move.from) throw new ConflictError(`订单${STATUS_LABEL[row.status]}，只有${STATUS_LABEL[move.from]}的订单可以${move.verb}`);
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    const moved = await tx.nativeUpdate(RedemptionOrderSchema, { id, status: move.from }, { ...move.changes, status: move.to, updatedAt: now });
    if (moved !== 1) throw new ConflictError(RACED);
    recordAudit(tx, { actorId: admin.userId, action: move.action, subjectUserId: row.userId, reason: clip(`${row.number} ${move.audit}`.trim()), requestId });
    await notifyOrderChange(tx, now, row, move.notice);
    await tx.flush();
  });
  return adminOrder(deps, em, id);
}

export function shipOrder(deps: AppDeps, em: EntityManager, admin: Actor, id: string, input: ShipInput, requestId: string) {
  const now = deps.clock.now();
  return step(
    deps,
    em,
    admin,
    id,
    {
      from: 'pending',
      to: 'shipped',
      verb: '发货',
      action: 'redemption.ship',
      changes: { carrier: input.carrier, trackingNo: input.trackingNo, shippedAt: now },
      audit: `${input.carrier} ${input.trackingNo}`,
      notice: { kind: 'shipped', carrier: input.carrier, trackingNo: input.trackingNo },
    },
    requestId,
  );
}

export function deliverOrder(deps: AppDeps, em: EntityManager, admin: Actor, id: string, requestId: string) {
  return step(deps, em, admin, id, { from: 'shipped', to: 'delivered', verb: '确认签收', action: 'redemption.deliver', changes: { deliveredAt: deps.clock.now() }, audit: '', notice: { kind: 'delivered' } }, requestId);
}

/**
 * An admin cancels a pending or shipped order (out of stock after all, a
 * parcel returned as undeliverable) with a reason the person reads; their
 * points and the units come back exactly once (cancelAndRefund).
 */
export async function adminCancelOrder(deps: AppDeps, em: EntityManager, admin: Actor, id: string, input: { reason: string }, requestId: string) {
  const row = await orderRow(em, id);
  if (row.status !== 'pending' && row.status !== 'shipped') throw new ConflictError(`订单${STATUS_LABEL[row.status]}，不能再取消`);
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    await cancelAndRefund(tx, now, { order: row, from: ['pending', 'shipped'], by: 'admin', byId: admin.userId, reason: input.reason });
    recordAudit(tx, { actorId: admin.userId, action: 'redemption.cancel', subjectUserId: row.userId, reason: clip(`${row.number} ${input.reason}`), requestId });
    await notifyOrderChange(tx, now, row, { kind: 'cancelled', reason: input.reason });
    await tx.flush();
  });
  return adminOrder(deps, em, id);
}
