import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { toDate } from '../../db/sql-values';

/**
 * The parts of `GET /tickets/:id` beyond the ticket row, as plain rows (no
 * entities on the hot read, architecture.md): each part one statement,
 * whatever the number of photos, delegations or events.
 */

type Row = Record<string, unknown>;
const run = async (em: EntityManager, q: unknown) => (await (em as SqlEntityManager).getConnection().execute(q as never)) as Row[];

export interface ReportAndRating {
  report: { found: string; done: string; parts: string | null; createdAt: Date } | null;
  rating: { id: string; score: number; commentSealed: string | null } | null;
}

/** The latest resolve's report (a reopened and re-resolved ticket shows what was done last) and the rating, in one statement. */
export async function reportAndRating(em: EntityManager, ticketId: string): Promise<ReportAndRating> {
  const knex = (em as SqlEntityManager).getKnex();
  const latest = knex.raw('sr.id = (select x.id from ticket_service_report x where x.ticket_id = t.id order by x.id desc limit 1)');
  const [r] = await run(
    em,
    knex('ticket as t')
      .leftJoin('ticket_service_report as sr', (j) => j.on(latest))
      .leftJoin('ticket_rating as tr', 'tr.ticket_id', 't.id')
      .select('sr.found', 'sr.done', 'sr.parts', 'sr.created_at as report_created_at', 'tr.id as rating_id', 'tr.score', 'tr.comment_sealed')
      .where('t.id', ticketId),
  );
  return {
    report: r?.found != null ? { found: r.found as string, done: r.done as string, parts: (r.parts as string | null) ?? null, createdAt: toDate(r.report_created_at) } : null,
    rating: r?.rating_id != null ? { id: String(r.rating_id), score: Number(r.score), commentSealed: (r.comment_sealed as string | null) ?? null } : null,
  };
}

/** The photos and voice note that came with the report, in upload order. */
export async function reportMediaRows(em: EntityManager, ticketId: string): Promise<{ id: string; purpose: string }[]> {
  const knex = (em as SqlEntityManager).getKnex();
  const rows = await run(
    em,
    knex('stored_file').select('id', 'purpose').where('ticket_id', ticketId).whereNull('comment_id').whereNull('deleted_at').orderBy('id', 'asc'),
  );
  return rows.map((r) => ({ id: String(r.id), purpose: r.purpose as string }));
}

export interface DelegationRow {
  dealerId: string;
  dealerName: string;
  purpose: 'onsite_check' | 'pickup';
  createdAt: Date;
  endedAt: Date | null;
}

/** Every delegation of a ticket, active and ended, oldest first, with the dealer's name. */
export async function delegationRows(em: EntityManager, ticketId: string): Promise<DelegationRow[]> {
  const knex = (em as SqlEntityManager).getKnex();
  const rows = await run(
    em,
    knex('ticket_delegation as td')
      .join('dealer as dl', 'dl.id', 'td.dealer_id')
      .select('dl.id as dealer_id', 'dl.name as dealer_name', 'td.purpose', 'td.created_at', 'td.ended_at')
      .where('td.ticket_id', ticketId)
      .orderBy('td.id', 'asc'),
  );
  return rows.map((r) => ({
    dealerId: String(r.dealer_id),
    dealerName: r.dealer_name as string,
    purpose: r.purpose as DelegationRow['purpose'],
    createdAt: toDate(r.created_at),
    endedAt: r.ended_at == null ? null : toDate(r.ended_at),
  }));
}
