import type { EntityManager } from '@mikro-orm/core';
import type { OrderStatus, OrderView } from '../../../../shared/schemas/redemptions.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { cancelAndRefund } from './order-cancel';
import { STATUS_LABEL } from './order-status';
import { orderView } from './order-view';
import { selectOrders } from './orders.read';

/** One of my orders; anyone else's is 404, never a hint that it exists. */
export async function ownOrder(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<OrderView> {
  const [row] = await selectOrders(em, { userId: actor.userId, id }, 1);
  if (!row) throw new NotFoundError('没有这个订单');
  return orderView(deps.cipher, row);
}

/** My orders, newest first, keyset by id. */
export async function listOwnOrders(deps: AppDeps, em: EntityManager, actor: Actor, query: { status?: OrderStatus; cursor?: string; limit: number }) {
  const found = await selectOrders(em, { userId: actor.userId, status: query.status, beforeId: query.cursor }, query.limit + 1);
  const page = found.slice(0, query.limit);
  return { items: page.map((r) => orderView(deps.cipher, r)), nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null };
}

/** The person changes their mind while the order waits to be packed: points and units come back. */
export async function cancelOwnOrder(deps: AppDeps, em: EntityManager, actor: Actor, id: string, input: { reason?: string }): Promise<OrderView> {
  const [row] = await selectOrders(em, { userId: actor.userId, id }, 1);
  if (!row) throw new NotFoundError('没有这个订单');
  if (row.status !== 'pending') throw new ConflictError(`订单${STATUS_LABEL[row.status]}，只有待发货的订单可以取消`);
  const now = deps.clock.now();
  await em.transactional((tx) => cancelAndRefund(tx, now, { order: row, from: ['pending'], by: 'user', byId: actor.userId, reason: input.reason || null }));
  return ownOrder(deps, em, actor, id);
}
