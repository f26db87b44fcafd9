import type { TicketStatus } from './tickets';

/**
 * The repair lifecycle as a table, used by the server to decide and by the
 * mini-program to offer only what is possible:
 * submitted → accepted → in_progress ⇄ on_hold → resolved → closed; cancelled
 * from submitted (the reporter) or from any open status (an admin).
 */
export const TICKET_ACTIONS = ['accept', 'start', 'hold', 'resume', 'resolve', 'close', 'cancel'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const HOLD_REASONS = ['awaiting_parts', 'awaiting_quote_approval', 'awaiting_decontamination_proof', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  start: { from: ['accepted'], to: 'in_progress' },
  hold: { from: ['in_progress'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  cancel: { from: ['submitted', 'accepted', 'in_progress', 'on_hold'], to: 'cancelled' },
};

/** Actions the status allows at all (who may take them is the server's access rule). */
export function actionsFrom(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}
