import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import { OPEN_STATUSES } from '../../../../shared/tickets';
import { readDate, readNumber } from '../dashboard/shanghai-sql';
import type { OpenInterval } from './out-of-service';

export interface FleetUnitRow {
  id: string;
  serial: string;
  model: string;
  category: string;
  departmentId: string | null;
  departmentName: string | null;
  coveredUntil: string | null;
  repairCount: number;
  openTickets: number;
}

async function run(em: EntityManager, q: Knex.QueryBuilder): Promise<Record<string, unknown>[]> {
  return (await (em as SqlEntityManager).getConnection().execute(q)) as Record<string, unknown>[];
}

/** A `date` column: text on SQLite; PostgreSQL may hand back a Date at local midnight. */
function readDateOnly(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
}

/**
 * The units of these departments with, per unit, the tickets reported since
 * `since` (cancelled ones excluded) and the tickets open now — one query,
 * the counts grouped over the departments' tickets and left-joined so a
 * unit without tickets shows zeros.
 */
export async function selectFleetUnits(em: EntityManager, departmentIds: readonly string[], since: Date): Promise<FleetUnitRow[]> {
  if (!departmentIds.length) return [];
  const knex = (em as SqlEntityManager).getKnex();
  const sinceParam = em.getPlatform().processDateProperty(since) as never;
  const counts = knex('ticket as t')
    .join('equipment_unit as cu', 'cu.id', 't.equipment_unit_id')
    .select(
      't.equipment_unit_id as unit_id',
      knex.raw(`sum(case when t.status <> 'cancelled' and t.created_at >= ? then 1 else 0 end) as repairs`, [sinceParam]),
      knex.raw(`sum(case when t.status in (${OPEN_STATUSES.map(() => '?').join(', ')}) then 1 else 0 end) as open_count`, [...OPEN_STATUSES]),
    )
    .whereIn('cu.department_id', [...departmentIds])
    .groupBy('t.equipment_unit_id');
  const q = knex('equipment_unit as eu')
    .join('equipment_model as m', 'm.id', 'eu.model_id')
    .leftJoin('department as d', 'd.id', 'eu.department_id')
    .leftJoin(counts.as('c'), 'c.unit_id', 'eu.id')
    .select(
      'eu.id',
      'eu.serial',
      'eu.covered_until',
      'm.name as model',
      'm.category',
      'd.id as department_id',
      'd.name as department_name',
      knex.raw('coalesce(c.repairs, 0) as repairs'),
      knex.raw('coalesce(c.open_count, 0) as open_count'),
    )
    .whereIn('eu.department_id', [...departmentIds]);
  return (await run(em, q)).map((r) => ({
    id: r.id as string,
    serial: r.serial as string,
    model: r.model as string,
    category: r.category as string,
    departmentId: (r.department_id as string | null) ?? null,
    departmentName: (r.department_name as string | null) ?? null,
    coveredUntil: readDateOnly(r.covered_until),
    repairCount: readNumber(r.repairs),
    openTickets: readNumber(r.open_count),
  }));
}

/**
 * Per unit of these departments, the time each ticket was open: submission
 * to first resolution (from the timeline), null while open. Cancelled
 * tickets are left out. A ticket closed without a `resolve` step (only
 * possible in imported or demo data) ends at its last update. Rows that
 * cannot touch the window are skipped in SQL: a ticket resolved inside it
 * was updated inside it too; the pure function clips exactly.
 */
export async function selectOpenIntervals(em: EntityManager, departmentIds: readonly string[], since: Date): Promise<Map<string, OpenInterval[]>> {
  const byUnit = new Map<string, OpenInterval[]>();
  if (!departmentIds.length) return byUnit;
  const knex = (em as SqlEntityManager).getKnex();
  const sinceParam = em.getPlatform().processDateProperty(since) as never;
  const q = knex('ticket as t')
    .join('equipment_unit as eu', 'eu.id', 't.equipment_unit_id')
    .select(
      't.equipment_unit_id as unit_id',
      't.status',
      't.created_at',
      't.updated_at',
      knex.raw(`(select min(e.created_at) from ticket_event e where e.ticket_id = t.id and e.kind = 'resolve') as resolved_at`),
    )
    .whereIn('eu.department_id', [...departmentIds])
    .andWhere('t.status', '<>', 'cancelled')
    .andWhere((w) => w.whereIn('t.status', [...OPEN_STATUSES]).orWhere('t.updated_at', '>=', sinceParam).orWhere('t.created_at', '>=', sinceParam));
  for (const r of await run(em, q)) {
    const open = (OPEN_STATUSES as readonly string[]).includes(r.status as string);
    const end = open ? null : readDate(r.resolved_at ?? r.updated_at);
    const unitId = r.unit_id as string;
    if (!byUnit.has(unitId)) byUnit.set(unitId, []);
    byUnit.get(unitId)!.push({ start: readDate(r.created_at), end });
  }
  return byUnit;
}
