import type { Role, StaffTier } from '../../../../shared/permissions';
import type { TicketScope } from '../../../../shared/schemas/tickets.schema';
import type { TicketStatus } from '../../../../shared/tickets';

/** Who is asking, as the ticket policy sees them (read fresh for each request). */
export interface TicketActor {
  userId: string;
  role: Role;
  tier: StaffTier | null;
  managedDepartmentIds: readonly string[];
  dealerId: string | null;
}

/** One way a ticket can be visible to the actor; a ticket is visible if any holds. */
export type TicketCondition =
  | { kind: 'all' }
  | { kind: 'reportedBy'; userId: string }
  | { kind: 'inDepartments'; departmentIds: readonly string[] }
  | { kind: 'assignedTo'; userId: string }
  | { kind: 'unassignedQueue' }
  | { kind: 'delegatedTo'; dealerId: string };

export interface TicketFilter {
  anyOf: TicketCondition[];
  /** Staff only: tickets created before this are outside the visibility window. */
  createdAfter?: Date;
}

const DAY_MS = 24 * 3600_000;

/**
 * Which tickets an actor may see (access-matrix.md, "Tickets: list / read"),
 * narrowed by `scope`. Pure: the repository turns the result into SQL, for
 * lists and for single records alike, so both answer the same question.
 * An empty `anyOf` means nothing is visible.
 *
 * Scopes: `all` is everything the actor may see; `mine` is what is the
 * actor's own work (staff: reported, engineers: assigned, dealers: delegated);
 * `managed` the advanced staff member's departments; `queue` the unassigned
 * tickets waiting for an engineer; `assigned` those assigned to the engineer.
 * A scope naming a relation the role cannot have selects nothing — except
 * for admins, who relate to every ticket, so only their `queue` narrows.
 */
export function ticketFilter(actor: TicketActor, scope: TicketScope, now: Date, windowDays: number): TicketFilter {
  switch (actor.role) {
    case 'admin':
      return { anyOf: [scope === 'queue' ? { kind: 'unassignedQueue' } : { kind: 'all' }] };
    case 'engineer': {
      const assigned: TicketCondition = { kind: 'assignedTo', userId: actor.userId };
      const queue: TicketCondition = { kind: 'unassignedQueue' };
      if (scope === 'queue') return { anyOf: [queue] };
      if (scope === 'assigned' || scope === 'mine') return { anyOf: [assigned] };
      if (scope === 'managed') return { anyOf: [] };
      return { anyOf: [assigned, queue] };
    }
    case 'dealer': {
      if (!actor.dealerId || scope === 'queue' || scope === 'assigned' || scope === 'managed') return { anyOf: [] };
      return { anyOf: [{ kind: 'delegatedTo', dealerId: actor.dealerId }] };
    }
    case 'staff': {
      const createdAfter = new Date(now.getTime() - windowDays * DAY_MS);
      const own: TicketCondition = { kind: 'reportedBy', userId: actor.userId };
      const managedIds = actor.tier === 'advanced' ? actor.managedDepartmentIds : [];
      const managed: TicketCondition[] = managedIds.length ? [{ kind: 'inDepartments', departmentIds: managedIds }] : [];
      if (scope === 'mine') return { anyOf: [own], createdAfter };
      if (scope === 'managed') return { anyOf: managed, createdAfter };
      if (scope === 'queue' || scope === 'assigned') return { anyOf: [], createdAfter };
      return { anyOf: [own, ...managed], createdAfter };
    }
  }
}

/** How much of a visible ticket the actor sees (access-matrix.md, minimisation rows). */
export type TicketViewKind = 'full' | 'dealer';

export function viewKind(actor: TicketActor): TicketViewKind {
  return actor.role === 'dealer' ? 'dealer' : 'full';
}

/** The contact phone in full: the reporter, the assigned engineer, admins and the delegated dealer; others see the last four digits. */
export function seesFullContactPhone(actor: TicketActor, ticket: { reporterId: string; assignedEngineerId: string | null }): boolean {
  if (actor.role === 'admin' || actor.role === 'dealer') return true;
  if (actor.role === 'engineer') return ticket.assignedEngineerId === actor.userId;
  return ticket.reporterId === actor.userId;
}

/** The reporter's name: engineers (of tickets they may read) and admins; never other staff or dealers. */
export function seesReporter(actor: TicketActor): boolean {
  return actor.role === 'admin' || actor.role === 'engineer';
}

/**
 * The reporter's rating comment: the reporter, engineers and admins (whose
 * work it judges); managed staff see the score only — the comment is the
 * colleague's personal opinion.
 */
export function seesRatingComment(actor: TicketActor, ticket: { reporterId: string }): boolean {
  if (actor.role === 'admin' || actor.role === 'engineer') return true;
  return actor.role === 'staff' && ticket.reporterId === actor.userId;
}

/** Closed and cancelled tickets are history: they take no more comments or delegations. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled'];
