import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { Period } from './dashboard.period';
import type { Dialect } from './shanghai-sql';

/** What every dashboard query needs: where to run, the period and region asked for, and "now". */
export interface DashboardScope {
  em: EntityManager;
  knex: Knex;
  dialect: Dialect;
  period: Period;
  /** Two-digit province code (the first two digits of a hospital's region code), or null for the whole country. */
  province: string | null;
  now: Date;
}

export function dashboardScope(em: EntityManager, dialect: Dialect, period: Period, province: string | null, now: Date): DashboardScope {
  return { em, knex: (em as SqlEntityManager).getKnex(), dialect, period, province, now };
}

/** A datetime as a query parameter, in the form the dialect stores it (epoch ms on SQLite). */
export function at(scope: DashboardScope, date: Date): never {
  return scope.em.getPlatform().processDateProperty(date) as never;
}

export async function run(scope: DashboardScope, q: Knex.QueryBuilder): Promise<Record<string, unknown>[]> {
  return (await (scope.em as SqlEntityManager).getConnection().execute(q)) as Record<string, unknown>[];
}

/** Keeps rows whose datetime column falls in the period: [from 00:00+08:00, to + 1 day 00:00+08:00). */
export function inPeriod(scope: DashboardScope, q: Knex.QueryBuilder, column: string): Knex.QueryBuilder {
  return q.where(column, '>=', at(scope, scope.period.start)).andWhere(column, '<', at(scope, scope.period.end));
}

/**
 * Narrows to hospitals of the chosen province, joining `hospital as h` on
 * the given hospital id column unless the query has it already. The code is
 * two digits (schema-checked), so the prefix match cannot be widened.
 */
export function inProvince(scope: DashboardScope, q: Knex.QueryBuilder, hospitalIdColumn: string | null): Knex.QueryBuilder {
  if (!scope.province) return q;
  if (hospitalIdColumn) q.join('hospital as h', 'h.id', hospitalIdColumn);
  return q.where('h.region_code', 'like', `${scope.province}%`);
}

/**
 * Per ticket, its first event of a kind (`accept`: acceptance, `resolve`:
 * resolution) when that first one happened in the period, as
 * `(ticket_id, at)`. "First" matters: the lifecycle allows each only once
 * today, but a ticket must never count twice (or in a later period) if that
 * changes. An earlier one of the same kind is looked up per row (NOT EXISTS
 * on the ticket's own events), so the work grows with the period, not with
 * the whole history; the event id breaks a tie of equal times. `assign`
 * events repeat the current status in `to_status`, which is why the kind is
 * matched, not `to_status`.
 */
export function firstEvents(scope: DashboardScope, kind: 'accept' | 'resolve'): Knex.QueryBuilder {
  const { knex } = scope;
  const q = knex('ticket_event as e')
    .select('e.ticket_id', 'e.created_at as at')
    .where('e.kind', kind)
    .whereNotExists(
      knex('ticket_event as pe')
        .select(knex.raw('1'))
        .whereRaw('pe.ticket_id = e.ticket_id')
        .andWhere('pe.kind', kind)
        .andWhere((w) => w.whereRaw('pe.created_at < e.created_at').orWhere((x) => x.whereRaw('pe.created_at = e.created_at').andWhereRaw('pe.id < e.id'))),
    );
  return inPeriod(scope, q, 'e.created_at');
}
