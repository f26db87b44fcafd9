import { call } from '../../support/api';
import { rows } from '../../support/db';
import { demoTickets, REPORT, type DemoTickets } from './demo-tickets';

/**
 * `GET /tickets/:id`: staff, engineers and admins get the detail (SLA,
 * service report, rating, delegations, their next actions); dealers keep the
 * minimal view. Resolving needs a service report.
 */
let d: DemoTickets;
beforeAll(async () => {
  d = await demoTickets();
});
afterAll(() => d.server.close());

const read = (token: string, id: string) => call(d.server, 'GET', `/tickets/${id}`, { token });

const DETAIL_KEYS = [
  'actions', 'assignedEngineer', 'contactName', 'contactPhone', 'contactPhoneMasked', 'createdAt', 'delegations', 'department', 'description',
  'equipment', 'hospital', 'id', 'isMine', 'media', 'number', 'rating', 'reporter', 'serviceReport', 'sla', 'status',
];
const DEALER_KEYS = ['contactName', 'contactPhone', 'createdAt', 'delegationPurpose', 'department', 'description', 'equipment', 'hospital', 'id', 'number', 'status'];

describe('the detail of a new ticket', () => {
  it('gives each role the detail fields and the actions open to them now', async () => {
    const t = await d.report();
    const staff = await read(d.token.staff, t.id);
    expect(staff.status).toBe(200);
    expect(Object.keys(staff.body).sort()).toEqual(DETAIL_KEYS);
    expect(staff.body).toMatchObject({ status: 'submitted', serviceReport: null, rating: null, delegations: [], actions: ['cancel'], isMine: true, media: { photoIds: [], voiceId: null } });
    expect((await read(d.token.engineer, t.id)).body.actions).toEqual(['accept']);
    expect((await read(d.token.admin, t.id)).body.actions).toEqual(['accept', 'cancel']);
    // The department head sees it (managed), with the phone masked, and may do nothing to it.
    expect((await read(d.token.advanced, t.id)).body).toMatchObject({ actions: [], contactPhoneMasked: true, reporter: null });
    // Not delegated: the dealer does not see it at all.
    expect((await read(d.token.dealer, t.id)).status).toBe(404);
  });

  it('follows the lifecycle: the assigned engineer’s actions change with the status', async () => {
    const t = await d.report();
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    expect((await read(d.token.engineer, t.id)).body.actions).toEqual(['start']);
    expect((await read(d.token.staff, t.id)).body.actions).toEqual([]);
    await d.act(d.token.engineer, t.id, { action: 'start' });
    expect((await read(d.token.engineer, t.id)).body.actions).toEqual(['hold', 'resolve']);
  });
});

describe('resolving with a service report', () => {
  it('refuses to resolve without a report (422, nothing changes) and shows the report once resolved', async () => {
    const t = await d.report();
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    await d.act(d.token.engineer, t.id, { action: 'start' });
    const without = await d.act(d.token.engineer, t.id, { action: 'resolve', note: '已修复' });
    expect(without.status).toBe(422);
    expect(without.body.errors).toEqual([expect.objectContaining({ path: 'report', message: '请填写维修报告' })]);
    const tooShort = await d.act(d.token.engineer, t.id, { action: 'resolve', report: { found: 'x', done: '' } });
    expect(tooShort.status).toBe(422);
    expect((await read(d.token.staff, t.id)).body).toMatchObject({ status: 'in_progress', serviceReport: null });

    const resolved = await d.act(d.token.engineer, t.id, { action: 'resolve', report: REPORT });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    for (const token of [d.token.staff, d.token.advanced, d.token.engineer, d.token.admin]) {
      const detail = (await read(token, t.id)).body;
      expect(detail.serviceReport).toEqual({ ...REPORT, createdAt: expect.any(String) });
    }
    const stored = await rows<{ engineer_id: string; found: string }>(d.server.running.orm, 'select engineer_id, found from ticket_service_report where ticket_id = ?', [t.id]);
    expect(stored).toEqual([{ engineer_id: d.id.engineer, found: REPORT.found }]);
    expect((await read(d.token.staff, t.id)).body.actions).toEqual([]);
    expect((await read(d.token.admin, t.id)).body.actions).toEqual(['close']);
  });

  it('leaves out `parts` when none were used', async () => {
    const t = await d.report();
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    await d.act(d.token.engineer, t.id, { action: 'start' });
    await d.act(d.token.engineer, t.id, { action: 'resolve', report: { found: '按钮卡滞', done: '清洁并润滑按钮' } });
    expect((await read(d.token.staff, t.id)).body.serviceReport).toEqual({ found: '按钮卡滞', done: '清洁并润滑按钮', createdAt: expect.any(String) });
  });
});

describe('the rating in the detail', () => {
  it('shows the comment to the reporter, engineers and admins; the department head sees the score only', async () => {
    const t = await d.report();
    await d.workToResolved(t.id);
    expect((await call(d.server, 'POST', `/tickets/${t.id}/rating`, { token: d.token.staff, body: { score: 4, comment: '响应很快，工程师很专业' } })).status).toBe(200);
    const rating = async (token: string) => (await read(token, t.id)).body.rating;
    expect(await rating(d.token.staff)).toEqual({ score: 4, comment: '响应很快，工程师很专业' });
    expect(await rating(d.token.engineer)).toEqual({ score: 4, comment: '响应很快，工程师很专业' });
    expect(await rating(d.token.admin)).toEqual({ score: 4, comment: '响应很快，工程师很专业' });
    expect(await rating(d.token.advanced)).toEqual({ score: 4, comment: null });
  });

  it('shows a rating without a comment as such', async () => {
    const t = await d.report();
    await d.workToResolved(t.id);
    await call(d.server, 'POST', `/tickets/${t.id}/rating`, { token: d.token.staff, body: { score: 5 } });
    expect((await read(d.token.staff, t.id)).body).toMatchObject({ status: 'closed', rating: { score: 5, comment: null }, actions: [] });
  });
});

describe('delegations in the detail, and the dealer’s view', () => {
  it('lists active and ended delegations with the dealer’s name; the dealer gets only the minimal fields', async () => {
    const t = await d.report();
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    const delegate = (purpose: string) => call(d.server, 'POST', `/tickets/${t.id}/delegations`, { token: d.token.engineer, body: { dealerId: d.id.demoDealer, purpose } });
    expect((await delegate('onsite_check')).status).toBe(201);
    const dealerView = await read(d.token.dealer, t.id);
    expect(dealerView.status).toBe(200);
    expect(Object.keys(dealerView.body).sort()).toEqual(DEALER_KEYS);
    expect(dealerView.body.delegationPurpose).toBe('onsite_check');

    expect((await call(d.server, 'DELETE', `/tickets/${t.id}/delegations/${d.id.demoDealer}`, { token: d.token.engineer })).status).toBe(200);
    expect((await delegate('pickup')).status).toBe(201);
    const detail = (await read(d.token.staff, t.id)).body;
    expect(detail.delegations).toEqual([
      { dealer: { id: d.id.demoDealer, name: '华东医疗器械技术服务有限公司' }, purpose: 'onsite_check', createdAt: expect.any(String), endedAt: expect.any(String) },
      { dealer: { id: d.id.demoDealer, name: '华东医疗器械技术服务有限公司' }, purpose: 'pickup', createdAt: expect.any(String), endedAt: null },
    ]);
    expect((await read(d.token.dealer, t.id)).body.delegationPurpose).toBe('pickup');
  });

  it('keeps lists on the lighter view', async () => {
    const t = await d.report();
    const list = await call(d.server, 'GET', '/tickets?scope=mine', { token: d.token.staff });
    const item = list.body.items.find((x: { id: string }) => x.id === t.id);
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('actions');
    expect(item).not.toHaveProperty('serviceReport');
  });
});
