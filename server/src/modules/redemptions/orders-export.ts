import type { EntityManager } from '@mikro-orm/core';
import { stringify } from 'csv-stringify/sync';
import type { OrderStatus } from '../../../../shared/schemas/redemptions.schema';
import type { AppDeps } from '../../app-deps';
import type { Actor } from '../../http/state';
import { openSnapshot } from '../addresses/address.codec';
import { recordAudit } from '../audit/audit.service';
import { recordPiiAccess } from '../privacy/pii-access.service';
import { STATUS_LABEL } from './order-status';
import { selectAdminOrders } from './orders.read';

/** One export holds at most this many orders: a day's packing, many times over. */
export const EXPORT_LIMIT = 5000;

const HEADER = ['订单号', '下单时间', '礼品', '数量', '收件人', '电话', '省', '市', '区', '详细地址', '状态'];

/** `2026-11-22 14:05`, Beijing time, as a packing clerk reads it. */
function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A text a user typed (the street address, the recipient) must not become a
 * spreadsheet formula when Excel opens the file (CSV injection): a leading
 * = + - @ or control character is neutralised with a quote mark.
 */
function cell(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The packing list: orders of one status (pending by default), oldest first,
 * with the full recipient and address. UTF-8 with a BOM and CRLF lines, so
 * Excel on Windows opens the Chinese correctly. It reveals personal data, so
 * every person whose address is in it gets an audit row naming the admin
 * (privacy.md: the log can list every subject an actor touched).
 */
export async function exportOrdersCsv(deps: AppDeps, em: EntityManager, admin: Actor, status: OrderStatus, requestId: string): Promise<{ filename: string; chineseFilename: string; bytes: Buffer }> {
  const rows = await selectAdminOrders(em, { status }, { limit: EXPORT_LIMIT, oldestFirst: true });
  const records = rows.map((r) => {
    const a = openSnapshot(deps.cipher, r.id, r.addressSealed);
    return [r.number, shanghaiMinute(r.createdAt), r.giftName, r.quantity, a.recipientName, a.phone, a.province, a.city, a.district, a.detail, STATUS_LABEL[r.status]].map(cell);
  });
  const text = stringify([HEADER, ...records], { bom: true, record_delimiter: 'windows' });

  const people = new Map<string, number>();
  for (const r of rows) people.set(r.userId, (people.get(r.userId) ?? 0) + 1);
  for (const [userId, count] of people) {
    recordAudit(em, {
      actorId: admin.userId,
      action: 'pii.order_address.export',
      subjectUserId: userId,
      fields: ['recipientName', 'phone', 'address'],
      reason: `礼品订单发货清单（${STATUS_LABEL[status]}，本人 ${count} 单）`,
      requestId,
    });
    recordPiiAccess(em, { actorId: admin.userId, subjectUserId: userId, action: 'export.orders', fields: ['recipientName', 'phone', 'address'], purpose: `礼品订单发货清单（${STATUS_LABEL[status]}，本人 ${count} 单）`, requestId });
  }
  await em.flush();
  const day = shanghaiMinute(deps.clock.now()).slice(0, 10).replace(/-/g, '');
  return { filename: `gift-orders-${status}-${day}.csv`, chineseFilename: `礼品订单-${STATUS_LABEL[status]}-${day}.csv`, bytes: Buffer.from(text, 'utf8') };
}
