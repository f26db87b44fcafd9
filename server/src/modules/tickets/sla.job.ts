import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AppDeps } from '../../app-deps';
import type { JobDefinition } from '../../core/jobs/job';
import { minutePeriod } from '../../core/jobs/periods';
import { newId } from '../../core/ids';
import { notifyUser } from '../notifications/notify';
import { UserSchema } from '../users/user.entity';
import { slaClocks } from './sla.clock';
import { marksDue, slaNotice, type DueMark } from './sla.marks';
import { existingMarks, openTicketsPage, slaEventsOf, type SlaTicketRow } from './sla.read';
import { slaSettings, targetFor } from './sla.settings';
import { TicketSlaMarkSchema } from './ticket-sla-mark.entity';
import { TicketSchema } from './ticket.entity';

/** Tickets read per round trip: three queries (tickets, their events, their marks) per batch, never per ticket. */
export const SLA_BATCH_SIZE = 200;

export interface SlaCheckResult {
  /** Open tickets whose clocks were computed. */
  checked: number;
  /** Marks this run recorded (and notified); a repeat run records none. */
  warnings: number;
  breaches: number;
}

async function activeAdminIds(em: EntityManager): Promise<string[]> {
  const admins = await em.find(UserSchema, { role: 'admin', status: 'active' }, { fields: ['id'] as never });
  return admins.map((u) => u.id);
}

/**
 * Records one mark and, only if this run inserted it, tells the assigned
 * engineer and every active admin — in one transaction, so a mark never
 * exists without its notifications. The mark's unique key makes a repeat
 * (another instance, a manual run beside the scheduled one) a no-op.
 */
async function recordMark(deps: AppDeps, now: Date, ticket: SlaTicketRow, mark: DueMark, adminIds: readonly string[]): Promise<boolean> {
  return deps.orm.em.fork().transactional(async (tx) => {
    const inserted = await (tx as SqlEntityManager)
      .createQueryBuilder(TicketSlaMarkSchema)
      .insert({ id: newId(), createdAt: now, ticket: tx.getReference(TicketSchema, ticket.id), clock: mark.clock, kind: mark.kind, usedMinutes: mark.usedMinutes })
      .onConflict(['ticket', 'clock', 'kind'])
      .ignore()
      .execute('run');
    if (inserted.affectedRows !== 1) return false;
    const { title, body } = slaNotice(ticket.number, mark);
    const recipients = new Set([...(ticket.assignedEngineerId ? [ticket.assignedEngineerId] : []), ...adminIds]);
    for (const userId of recipients) {
      await notifyUser(tx, now, {
        userId,
        kind: mark.kind === 'warning' ? 'sla_warning' : 'sla_breach',
        ticketId: ticket.id,
        title,
        body,
        dedupeKey: `sla:${ticket.id}:${mark.clock}:${mark.kind}:${userId}`,
        page: `packages/ticket/detail/index?id=${ticket.id}`,
      });
    }
    return true;
  });
}

/**
 * The `sla` job: computes both clocks of every open ticket, records a
 * warning once a clock enters its warning band and a breach once it runs
 * over, and notifies on each new mark. Reads in batches (tickets with their
 * hospital tier, then their events, then their marks); writes only where a
 * mark is new.
 */
export async function checkSla(deps: AppDeps, now: Date): Promise<SlaCheckResult> {
  const settings = slaSettings(deps.env);
  const em = deps.orm.em.fork();
  const adminIds = await activeAdminIds(em);
  const result: SlaCheckResult = { checked: 0, warnings: 0, breaches: 0 };
  let afterId: string | null = null;
  for (;;) {
    const tickets = await openTicketsPage(em, afterId, SLA_BATCH_SIZE);
    if (!tickets.length) break;
    const ids = tickets.map((t) => t.id);
    const events = await slaEventsOf(em, ids);
    const marks = await existingMarks(em, ids);
    for (const t of tickets) {
      result.checked += 1;
      const clocks = slaClocks({
        createdAt: t.createdAt,
        events: events.get(t.id) ?? [],
        status: t.status,
        target: targetFor(settings, t.tier),
        calendar: settings.calendar,
        warnPercent: settings.warnPercent,
        now,
      });
      for (const mark of marksDue(clocks, marks.get(t.id) ?? new Set())) {
        if (!(await recordMark(deps, now, t, mark, adminIds))) continue;
        if (mark.kind === 'warning') result.warnings += 1;
        else result.breaches += 1;
      }
    }
    if (tickets.length < SLA_BATCH_SIZE) break;
    afterId = tickets[tickets.length - 1]!.id;
  }
  return result;
}

export const slaJob: JobDefinition = {
  name: 'sla',
  schedule: minutePeriod,
  run: async (deps, ctx) => ({ ...(await checkSla(deps, ctx.now)) }),
};
