import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import { ORDER_STATUSES, type OrderStatus } from '../../../../shared/schemas/redemptions.schema';

/** An order as lists read it: plain columns, no managed entities (architecture.md, hot reads). */
export interface OrderRow {
  id: string;
  number: string;
  userId: string;
  giftId: string;
  giftName: string;
  giftImageIds: string[];
  quantity: number;
  pointsTotal: number;
  valueYuanTotal: number;
  addressSealed: string;
  status: OrderStatus;
  carrier: string | null;
  trackingNo: string | null;
  createdAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: 'user' | 'admin' | null;
  cancelReason: string | null;
}

/** The admin's row: who ordered, for the packing slip. */
export interface AdminOrderRow extends OrderRow {
  userNameSealed: string | null;
  hospitalName: string | null;
}

export interface OrderFilter {
  /** The owner's orders only; absent for admins, who see all. */
  userId?: string;
  id?: string;
  status?: OrderStatus;
  /** Keyset: orders older than this id. */
  beforeId?: string;
  /** Order number prefix or exact tracking number. */
  q?: string;
}

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | number | Date));

/** image_ids is jsonb on PostgreSQL (parsed by the driver) and text on SQLite. */
function imageIds(v: unknown): string[] {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

function applyFilter(q: Knex.QueryBuilder, f: OrderFilter): void {
  if (f.userId) q.where('o.user_id', f.userId);
  if (f.id) q.where('o.id', f.id);
  if (f.status) q.where('o.status', f.status);
  if (f.beforeId) q.where('o.id', '<', f.beforeId);
  if (f.q) {
    const text = f.q;
    // Order numbers are [A-Z0-9] only, so a prefix of anything else cannot match and no LIKE wildcard can get in.
    q.where((w) => {
      w.where('o.tracking_no', text);
      if (/^[A-Za-z0-9]+$/.test(text)) w.orWhere('o.number', 'like', `${text.toUpperCase()}%`);
    });
  }
}

function base(em: EntityManager, f: OrderFilter, options: { withUser: boolean }): Knex.QueryBuilder {
  const knex = (em as SqlEntityManager).getKnex();
  const q = knex('redemption_order as o')
    .leftJoin('gift as g', 'g.id', 'o.gift_id')
    .select(
      'o.id',
      'o.number',
      'o.user_id',
      'o.gift_id',
      'o.gift_name',
      'g.image_ids',
      'o.quantity',
      'o.points_total',
      'o.value_yuan_total',
      'o.address_sealed',
      'o.status',
      'o.carrier',
      'o.tracking_no',
      'o.created_at',
      'o.shipped_at',
      'o.delivered_at',
      'o.cancelled_at',
      'o.cancelled_by',
      'o.cancel_reason',
    );
  if (options.withUser) {
    q.leftJoin('app_user as u', 'u.id', 'o.user_id').leftJoin('hospital as h', 'h.id', 'u.hospital_id').select('u.name_sealed', 'h.name as hospital_name');
  }
  applyFilter(q, f);
  return q;
}

function toRow(r: Record<string, unknown>): AdminOrderRow {
  return {
    id: r.id as string,
    number: r.number as string,
    userId: r.user_id as string,
    giftId: r.gift_id as string,
    giftName: r.gift_name as string,
    giftImageIds: imageIds(r.image_ids),
    quantity: Number(r.quantity),
    pointsTotal: Number(r.points_total),
    valueYuanTotal: Number(r.value_yuan_total),
    addressSealed: r.address_sealed as string,
    status: r.status as OrderStatus,
    carrier: (r.carrier as string | null) ?? null,
    trackingNo: (r.tracking_no as string | null) ?? null,
    createdAt: date(r.created_at)!,
    shippedAt: date(r.shipped_at),
    deliveredAt: date(r.delivered_at),
    cancelledAt: date(r.cancelled_at),
    cancelledBy: (r.cancelled_by as 'user' | 'admin' | null) ?? null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    userNameSealed: (r.name_sealed as string | null) ?? null,
    hospitalName: (r.hospital_name as string | null) ?? null,
  };
}

/** Orders matching the filter, newest first (keyset by the time-ordered id). */
export async function selectOrders(em: EntityManager, f: OrderFilter, limit: number): Promise<OrderRow[]> {
  const q = base(em, f, { withUser: false }).orderBy('o.id', 'desc').limit(limit);
  return ((await (em as SqlEntityManager).getConnection().execute(q, [], 'all', em.getTransactionContext())) as Record<string, unknown>[]).map(toRow);
}

/** As selectOrders, with the orderer's sealed name and hospital; `oldestFirst` for a packing list. */
export async function selectAdminOrders(em: EntityManager, f: OrderFilter, options: { limit: number; oldestFirst?: boolean }): Promise<AdminOrderRow[]> {
  const q = base(em, f, { withUser: true })
    .orderBy('o.id', options.oldestFirst ? 'asc' : 'desc')
    .limit(options.limit);
  return ((await (em as SqlEntityManager).getConnection().execute(q, [], 'all', em.getTransactionContext())) as Record<string, unknown>[]).map(toRow);
}

/** Orders per status under the same search (not the status filter itself: the tabs show every status). */
export async function countByStatus(em: EntityManager, f: Pick<OrderFilter, 'q'>): Promise<Record<OrderStatus, number>> {
  const knex = (em as SqlEntityManager).getKnex();
  const q = knex('redemption_order as o').select('o.status').count({ n: '*' }).groupBy('o.status');
  applyFilter(q, { q: f.q });
  const found = (await (em as SqlEntityManager).getConnection().execute(q, [], 'all', em.getTransactionContext())) as { status: string; n: number | string }[];
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const r of found) if ((ORDER_STATUSES as readonly string[]).includes(r.status)) counts[r.status as OrderStatus] = Number(r.n);
  return counts;
}
