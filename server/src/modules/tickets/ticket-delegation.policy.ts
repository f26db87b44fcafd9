import type { TicketActor } from './tickets.policy';

/**
 * May this actor delegate a ticket they can see to a dealer, or end a
 * delegation (access-matrix.md: assigned engineer or admin)? An engineer
 * looking at a queue ticket must take it first.
 */
export function mayDelegate(actor: TicketActor, ticket: { assignedEngineerId: string | null }): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'engineer' && ticket.assignedEngineerId === actor.userId;
}
