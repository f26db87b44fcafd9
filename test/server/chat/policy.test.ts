import { chatFilter, claimDecision, mayClose, sendDecision, type ChatActor } from '../../../server/src/modules/chat/chat.policy';

/** The chat policy on its own (access-matrix.md, "chat sessions and messages"). */
const now = new Date('2026-11-22T08:00:00Z');
const staff: ChatActor = { userId: 's1', role: 'staff' };
const engineer: ChatActor = { userId: 'e1', role: 'engineer' };
const admin: ChatActor = { userId: 'a1', role: 'admin' };
const dealer: ChatActor = { userId: 'd1', role: 'dealer' };
const windowStart = new Date('2026-11-21T08:00:00Z');

describe('chatFilter', () => {
  it.each([
    ['staff, no scope', staff, undefined, undefined, { ownerId: 's1', createdAfter: windowStart }],
    ['staff, all closed', staff, 'all', 'closed', { ownerId: 's1', createdAfter: windowStart, status: 'closed' }],
    ['staff, unclaimed', staff, 'unclaimed', undefined, { none: true }],
    ['engineer, no scope', engineer, undefined, undefined, { status: 'open' }],
    ['engineer, unclaimed', engineer, 'unclaimed', undefined, { claimedById: null, status: 'open' }],
    ['engineer, claimed', engineer, 'claimed', undefined, { claimedById: 'e1' }],
    ['engineer, all', engineer, 'all', undefined, {}],
    ['admin, all closed', admin, 'all', 'closed', { status: 'closed' }],
    ['dealer', dealer, undefined, undefined, { none: true }],
  ] as const)('%s', (_name, actor, scope, status, expected) => {
    expect(chatFilter(actor, scope, status, now, 1)).toEqual(expected);
  });
});

describe('sending, claiming, closing', () => {
  const open = { ownerId: 's1', status: 'open', claimedById: null };
  const mine = { ...open, claimedById: 'e1' };
  const colleagues = { ...open, claimedById: 'e2' };
  const closed = { ...mine, status: 'closed' };

  it('lets the owner write while open; engineers claim by answering; a colleague’s is off limits except to admins', () => {
    expect(sendDecision(staff, open)).toEqual({ ok: true, claim: false });
    expect(sendDecision(staff, closed)).toEqual({ ok: false, reason: 'closed' });
    expect(sendDecision(engineer, open)).toEqual({ ok: true, claim: true });
    expect(sendDecision(engineer, mine)).toEqual({ ok: true, claim: false });
    expect(sendDecision(engineer, colleagues)).toEqual({ ok: false, reason: 'claimed_by_other' });
    expect(sendDecision(admin, colleagues)).toEqual({ ok: true, claim: false });
    expect(sendDecision(admin, open)).toEqual({ ok: true, claim: true });
  });

  it('claims: open and free, own again (no change), a colleague’s only as admin', () => {
    expect(claimDecision(engineer, open)).toEqual({ ok: true, changes: true });
    expect(claimDecision(engineer, mine)).toEqual({ ok: true, changes: false });
    expect(claimDecision(engineer, colleagues)).toEqual({ ok: false, reason: 'claimed_by_other' });
    expect(claimDecision(admin, colleagues)).toEqual({ ok: true, changes: true });
    expect(claimDecision(admin, closed)).toEqual({ ok: false, reason: 'closed' });
  });

  it('closes: owner, claimant, admin', () => {
    expect(mayClose(staff, colleagues)).toBe(true);
    expect(mayClose(engineer, mine)).toBe(true);
    expect(mayClose(engineer, colleagues)).toBe(false);
    expect(mayClose(admin, colleagues)).toBe(true);
  });
});
