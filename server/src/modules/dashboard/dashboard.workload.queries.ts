import { OPEN_STATUSES } from '../../../../shared/tickets';
import { firstEvents, inProvince, run, type DashboardScope } from './dashboard.scope';
import { readNumber } from './shanghai-sql';

export interface WorkloadRow {
  engineerId: string;
  nameSealed: string | null;
  open: number;
  resolved: number;
}

/**
 * Every active engineer with the open tickets assigned to them now and the
 * tickets assigned to them first resolved in the period — one
 * query: two grouped derived tables left-joined to the engineers, so an
 * engineer with nothing shows zeros. Resolutions count for the ticket's
 * assigned engineer, whoever pressed the button (an admin may resolve).
 */
export async function workload(scope: DashboardScope): Promise<WorkloadRow[]> {
  const { knex } = scope;
  const open = knex('ticket as t')
    .select('t.assigned_engineer_id as engineer_id')
    .count({ n: '*' })
    .whereIn('t.status', [...OPEN_STATUSES])
    .whereNotNull('t.assigned_engineer_id')
    .groupBy('t.assigned_engineer_id');
  inProvince(scope, open, 't.hospital_id');
  const resolved = knex(firstEvents(scope, 'resolve').as('fe'))
    .join('ticket as t', 't.id', 'fe.ticket_id')
    .select('t.assigned_engineer_id as engineer_id')
    .count({ n: '*' })
    .whereNotNull('t.assigned_engineer_id')
    .groupBy('t.assigned_engineer_id');
  inProvince(scope, resolved, 't.hospital_id');
  const q = knex('app_user as u')
    .leftJoin(open.as('o'), 'o.engineer_id', 'u.id')
    .leftJoin(resolved.as('r'), 'r.engineer_id', 'u.id')
    .select('u.id', 'u.name_sealed', knex.raw('coalesce(o.n, 0) as open_count'), knex.raw('coalesce(r.n, 0) as resolved_count'))
    .where('u.role', 'engineer')
    .andWhere('u.status', 'active');
  return (await run(scope, q)).map((r) => ({
    engineerId: r.id as string,
    nameSealed: (r.name_sealed as string | null) ?? null,
    open: readNumber(r.open_count),
    resolved: readNumber(r.resolved_count),
  }));
}
