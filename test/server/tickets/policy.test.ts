import { TICKET_SCOPES } from '../../../shared/schemas/tickets.schema';
import { commentRecipients, mayComment } from '../../../server/src/modules/tickets/ticket-comment.policy';
import { mayDelegate } from '../../../server/src/modules/tickets/ticket-delegation.policy';
import { seesRatingComment, ticketFilter, type TicketActor } from '../../../server/src/modules/tickets/tickets.policy';

/** The pure ticket rules, without a database: scopes, who comments, who delegates, who is told. */
const now = new Date('2026-03-01T02:00:00Z');
const actor = (role: TicketActor['role'], extra: Partial<TicketActor> = {}): TicketActor => ({
  userId: `${role}-1`,
  role,
  tier: role === 'staff' ? 'general' : null,
  managedDepartmentIds: [],
  dealerId: role === 'dealer' ? 'dealer-1' : null,
  ...extra,
});
const kinds = (a: TicketActor, scope: (typeof TICKET_SCOPES)[number]) => ticketFilter(a, scope, now, 365).anyOf.map((c) => c.kind);

describe('ticketFilter scopes', () => {
  it('engineers: all = assigned + queue; queue; assigned and mine = assigned; managed = nothing', () => {
    const e = actor('engineer');
    expect(kinds(e, 'all')).toEqual(['assignedTo', 'unassignedQueue']);
    expect(kinds(e, 'queue')).toEqual(['unassignedQueue']);
    expect(kinds(e, 'assigned')).toEqual(['assignedTo']);
    expect(kinds(e, 'mine')).toEqual(['assignedTo']);
    expect(kinds(e, 'managed')).toEqual([]);
  });

  it('admins: queue = unassigned; every other scope = all', () => {
    const a = actor('admin');
    expect(kinds(a, 'queue')).toEqual(['unassignedQueue']);
    for (const scope of TICKET_SCOPES.filter((x) => x !== 'queue')) expect(kinds(a, scope)).toEqual(['all']);
  });

  it('staff: queue and assigned select nothing, still inside the window', () => {
    const s = actor('staff', { tier: 'advanced', managedDepartmentIds: ['d1'] });
    expect(kinds(s, 'all')).toEqual(['reportedBy', 'inDepartments']);
    expect(kinds(s, 'queue')).toEqual([]);
    expect(kinds(s, 'assigned')).toEqual([]);
    expect(ticketFilter(s, 'queue', now, 365).createdAfter).toEqual(new Date(now.getTime() - 365 * 24 * 3600_000));
  });

  it('dealers: their delegations under all and mine; nothing under the other scopes or without a dealer', () => {
    const d = actor('dealer');
    expect(kinds(d, 'all')).toEqual(['delegatedTo']);
    expect(kinds(d, 'mine')).toEqual(['delegatedTo']);
    for (const scope of ['queue', 'assigned', 'managed'] as const) expect(kinds(d, scope)).toEqual([]);
    expect(kinds(actor('dealer', { dealerId: null }), 'all')).toEqual([]);
  });
});

describe('who may comment and delegate', () => {
  const ticket = { reporterId: 'staff-1', assignedEngineerId: 'engineer-1', departmentId: 'd1', delegationPurpose: null };

  it('comment: own, own + managed, assigned, delegated, all', () => {
    expect(mayComment(actor('staff'), ticket)).toBe(true);
    expect(mayComment(actor('staff', { userId: 'staff-2' }), ticket)).toBe(false);
    expect(mayComment(actor('staff', { userId: 'staff-2', tier: 'advanced', managedDepartmentIds: ['d1'] }), ticket)).toBe(true);
    // A general member keeps no managed departments, whatever the list says.
    expect(mayComment(actor('staff', { userId: 'staff-2', tier: 'general', managedDepartmentIds: ['d1'] }), ticket)).toBe(false);
    expect(mayComment(actor('engineer'), ticket)).toBe(true);
    expect(mayComment(actor('engineer'), { ...ticket, assignedEngineerId: null })).toBe(false);
    expect(mayComment(actor('dealer'), ticket)).toBe(false);
    expect(mayComment(actor('dealer'), { ...ticket, delegationPurpose: 'pickup' })).toBe(true);
    expect(mayComment(actor('admin'), ticket)).toBe(true);
  });

  it('delegate: the assigned engineer and admins only', () => {
    expect(mayDelegate(actor('engineer'), ticket)).toBe(true);
    expect(mayDelegate(actor('engineer'), { assignedEngineerId: null })).toBe(false);
    expect(mayDelegate(actor('admin'), { assignedEngineerId: null })).toBe(true);
    expect(mayDelegate(actor('staff'), ticket)).toBe(false);
    expect(mayDelegate(actor('dealer'), ticket)).toBe(false);
  });

  it('tells the reporter and the engineer of a comment, never its author', () => {
    expect(commentRecipients(ticket, 'admin-1')).toEqual(['staff-1', 'engineer-1']);
    expect(commentRecipients(ticket, 'staff-1')).toEqual(['engineer-1']);
    expect(commentRecipients({ ...ticket, assignedEngineerId: null }, 'staff-1')).toEqual([]);
  });

  it('shows the rating comment to the reporter, engineers and admins only', () => {
    expect(seesRatingComment(actor('staff'), ticket)).toBe(true);
    expect(seesRatingComment(actor('staff', { userId: 'staff-2', tier: 'advanced', managedDepartmentIds: ['d1'] }), ticket)).toBe(false);
    expect(seesRatingComment(actor('engineer'), ticket)).toBe(true);
    expect(seesRatingComment(actor('admin'), ticket)).toBe(true);
    expect(seesRatingComment(actor('dealer'), ticket)).toBe(false);
  });
});
