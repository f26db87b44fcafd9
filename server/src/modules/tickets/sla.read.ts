import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { OPEN_STATUSES, type TicketStatus } from '../../../../shared/tickets';
import { toDate } from '../../db/sql-values';
import type { SlaEvent } from './sla.clock';

/** Only these steps move a clock; the rest of the timeline (assign, comments) is not read. */
const CLOCK_KINDS: ReadonlySet<string> = new Set(['create', 'accept', 'start', 'hold', 'resume', 'resolve', 'close', 'rate', 'cancel']);

/** A ticket as the SLA job reads it: plain columns, its hospital's tier joined in. */
export interface SlaTicketRow {
  id: string;
  number: string;
  status: TicketStatus;
  createdAt: Date;
  assignedEngineerId: string | null;
  tier: string;
}

async function execute(em: EntityManager, q: unknown): Promise<Record<string, unknown>[]> {
  return (await (em as SqlEntityManager).getConnection().execute(q as never, [], 'all', em.getTransactionContext())) as Record<string, unknown>[];
}

/** The clock-relevant events of these tickets, by ticket, in the order they happened. One query. */
export async function slaEventsOf(em: EntityManager, ticketIds: readonly string[]): Promise<Map<string, SlaEvent[]>> {
  const byTicket = new Map<string, SlaEvent[]>(ticketIds.map((id) => [id, []]));
  if (!ticketIds.length) return byTicket;
  const knex = (em as SqlEntityManager).getKnex();
  // Filtered and ordered here, not in SQL: with a kind filter or an order by created_at, SQLite prefers the
  // dashboard's (kind, created_at) index and walks every event of every ticket (seconds on a million tickets,
  // blocking the API meanwhile); constrained by ticket id alone it can only take the ticket_id index.
  const rows = await execute(em, knex('ticket_event').select('id', 'ticket_id', 'kind', 'created_at').whereIn('ticket_id', [...ticketIds]));
  const events = rows
    .filter((r) => CLOCK_KINDS.has(r.kind as string))
    .map((r) => ({ id: r.id as string, ticketId: r.ticket_id as string, kind: r.kind as string, at: toDate(r.created_at) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of events) byTicket.get(e.ticketId)?.push({ kind: e.kind, at: e.at });
  return byTicket;
}

/** One page of open tickets, in id order after `afterId`, with their hospital's tier. One query. */
export async function openTicketsPage(em: EntityManager, afterId: string | null, limit: number): Promise<SlaTicketRow[]> {
  const knex = (em as SqlEntityManager).getKnex();
  const q = knex('ticket as t')
    .join('hospital as h', 'h.id', 't.hospital_id')
    .select('t.id', 't.number', 't.status', 't.created_at', 't.assigned_engineer_id', 'h.service_tier')
    .whereIn('t.status', [...OPEN_STATUSES])
    .orderBy('t.id')
    .limit(limit);
  if (afterId) q.andWhere('t.id', '>', afterId);
  const rows = await execute(em, q);
  return rows.map((r) => ({
    id: r.id as string,
    number: r.number as string,
    status: r.status as TicketStatus,
    createdAt: toDate(r.created_at),
    assignedEngineerId: (r.assigned_engineer_id as string | null) ?? null,
    tier: r.service_tier as string,
  }));
}

/** The marks these tickets already have, by ticket, as `clock:kind`. One query. */
export async function existingMarks(em: EntityManager, ticketIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const byTicket = new Map<string, Set<string>>(ticketIds.map((id) => [id, new Set()]));
  if (!ticketIds.length) return byTicket;
  const knex = (em as SqlEntityManager).getKnex();
  const rows = await execute(em, knex('ticket_sla_mark').select('ticket_id', 'clock', 'kind').whereIn('ticket_id', [...ticketIds]));
  for (const r of rows) byTicket.get(r.ticket_id as string)?.add(`${r.clock as string}:${r.kind as string}`);
  return byTicket;
}
