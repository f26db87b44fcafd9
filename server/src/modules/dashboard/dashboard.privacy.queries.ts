import { countOverdue, OPEN_STATUSES } from '../privacy-requests/privacy-requests.read';
import { at, run, type DashboardScope } from './dashboard.scope';
import { readNumber } from './shanghai-sql';

/** A request due within this long (and not yet overdue) is flagged as due soon. */
export const DUE_SOON_MS = 3 * 86_400_000;

/**
 * Open privacy requests now, across the country (a request is the
 * requester's, not a hospital's). "Open" and "overdue" are the privacy
 * console's own rules (`OPEN_STATUSES`, `countOverdue`: open and due before
 * now), so the two screens always show the same number. Due soon: open,
 * due from now up to three days from now, both ends included.
 */
export async function privacyRequestCounts(scope: DashboardScope): Promise<{ open: number; dueSoon: number; overdue: number }> {
  const q = scope
    .knex('privacy_request as r')
    .select(
      scope.knex.raw('count(*) as open_count'),
      scope.knex.raw('coalesce(sum(case when r.due_at >= ? and r.due_at <= ? then 1 else 0 end), 0) as due_soon', [
        at(scope, scope.now),
        at(scope, new Date(scope.now.getTime() + DUE_SOON_MS)),
      ]),
    )
    .whereIn('r.status', [...OPEN_STATUSES]);
  const [[row], overdue] = await Promise.all([run(scope, q), countOverdue(scope.em, scope.now)]);
  return { open: readNumber(row?.open_count), dueSoon: readNumber(row?.due_soon), overdue };
}
