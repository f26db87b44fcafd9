import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { PrivacyRequestStatus, PrivacyRequestType, RefusalReason, PrivacyRequestEventKind } from '../../../../shared/schemas/privacy-requests.schema';
import { toDate, toDateOrNull } from '../../db/sql-values';

/** Statuses in which a request still waits for its answer (and can be overdue). */
export const OPEN_STATUSES = ['received', 'in_progress'] as const satisfies readonly PrivacyRequestStatus[];

/** A request as lists read it: plain columns, no managed entities (architecture.md, hot reads). */
export interface RequestRow {
  id: string;
  userId: string;
  type: PrivacyRequestType;
  status: PrivacyRequestStatus;
  detailsSealed: string | null;
  createdAt: Date;
  dueAt: Date;
  handledById: string | null;
  outcomeSealed: string | null;
  refusalReason: RefusalReason | null;
  closedAt: Date | null;
  /** Admin lists only. */
  userNameSealed: string | null;
  hospitalName: string | null;
}

export interface EventRow {
  id: string;
  requestId: string;
  actorId: string | null;
  kind: PrivacyRequestEventKind;
  noteSealed: string | null;
  createdAt: Date;
}

/**
 * The order of a list: the requester's own newest first; an admin queue of
 * open requests the most urgent (earliest due) first; closed ones the most
 * recently closed first. Each is a keyset on (that column, id).
 */
export type RequestOrder = 'newest' | 'due_first' | 'recently_closed';

export interface RequestFilter {
  userId?: string;
  id?: string;
  statuses?: readonly PrivacyRequestStatus[];
  /** true: open and past due at `now`; false: anything else. */
  overdue?: { value: boolean; now: Date };
}


function applyFilter(em: EntityManager, q: Knex.QueryBuilder, f: RequestFilter): void {
  if (f.userId) q.where('r.user_id', f.userId);
  if (f.id) q.where('r.id', f.id);
  if (f.statuses) q.whereIn('r.status', [...f.statuses]);
  if (f.overdue) {
    const now = em.getPlatform().processDateProperty(f.overdue.now) as never;
    if (f.overdue.value) q.whereIn('r.status', [...OPEN_STATUSES]).andWhere('r.due_at', '<', now);
    else q.where((w) => w.whereNotIn('r.status', [...OPEN_STATUSES]).orWhere('r.due_at', '>=', now));
  }
}

const ORDER_COLUMN: Record<RequestOrder, { column: string; dir: 'asc' | 'desc' }> = {
  newest: { column: 'r.created_at', dir: 'desc' },
  due_first: { column: 'r.due_at', dir: 'asc' },
  recently_closed: { column: 'r.closed_at', dir: 'desc' },
};

function sortValue(row: RequestRow, order: RequestOrder): Date | null {
  return order === 'newest' ? row.createdAt : order === 'due_first' ? row.dueAt : row.closedAt;
}

function toRow(r: Record<string, unknown>): RequestRow {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    type: r.type as PrivacyRequestType,
    status: r.status as PrivacyRequestStatus,
    detailsSealed: (r.details_sealed as string | null) ?? null,
    createdAt: toDate(r.created_at),
    dueAt: toDate(r.due_at),
    handledById: (r.handled_by_id as string | null) ?? null,
    outcomeSealed: (r.outcome_sealed as string | null) ?? null,
    refusalReason: (r.refusal_reason as RefusalReason | null) ?? null,
    closedAt: toDateOrNull(r.closed_at),
    userNameSealed: (r.name_sealed as string | null) ?? null,
    hospitalName: (r.hospital_name as string | null) ?? null,
  };
}

async function run(em: EntityManager, q: Knex.QueryBuilder): Promise<Record<string, unknown>[]> {
  return (await (em as SqlEntityManager).getConnection().execute(q, [], 'all', em.getTransactionContext())) as Record<string, unknown>[];
}

/**
 * Requests matching the filter in the given order, after `after` (the last
 * row of the previous page). With `withUser`, the requester's sealed name and
 * hospital come along for the admin queue.
 */
export async function selectRequests(
  em: EntityManager,
  f: RequestFilter,
  options: { order: RequestOrder; limit: number; after?: RequestRow; withUser?: boolean },
): Promise<RequestRow[]> {
  const knex = (em as SqlEntityManager).getKnex();
  const q = knex('privacy_request as r').select(
    'r.id',
    'r.user_id',
    'r.type',
    'r.status',
    'r.details_sealed',
    'r.created_at',
    'r.due_at',
    'r.handled_by_id',
    'r.outcome_sealed',
    'r.refusal_reason',
    'r.closed_at',
  );
  if (options.withUser) {
    q.leftJoin('app_user as u', 'u.id', 'r.user_id').leftJoin('hospital as h', 'h.id', 'u.hospital_id').select('u.name_sealed', 'h.name as hospital_name');
  }
  applyFilter(em, q, f);
  const { column, dir } = ORDER_COLUMN[options.order];
  if (options.after) {
    const at = sortValue(options.after, options.order);
    const id = options.after.id;
    const cmp = dir === 'asc' ? '>' : '<';
    if (at === null) {
      // Only closed requests are listed by closed_at, and every closed request has one.
      q.where('r.id', cmp, id);
    } else {
      const v = em.getPlatform().processDateProperty(at) as never;
      q.where((w) => w.where(column, cmp, v).orWhere((x) => x.where(column, '=', v).andWhere('r.id', cmp, id)));
    }
  }
  q.orderBy([
    { column, order: dir },
    { column: 'r.id', order: dir },
  ]).limit(options.limit);
  return (await run(em, q)).map(toRow);
}

/** Open requests past their due date: the dashboard flag. */
export async function countOverdue(em: EntityManager, now: Date): Promise<number> {
  const knex = (em as SqlEntityManager).getKnex();
  const q = knex('privacy_request as r').count({ n: '*' });
  applyFilter(em, q, { overdue: { value: true, now } });
  const [row] = await run(em, q);
  return Number(row?.n ?? 0);
}

/** The history of the given requests, oldest first per request. */
export async function selectEvents(em: EntityManager, requestIds: string[]): Promise<Map<string, EventRow[]>> {
  const byRequest = new Map<string, EventRow[]>(requestIds.map((id) => [id, []]));
  if (!requestIds.length) return byRequest;
  const knex = (em as SqlEntityManager).getKnex();
  const q = knex('privacy_request_event as e')
    .select('e.id', 'e.request_id', 'e.actor_id', 'e.kind', 'e.note_sealed', 'e.created_at')
    .whereIn('e.request_id', requestIds)
    .orderBy([
      { column: 'e.created_at', order: 'asc' },
      { column: 'e.id', order: 'asc' },
    ]);
  for (const r of await run(em, q)) {
    byRequest.get(r.request_id as string)?.push({
      id: r.id as string,
      requestId: r.request_id as string,
      actorId: (r.actor_id as string | null) ?? null,
      kind: r.kind as PrivacyRequestEventKind,
      noteSealed: (r.note_sealed as string | null) ?? null,
      createdAt: toDate(r.created_at),
    });
  }
  return byRequest;
}
