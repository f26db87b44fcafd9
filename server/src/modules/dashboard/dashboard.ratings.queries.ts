import { inPeriod, inProvince, run, type DashboardScope } from './dashboard.scope';
import { readDate, readNumber } from './shanghai-sql';

/** How many commented ratings the dashboard quotes. */
export const RECENT_COMMENTS = 10;

/** Ratings given in the period, per score. */
export async function ratingCounts(scope: DashboardScope): Promise<Map<number, number>> {
  const q = scope.knex('ticket_rating as r').join('ticket as t', 't.id', 'r.ticket_id').select('r.score').count({ n: '*' }).groupBy('r.score');
  inPeriod(scope, q, 'r.created_at');
  inProvince(scope, q, 't.hospital_id');
  return new Map((await run(scope, q)).map((r) => [readNumber(r.score), readNumber(r.n)]));
}

export interface CommentRow {
  ratingId: string;
  score: number;
  commentSealed: string;
  createdAt: Date;
  ticketNumber: string;
  hospitalName: string;
}

/** The latest ratings in the period that carry a comment (still sealed: only these are opened). */
export async function recentComments(scope: DashboardScope): Promise<CommentRow[]> {
  const q = scope
    .knex('ticket_rating as r')
    .join('ticket as t', 't.id', 'r.ticket_id')
    .join('hospital as h', 'h.id', 't.hospital_id')
    .select('r.id', 'r.score', 'r.comment_sealed', 'r.created_at', 't.number', 'h.name as hospital_name')
    .whereNotNull('r.comment_sealed')
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(RECENT_COMMENTS);
  inPeriod(scope, q, 'r.created_at');
  inProvince(scope, q, null);
  return (await run(scope, q)).map((r) => ({
    ratingId: r.id as string,
    score: readNumber(r.score),
    commentSealed: r.comment_sealed as string,
    createdAt: readDate(r.created_at),
    ticketNumber: r.number as string,
    hospitalName: r.hospital_name as string,
  }));
}
