import type { EntityManager } from '@mikro-orm/core';
import type { SlaView } from '../../../../shared/schemas/ticket-workflow.schema';
import type { AppDeps } from '../../app-deps';
import { slaClocks } from './sla.clock';
import { slaEventsOf } from './sla.read';
import { slaSettings, targetFor } from './sla.settings';
import type { TicketRow } from './tickets.read';

/**
 * The ticket's SLA clocks as of now, for both sides of the ticket detail:
 * its hospital's tier (read with the ticket row) and its timeline (one
 * query), computed by the pure clock.
 */
export async function ticketSla(deps: AppDeps, em: EntityManager, row: TicketRow): Promise<SlaView | null> {
  const tier = row.hospitalTier;
  if (!tier) return null;
  const events = (await slaEventsOf(em, [row.id])).get(row.id) ?? [];
  const settings = slaSettings(deps.env);
  const clocks = slaClocks({
    createdAt: row.createdAt,
    events,
    status: row.status,
    target: targetFor(settings, tier),
    calendar: settings.calendar,
    warnPercent: settings.warnPercent,
    now: deps.clock.now(),
  });
  return { tier, ...clocks };
}
