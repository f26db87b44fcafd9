import { firstEvents, inPeriod, inProvince, run, type DashboardScope } from './dashboard.scope';
import { bucketExpr, minutesBetweenExpr, readNumber, readNumberOrNull } from './shanghai-sql';

/** SLA breach marks recorded in the period, per clock (`response`, `resolution`); warnings are not breaches. */
export async function breachesByClock(scope: DashboardScope): Promise<Map<string, number>> {
  const q = scope
    .knex('ticket_sla_mark as m')
    .join('ticket as t', 't.id', 'm.ticket_id')
    .select('m.clock')
    .count({ n: '*' })
    .where('m.kind', 'breach')
    .groupBy('m.clock');
  inPeriod(scope, q, 'm.created_at');
  inProvince(scope, q, 't.hospital_id');
  return new Map((await run(scope, q)).map((r) => [r.clock as string, readNumber(r.n)]));
}

export interface StepBucket {
  /** First day number of the bucket. */
  bucket: number;
  count: number;
  /** Mean minutes from submission to the step. */
  avgMinutes: number | null;
}

/**
 * Tickets whose first `accept` (or `resolve`) fell in the period, per
 * bucket of that moment, with the mean minutes since submission. The
 * bucket and the duration are computed in SQL for the dialect at hand.
 */
export async function stepTrend(scope: DashboardScope, kind: 'accept' | 'resolve'): Promise<StepBucket[]> {
  const bucket = bucketExpr(scope.dialect, 'fe.at', scope.period.unit);
  const minutes = minutesBetweenExpr(scope.dialect, 't.created_at', 'fe.at');
  const q = scope
    .knex(firstEvents(scope, kind).as('fe'))
    .join('ticket as t', 't.id', 'fe.ticket_id')
    .select(scope.knex.raw(`${bucket} as bucket`), scope.knex.raw('count(*) as n'), scope.knex.raw(`avg(${minutes}) as avg_minutes`))
    .groupByRaw(bucket);
  inProvince(scope, q, 't.hospital_id');
  return (await run(scope, q)).map((r) => ({ bucket: readNumber(r.bucket), count: readNumber(r.n), avgMinutes: readNumberOrNull(r.avg_minutes) }));
}
