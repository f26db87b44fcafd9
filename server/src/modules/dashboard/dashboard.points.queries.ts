import { inPeriod, inProvince, run, type DashboardScope } from './dashboard.scope';
import { bucketExpr, readNumber } from './shanghai-sql';

export interface PointsBucket {
  bucket: number;
  issued: number;
  redeemed: number;
}

/**
 * Ledger movements in the period, per bucket:
 * - issued: positive entries other than refunds (earnings and positive
 *   admin adjustments) — a refund gives back points already issued once;
 * - redeemed: points spent on gifts net of refunds of cancelled orders,
 *   i.e. minus the sum of `redemption` (negative) and `redemption_refund`
 *   (positive) entries. A refund in a later bucket than its order makes
 *   that bucket negative; the period total stays right.
 * Negative admin adjustments are neither. With a province, the entries of
 * people whose hospital is in it (admins and engineers have none).
 */
export async function pointsTrend(scope: DashboardScope): Promise<PointsBucket[]> {
  const bucket = bucketExpr(scope.dialect, 'p.created_at', scope.period.unit);
  const q = scope
    .knex('points_entry as p')
    .select(
      scope.knex.raw(`${bucket} as bucket`),
      scope.knex.raw(`sum(case when p.delta > 0 and p.reason <> 'redemption_refund' then p.delta else 0 end) as issued`),
      scope.knex.raw(`sum(case when p.reason in ('redemption', 'redemption_refund') then -p.delta else 0 end) as redeemed`),
    )
    .groupByRaw(bucket);
  inPeriod(scope, q, 'p.created_at');
  if (scope.province) {
    q.join('app_user as u', 'u.id', 'p.user_id');
    inProvince(scope, q, 'u.hospital_id');
  }
  return (await run(scope, q)).map((r) => ({ bucket: readNumber(r.bucket), issued: readNumber(r.issued), redeemed: readNumber(r.redeemed) }));
}
