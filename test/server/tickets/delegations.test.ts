import { call } from '../../support/api';
import { rows } from '../../support/db';
import { demoTickets, type DemoTickets } from './demo-tickets';

/**
 * Dealer delegation (access-matrix.md, "delegate to dealer / end
 * delegation": assigned engineer or admin): the dealer sees the ticket's
 * minimal view from the next request on, each read a recorded provision the
 * reporter can see; ending it takes the ticket away on the next request.
 */
let d: DemoTickets;
beforeAll(async () => {
  d = await demoTickets();
});
afterAll(() => d.server.close());

const DEALER_NAME = '华东医疗器械技术服务有限公司';
const DEALER_KEYS = ['contactName', 'contactPhone', 'createdAt', 'delegationPurpose', 'department', 'description', 'equipment', 'hospital', 'id', 'number', 'status'];
const delegate = (token: string, id: string, body: Record<string, unknown>) => call(d.server, 'POST', `/tickets/${id}/delegations`, { token, body });
const endIt = (token: string, id: string, dealerId = d.id.demoDealer) => call(d.server, 'DELETE', `/tickets/${id}/delegations/${dealerId}`, { token });
const provisions = async (ticketId: string) => Number((await rows<{ n: number }>(d.server.running.orm, 'select count(*) as n from provision_record where ticket_id = ?', [ticketId]))[0]!.n);
const audits = (action: string) => rows<{ actor_id: string; subject_user_id: string; reason: string }>(d.server.running.orm, 'select actor_id, subject_user_id, reason from audit_event where action = ? order by id', [action]);

describe('the dealer picker', () => {
  it('lists active dealers (id and name) to those who may delegate', async () => {
    const res = await call(d.server, 'GET', '/dealers', { token: d.token.engineer });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: d.id.demoDealer, name: DEALER_NAME }]);
    expect((await call(d.server, 'GET', '/dealers', { token: d.token.admin })).status).toBe(200);
    expect((await call(d.server, 'GET', '/dealers', { token: d.token.staff })).status).toBe(403);
    expect((await call(d.server, 'GET', '/dealers', { token: d.token.dealer })).status).toBe(403);
  });
});

describe('delegating a ticket and ending it', () => {
  it('engineer delegates → dealer reads the minimal view, each read one provision the reporter sees → ended → dealer gets 404', async () => {
    const t = await d.report();
    // Not before it is the engineer's (a queue ticket), never by staff or the dealer.
    expect((await delegate(d.token.engineer, t.id, { dealerId: d.id.demoDealer, purpose: 'onsite_check' })).status).toBe(403);
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    expect((await delegate(d.token.staff, t.id, { dealerId: d.id.demoDealer, purpose: 'onsite_check' })).status).toBe(403);
    expect((await delegate(d.token.dealer, t.id, { dealerId: d.id.demoDealer, purpose: 'onsite_check' })).status).toBe(403);
    expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer })).status).toBe(404);

    const res = await delegate(d.token.engineer, t.id, { dealerId: d.id.demoDealer, purpose: 'onsite_check' });
    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([{ dealer: { id: d.id.demoDealer, name: DEALER_NAME }, purpose: 'onsite_check', createdAt: expect.any(String), endedAt: null }]);
    expect(await audits('ticket.delegate')).toEqual([expect.objectContaining({ actor_id: d.id.engineer, subject_user_id: d.id.staff, reason: expect.stringContaining(t.number) })]);

    // The dealer's list: the ticket, minimal; one provision for it.
    expect(await provisions(t.id)).toBe(0);
    const list = await call(d.server, 'GET', '/tickets', { token: d.token.dealer });
    const listed = list.body.items.find((x: { id: string }) => x.id === t.id);
    expect(Object.keys(listed).sort()).toEqual(DEALER_KEYS);
    expect(await provisions(t.id)).toBe(1);
    // The dealer's read: the same minimal view; exactly one more provision.
    const read = await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer });
    expect(read.status).toBe(200);
    expect(Object.keys(read.body).sort()).toEqual(DEALER_KEYS);
    expect(read.body).toMatchObject({ number: t.number, delegationPurpose: 'onsite_check', contactPhone: '13800000004' });
    expect(JSON.stringify(read.body)).not.toContain('reporter');
    expect(await provisions(t.id)).toBe(2);
    // Reads by others are not provisions.
    await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.engineer });
    expect(await provisions(t.id)).toBe(2);
    const mine = (await call(d.server, 'GET', '/me/provisions', { token: d.token.staff })).body.items.filter((p: { ticketNumber: string }) => p.ticketNumber === t.number);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ dealer: DEALER_NAME, purpose: 'onsite_check' });

    expect((await endIt(d.token.staff, t.id)).status).toBe(403);
    expect((await endIt(d.token.dealer, t.id)).status).toBe(403);
    const ended = await endIt(d.token.engineer, t.id);
    expect(ended.status).toBe(200);
    expect(ended.body.items).toEqual([expect.objectContaining({ purpose: 'onsite_check', endedAt: expect.any(String) })]);
    expect(await audits('ticket.delegation.end')).toEqual([expect.objectContaining({ actor_id: d.id.engineer, subject_user_id: d.id.staff })]);
    // The very next request: gone, and nothing recorded for the refused read.
    expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer })).status).toBe(404);
    expect((await call(d.server, 'GET', `/tickets/${t.id}/comments`, { token: d.token.dealer })).status).toBe(404);
    expect((await call(d.server, 'GET', '/tickets', { token: d.token.dealer })).body.items.map((x: { id: string }) => x.id)).not.toContain(t.id);
    expect(await provisions(t.id)).toBe(2);
    // Nothing left to end.
    expect((await endIt(d.token.engineer, t.id)).status).toBe(404);
  });

  it('allows one active delegation per dealer (409), and a new one after the last ended', async () => {
    const t = await d.report();
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    expect((await delegate(d.token.engineer, t.id, { dealerId: d.id.demoDealer, purpose: 'pickup' })).status).toBe(201);
    const again = await delegate(d.token.admin, t.id, { dealerId: d.id.demoDealer, purpose: 'onsite_check' });
    expect(again.status).toBe(409);
    expect((await endIt(d.token.admin, t.id)).status).toBe(200);
    const renewed = await delegate(d.token.engineer, t.id, { dealerId: d.id.demoDealer, purpose: 'onsite_check' });
    expect(renewed.status).toBe(201);
    expect(renewed.body.items.map((x: { purpose: string; endedAt: string | null }) => [x.purpose, x.endedAt === null])).toEqual([['pickup', false], ['onsite_check', true]]);
  });

  it('creates one active delegation from simultaneous requests', async () => {
    const t = await d.report();
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    const results = await Promise.all(Array.from({ length: 5 }, () => delegate(d.token.engineer, t.id, { dealerId: d.id.demoDealer, purpose: 'pickup' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const [active] = await rows<{ n: number }>(d.server.running.orm, 'select count(*) as n from ticket_delegation where ticket_id = ? and ended_at is null', [t.id]);
    expect(Number(active!.n)).toBe(1);
  });

  it('lets an admin delegate any open ticket, even one still in the queue', async () => {
    const t = await d.report();
    expect((await delegate(d.token.admin, t.id, { dealerId: d.id.demoDealer, purpose: 'pickup' })).status).toBe(201);
    expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer })).status).toBe(200);
  });

  it('refuses closed or cancelled tickets (409), unknown or inactive dealers and purposes outside the dealer’s contract (422)', async () => {
    const cancelled = await d.report();
    await d.act(d.token.staff, cancelled.id, { action: 'cancel' });
    expect((await delegate(d.token.admin, cancelled.id, { dealerId: d.id.demoDealer, purpose: 'pickup' })).status).toBe(409);

    const t = await d.report();
    const unknown = await delegate(d.token.admin, t.id, { dealerId: '0190a0b0-0000-7000-8000-000000000001', purpose: 'pickup' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'dealerId' })]);
    const pickupOnly = await call(d.server, 'POST', '/admin/dealers', { token: d.token.admin, body: { name: '华南医疗服务有限公司', contractRef: 'WT-2026-0020', purposes: ['pickup'] } });
    expect(pickupOnly.status).toBe(201);
    const outside = await delegate(d.token.admin, t.id, { dealerId: pickupOnly.body.id, purpose: 'onsite_check' });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([expect.objectContaining({ path: 'purpose' })]);
    await rows(d.server.running.orm, 'update dealer set active = ? where id = ?', [false, pickupOnly.body.id]);
    expect((await delegate(d.token.admin, t.id, { dealerId: pickupOnly.body.id, purpose: 'pickup' })).status).toBe(422);
    await rows(d.server.running.orm, 'update dealer set active = ? where id = ?', [true, pickupOnly.body.id]);
    expect((await delegate(d.token.admin, t.id, { dealerId: pickupOnly.body.id, purpose: 'pickup' })).status).toBe(201);
    expect((await delegate(d.token.admin, t.id, { dealerId: d.id.demoDealer, purpose: 'pickup' })).status).toBe(201);
    // Two dealers at once; ending one leaves the other.
    expect((await endIt(d.token.admin, t.id, pickupOnly.body.id)).body.items.map((x: { endedAt: string | null }) => x.endedAt === null)).toEqual([false, true]);
    expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer })).status).toBe(200);
  });

  it('answers 404 for ending a delegation that does not exist (another engineer’s ticket: 404 as well)', async () => {
    const t = await d.report();
    expect((await endIt(d.token.admin, t.id)).status).toBe(404);
    expect((await endIt(d.token.admin, t.id, '0190a0b0-0000-7000-8000-000000000002')).status).toBe(404);
    const mine = await d.report();
    await d.act(d.token.admin, mine.id, { action: 'accept' });
    // Accepted by an admin without an engineer: not in 王磊's queue and not his.
    expect((await call(d.server, 'GET', `/tickets/${mine.id}`, { token: d.token.engineer })).status).toBe(404);
    expect((await delegate(d.token.engineer, mine.id, { dealerId: d.id.demoDealer, purpose: 'pickup' })).status).toBe(404);
    expect((await endIt(d.token.engineer, mine.id)).status).toBe(404);
  });
});
