import type { TicketActor } from './tickets.policy';

interface CommentTarget {
  reporterId: string;
  assignedEngineerId: string | null;
  departmentId: string;
  /** The actor's dealer's active delegation (set only when the actor is a dealer). */
  delegationPurpose: string | null;
}

/**
 * May this actor comment on a ticket they can see (access-matrix.md,
 * "comment": own | own + managed | assigned | delegated | all)? Seeing is
 * not enough: an engineer looking at a queue ticket comments only once it
 * is theirs.
 */
export function mayComment(actor: TicketActor, ticket: CommentTarget): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'engineer':
      return ticket.assignedEngineerId === actor.userId;
    case 'dealer':
      return ticket.delegationPurpose !== null;
    case 'staff':
      if (ticket.reporterId === actor.userId) return true;
      return actor.tier === 'advanced' && actor.managedDepartmentIds.includes(ticket.departmentId);
  }
}

/** Who hears of a new comment: the reporter and the assigned engineer, never the author. */
export function commentRecipients(ticket: { reporterId: string; assignedEngineerId: string | null }, authorId: string): string[] {
  const people = [ticket.reporterId, ticket.assignedEngineerId].filter((id): id is string => Boolean(id) && id !== authorId);
  return [...new Set(people)];
}
