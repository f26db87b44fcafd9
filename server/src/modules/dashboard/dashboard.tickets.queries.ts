import { OPEN_STATUSES, type TicketStatus } from '../../../../shared/tickets';
import { inPeriod, inProvince, run, type DashboardScope } from './dashboard.scope';
import { readNumber } from './shanghai-sql';

/** How many hospitals the open-ticket ranking names; the rest are summed as `others`. */
export const TOP_HOSPITALS = 10;

/** Open tickets now, per open status (statuses with none left out). */
export async function openByStatus(scope: DashboardScope): Promise<Map<TicketStatus, number>> {
  const q = scope.knex('ticket as t').select('t.status').count({ n: '*' }).whereIn('t.status', [...OPEN_STATUSES]).groupBy('t.status');
  inProvince(scope, q, 't.hospital_id');
  return new Map((await run(scope, q)).map((r) => [r.status as TicketStatus, readNumber(r.n)]));
}

/** The hospitals with the most open tickets now; ties in id order so both dialects agree (names collate differently). */
export async function openByHospital(scope: DashboardScope): Promise<{ id: string; name: string; count: number }[]> {
  const q = scope
    .knex('ticket as t')
    .join('hospital as h', 'h.id', 't.hospital_id')
    .select('h.id', 'h.name')
    .count({ n: '*' })
    .whereIn('t.status', [...OPEN_STATUSES])
    .groupBy('h.id', 'h.name')
    .orderByRaw('count(*) desc, h.id asc')
    .limit(TOP_HOSPITALS);
  inProvince(scope, q, null);
  return (await run(scope, q)).map((r) => ({ id: r.id as string, name: r.name as string, count: readNumber(r.n) }));
}

/** Tickets submitted in the period (whatever became of them since, cancelled ones included). */
export async function createdInPeriod(scope: DashboardScope): Promise<number> {
  const q = scope.knex('ticket as t').count({ n: '*' });
  inPeriod(scope, q, 't.created_at');
  inProvince(scope, q, 't.hospital_id');
  const [row] = await run(scope, q);
  return readNumber(row?.n);
}
