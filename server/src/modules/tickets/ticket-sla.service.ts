import type { EntityManager } from '@mikro-orm/core';
import type { SlaView } from '../../../../shared/schemas/ticket-workflow.schema';
import type { AppDeps } from '../../app-deps';
import type { TicketRow } from './tickets.read';

/** The ticket's SLA clocks as of now (contract: owned by the SLA work; null until it lands). */
export async function ticketSla(deps: AppDeps, em: EntityManager, row: TicketRow): Promise<SlaView | null> {
  void deps;
  void em;
  void row;
  return null;
}
