import type { EntityManager } from '@mikro-orm/core';
import { notifyUser } from '../notifications/notify';
import type { OrderRow } from './orders.read';

type AdminAction = { kind: 'shipped'; carrier: string; trackingNo: string } | { kind: 'delivered' } | { kind: 'cancelled'; reason: string };

const PHRASE = { shipped: '已发货', delivered: '已签收', cancelled: '已取消' } as const;

/**
 * Tells the person what an admin did to their order, after the commit
 * (outbox). Titles carry the order number and status only — never a name or
 * address (notifications may show on a lock screen); one notice per order and
 * action, so a redelivered message changes nothing.
 */
export async function notifyOrderChange(tx: EntityManager, now: Date, order: Pick<OrderRow, 'id' | 'number' | 'userId' | 'giftName' | 'quantity' | 'pointsTotal'>, action: AdminAction) {
  const body =
    action.kind === 'shipped'
      ? `${action.carrier} 运单号 ${action.trackingNo}`
      : action.kind === 'delivered'
        ? `${order.giftName} ×${order.quantity} 已签收，如有问题请联系客服`
        : `原因：${action.reason}。${order.pointsTotal} 积分已退回`;
  await notifyUser(tx, now, {
    userId: order.userId,
    kind: 'order_update',
    ticketId: null,
    title: `礼品订单 ${order.number} ${PHRASE[action.kind]}`,
    body,
    dedupeKey: `order:${order.id}:${action.kind}`,
    page: `packages/points/order/index?id=${order.id}`,
    phrase: PHRASE[action.kind],
    number: order.number,
  });
}
