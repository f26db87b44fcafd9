import type { Role } from '../../../../shared/permissions';
import { TICKET_ACTIONS, TRANSITIONS, type TicketAction } from '../../../../shared/ticket-lifecycle';
import type { TicketStatus } from '../../../../shared/tickets';
import type { TicketActor } from './tickets.policy';

/** Which lifecycle actions a role ever takes (access-matrix.md); anything else is 403. */
const ROLE_ACTIONS: Record<Role, readonly TicketAction[]> = {
  admin: TICKET_ACTIONS,
  engineer: ['accept', 'start', 'hold', 'resume', 'resolve'],
  staff: ['cancel'],
  dealer: [],
};

interface TicketState {
  reporterId: string;
  assignedEngineerId: string | null;
  status: TicketStatus;
}

export type ActionVerdict = 'allowed' | 'forbidden' | 'wrong-status';

/**
 * May this actor take this action on a ticket they can see? `forbidden`
 * (403) when their role or relation never allows it — the reporter cancels
 * their own ticket, the assigned engineer works it, any engineer accepts
 * from the queue, admins do anything; `wrong-status` (409) when it is theirs
 * to do but not from the current status (the reporter only before acceptance).
 */
export function judgeAction(actor: TicketActor, ticket: TicketState, action: TicketAction): ActionVerdict {
  if (!ROLE_ACTIONS[actor.role].includes(action)) return 'forbidden';
  if (actor.role === 'engineer' && ticket.assignedEngineerId !== actor.userId) {
    // A queue ticket is anyone's to accept; every other step waits for that (409, not 403).
    if (ticket.assignedEngineerId !== null) return 'forbidden';
    if (action !== 'accept') return 'wrong-status';
  }
  if (actor.role === 'staff' && ticket.reporterId !== actor.userId) return 'forbidden';
  const from = actor.role === 'staff' ? ['submitted'] : TRANSITIONS[action].from;
  return from.includes(ticket.status) ? 'allowed' : 'wrong-status';
}

/** What this actor could do next with the ticket. */
export function availableActions(actor: TicketActor, ticket: TicketState): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => judgeAction(actor, ticket, a) === 'allowed');
}
