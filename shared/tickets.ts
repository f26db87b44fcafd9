/**
 * Ticket statuses, shared by server and mini-program. The transition table
 * (who may move a ticket from which status to which) arrives with the repair
 * workflow; the access rules only need to know the statuses.
 */
export const TICKET_STATUSES = ['submitted', 'accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const OPEN_STATUSES: readonly TicketStatus[] = ['submitted', 'accepted', 'in_progress', 'on_hold'];

export const DELEGATION_PURPOSES = ['onsite_check', 'pickup'] as const;
export type DelegationPurpose = (typeof DELEGATION_PURPOSES)[number];

/** How long staff can see their (and their departments') tickets, unless configured otherwise. */
export const DEFAULT_VISIBILITY_WINDOW_DAYS = 365;
