import type { EntityManager } from '@mikro-orm/core';
import type { Dashboard, DashboardQuery } from '../../../../shared/schemas/dashboard.schema';
import { SLA_CLOCKS } from '../../../../shared/sla';
import { OPEN_STATUSES } from '../../../../shared/tickets';
import type { AppDeps } from '../../app-deps';
import type { User } from '../users/user.entity';
import { dateOfDayNumber, periodOf } from './dashboard.period';
import { giftStockAlerts } from './dashboard.gifts.queries';
import { pointsTrend } from './dashboard.points.queries';
import { privacyRequestCounts } from './dashboard.privacy.queries';
import { ratingCounts, recentComments } from './dashboard.ratings.queries';
import { dashboardScope } from './dashboard.scope';
import { breachesByClock, stepTrend, type StepBucket } from './dashboard.sla.queries';
import { createdInPeriod, openByHospital, openByStatus } from './dashboard.tickets.queries';
import { workload } from './dashboard.workload.queries';

const SCORES = [1, 2, 3, 4, 5] as const;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** The grouped rows of a trend by bucket, so every bucket of the period can be shown, empty ones as zero. */
function byBucket<T extends { bucket: number }>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.bucket, r]));
}

/**
 * `GET /admin/dashboard`. Every figure comes out of SQL already aggregated
 * (a dozen grouped queries, run side by side); this function only lines the
 * groups up against the period's buckets and the fixed lists (open
 * statuses, SLA clocks, scores 1–5) so that empty ones show as zero, and
 * opens the sealed texts it shows: the ten quoted comments and the
 * engineers' names. Totals of a trend are the sums of its buckets, which
 * cover the period exactly.
 */
export async function dashboard(deps: AppDeps, em: EntityManager, query: DashboardQuery): Promise<Dashboard> {
  const now = deps.clock.now();
  const period = periodOf(query.from, query.to);
  const scope = dashboardScope(em, deps.env.database.dialect, period, query.province ?? null, now);

  const [statusCounts, hospitals, created, breaches, accepted, resolved, engineers, scores, comments, points, gifts, privacy] = await Promise.all([
    openByStatus(scope),
    openByHospital(scope),
    createdInPeriod(scope),
    breachesByClock(scope),
    stepTrend(scope, 'accept'),
    stepTrend(scope, 'resolve'),
    workload(scope),
    ratingCounts(scope),
    recentComments(scope),
    pointsTrend(scope),
    giftStockAlerts(scope),
    privacyRequestCounts(scope),
  ]);

  const openTotal = sum(statusCounts.values());
  const acceptedBy = byBucket(accepted);
  const resolvedBy = byBucket(resolved);
  const pointsBy = byBucket(points);
  const ratingTotal = sum(scores.values());
  const scoreSum = sum(SCORES.map((s) => s * (scores.get(s) ?? 0)));
  const avg = (b: StepBucket | undefined, per: number) => (b?.avgMinutes === null || b?.avgMinutes === undefined ? null : round(b.avgMinutes / per, 1));

  return {
    period: { from: period.from, to: period.to, bucket: period.unit, province: scope.province },
    generatedAt: now.toISOString(),
    tickets: {
      openByStatus: OPEN_STATUSES.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
      openByHospital: hospitals.map((h) => ({ hospital: { id: h.id, name: h.name }, count: h.count })),
      openOthers: openTotal - sum(hospitals.map((h) => h.count)),
      created,
    },
    sla: {
      breaches: sum(breaches.values()),
      byClock: SLA_CLOCKS.map((clock) => ({ clock, count: breaches.get(clock) ?? 0 })),
      trend: period.buckets.map((bucket) => ({
        bucket: dateOfDayNumber(bucket),
        accepted: acceptedBy.get(bucket)?.count ?? 0,
        avgAcceptMinutes: avg(acceptedBy.get(bucket), 1),
        resolved: resolvedBy.get(bucket)?.count ?? 0,
        avgResolveHours: avg(resolvedBy.get(bucket), 60),
      })),
    },
    workload: engineers
      .map((e) => ({ engineer: { id: e.engineerId, name: deps.pii.get({ id: e.engineerId, nameSealed: e.nameSealed } as User, 'name') ?? '' }, open: e.open, resolved: e.resolved }))
      // A handful of engineers: the busiest first, then by name as people read it.
      .sort((a, b) => b.open - a.open || b.resolved - a.resolved || a.engineer.name.localeCompare(b.engineer.name, 'zh-CN') || a.engineer.id.localeCompare(b.engineer.id)),
    ratings: {
      distribution: SCORES.map((score) => ({ score, count: scores.get(score) ?? 0 })),
      average: ratingTotal ? round(scoreSum / ratingTotal, 2) : null,
      recentComments: comments.map((c) => ({
        ticketNumber: c.ticketNumber,
        score: c.score,
        comment: deps.cipher.open({ table: 'ticket_rating', column: 'comment', id: c.ratingId }, c.commentSealed),
        hospital: c.hospitalName,
        createdAt: c.createdAt.toISOString(),
      })),
    },
    points: {
      issued: sum(points.map((p) => p.issued)),
      redeemed: sum(points.map((p) => p.redeemed)),
      trend: period.buckets.map((bucket) => ({ bucket: dateOfDayNumber(bucket), issued: pointsBy.get(bucket)?.issued ?? 0, redeemed: pointsBy.get(bucket)?.redeemed ?? 0 })),
    },
    giftStockAlerts: gifts.map((g) => ({ gift: { id: g.id, name: g.name }, stock: g.stock })),
    privacyRequests: privacy,
  };
}
