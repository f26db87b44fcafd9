import { approvedStaff, call, freshPhone, login, register } from '../../support/api';
import { insertAddress, insertGift, redeem } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The audit log search (issue 9, item 6) and the promise behind it: every
 * admin decision leaves a row naming who, whom, why and the request id.
 */
const BJ = '北京东华医院';
let server: TestServer;
let admin: string;
let adminId: string;
let departments: Record<string, string>;
let person: { token: string; phone: string; id: string };
let other: { token: string; phone: string; id: string };
let rejected: string;
let created: Record<string, string>;
let createdAdminPhone: string;
let batch: { from: string; to: string };

interface AuditItem {
  id: string;
  createdAt: string;
  action: string;
  actor: { id: string; name: string | null; role: string | null } | null;
  subject: { id: string; name: string | null } | null;
  reason: string | null;
  requestId: string | null;
}

const audit = async (query: string, token = admin) => {
  const res = await call(server, 'GET', `/admin/audit?${query}`, { token });
  expect(res.status).toBe(200);
  return res.body as { items: AuditItem[]; nextCursor: string | null; actions: string[] };
};
const ok = async (res: Promise<{ status: number; body: { id?: string } }>, status = 200) => {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body ?? {};
};
const post = (path: string, body: unknown = {}, token = admin) => call(server, 'POST', path, { token, body });

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', SMS_PHONE_DAILY_LIMIT: '100' } });
  const signedIn = await login(server, '13800000001');
  admin = signedIn.token;
  adminId = signedIn.user.id;
  const hospitals = await call(server, 'GET', `/hospitals?q=${encodeURIComponent(BJ)}`, { token: admin });
  const list = await call(server, 'GET', `/hospitals/${hospitals.body.items[0].id}/departments`, { token: admin });
  departments = Object.fromEntries(list.body.items.map((d: { id: string; name: string }) => [d.name, d.id]));

  // Every kind of admin decision, once (approvedStaff is a registration approval).
  person = await approvedStaff(server, admin, BJ, '普外科', '严审计');
  other = await approvedStaff(server, admin, BJ, '设备科', '华审计');
  const applicant = await login(server);
  rejected = (await ok(register(server, applicant.token), 201)).id!;
  await ok(post(`/admin/registrations/${rejected}/reject`, { reason: '工牌照片不清晰' }));

  const first = await ok(post('/access-requests', { departmentIds: [departments['普外科']], position: '科主任', reason: '科室设备管理' }, person.token), 201);
  await ok(post(`/admin/access-requests/${first.id}/approve`, { departmentIds: [departments['普外科']] }));
  await ok(post(`/admin/users/${person.id}/revoke-advanced`, { reason: '岗位调整' }), 204);
  const second = await ok(post('/access-requests', { departmentIds: [departments['普外科']], position: '科主任', reason: '再次申请' }, person.token), 201);
  await ok(post(`/admin/access-requests/${second.id}/reject`, { reason: '请由科主任申请' }));

  await ok(post('/admin/points/adjustments', { userId: person.id, delta: 200, reason: '活动奖励积分' }), 201);
  const gift = await insertGift(server, { pointsPrice: 50 });
  await ok(post(`/admin/gifts/${gift.id}/stock-changes`, { delta: 5, note: '入库补货' }), 201);
  const address = await insertAddress(server, person.id);
  const order = await ok(redeem(server, person.token, { giftId: gift.id, quantity: 1, addressId: address }, `audit-${Date.now()}`), 201);
  await ok(post(`/admin/redemptions/${order.id}/cancel`, { reason: '礼品停产，积分已退回' }));

  const dealerId = (await call(server, 'GET', '/admin/dealers', { token: admin })).body.items[0].id;
  created = {
    engineer: (await ok(post('/admin/engineers', { name: '葛工程', phone: freshPhone() }), 201)).id!,
    dealer: (await ok(post(`/admin/dealers/${dealerId}/staff`, { name: '葛经销', phone: freshPhone() }), 201)).id!,
    admin: (await ok(post('/admin/admins', { name: '葛管理', phone: (createdAdminPhone = freshPhone()) }), 201)).id!,
  };

  // The users area, inside a time window of its own.
  await new Promise((r) => setTimeout(r, 20));
  const from = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  await ok(post(`/admin/accounts/${other.id}/role`, { role: 'engineer', reason: '转岗工程师' }));
  await ok(post(`/admin/accounts/${other.id}/disable`, { reason: '调查中' }));
  await ok(post(`/admin/accounts/${other.id}/enable`, { reason: '调查结束' }));
  await login(server, other.phone);
  await ok(post(`/admin/accounts/${other.id}/revoke-sessions`, { reason: '手机遗失' }));
  await new Promise((r) => setTimeout(r, 20));
  batch = { from, to: new Date().toISOString() };
});
afterAll(() => server.close());

describe('every admin decision is on record', () => {
  const cases: [string, () => string, RegExp | null][] = [
    ['registration.approve', () => person.id, null],
    ['registration.reject', () => rejected, /工牌照片不清晰/],
    ['access.grant', () => person.id, null],
    ['access.revoke', () => person.id, /岗位调整/],
    ['access.reject', () => person.id, /请由科主任申请/],
    ['points.adjust', () => person.id, /活动奖励积分/],
    ['redemption.cancel', () => person.id, /礼品停产/],
    ['account.role_change', () => other.id, /转岗工程师/],
    ['account.disable', () => other.id, /调查中/],
    ['account.enable', () => other.id, /调查结束/],
    ['account.revoke_sessions', () => other.id, /手机遗失/],
    ['account.create.engineer', () => created.engineer!, null],
    ['account.create.dealer', () => created.dealer!, null],
    ['account.create.admin', () => created.admin!, null],
  ];
  it.each(cases)('%s names the admin, the person, the reason and the request', async (action, subject, reason) => {
    const found = await audit(`action=${action}&subjectUserId=${subject()}`);
    expect(found.items).toHaveLength(1);
    const [row] = found.items;
    expect(row).toMatchObject({ action, actor: { id: adminId, name: '赵敏', role: 'admin' }, subject: { id: subject() }, requestId: expect.any(String) });
    if (reason) expect(row!.reason).toMatch(reason);
  });

  it('gift stock changes are recorded too (no person is their subject)', async () => {
    const found = await audit('action=gift.stock_change');
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ actor: { id: adminId }, subject: null, reason: expect.stringContaining('入库补货') });
  });
});

describe('GET /admin/audit', () => {
  it('lists newest first with the distinct actions on record for the dropdown', async () => {
    const all = await audit('limit=100');
    const ids = all.items.map((i) => i.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const times = all.items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.actions).toEqual([...all.actions].sort());
    expect(all.actions).toEqual(expect.arrayContaining(['registration.approve', 'access.grant', 'account.disable', 'gift.stock_change', 'redemption.cancel']));
    expect(new Set(all.actions).size).toBe(all.actions.length);
  });

  it('takes an action exactly, or as a prefix when it ends in a dot', async () => {
    const prefixed = await audit('action=account.&limit=100');
    expect(prefixed.items.length).toBeGreaterThanOrEqual(7);
    expect(prefixed.items.every((i) => i.action.startsWith('account.'))).toBe(true);
    expect(new Set(prefixed.items.map((i) => i.action))).toEqual(
      new Set(['account.role_change', 'account.disable', 'account.enable', 'account.revoke_sessions', 'account.create.engineer', 'account.create.dealer', 'account.create.admin']),
    );
    expect((await audit('action=account.create.&limit=100')).items.map((i) => i.action).sort()).toEqual(['account.create.admin', 'account.create.dealer', 'account.create.engineer']);
    // Without the dot it is exact: a part of an action name matches nothing.
    expect((await audit('action=account')).items).toEqual([]);
    expect((await audit('action=access.gran')).items).toEqual([]);
    // `_` and `%` mean themselves.
    expect((await audit('action=account%25')).items).toEqual([]);
    expect((await audit('action=a_cess.')).items).toEqual([]);
  });

  it('filters by actor', async () => {
    const second = await login(server, createdAdminPhone);
    await ok(post(`/admin/accounts/${created.dealer}/disable`, { reason: '合同到期' }, second.token));
    const bySecond = await audit(`actorId=${created.admin}`);
    expect(bySecond.items).toEqual([expect.objectContaining({ action: 'account.disable', actor: { id: created.admin, name: '葛管理', role: 'admin' }, subject: { id: created.dealer, name: '葛经销' } })]);
    const byDemo = await audit(`actorId=${adminId}&limit=100`);
    expect(byDemo.items.length).toBeGreaterThan(10);
    expect(byDemo.items.every((i) => i.actor?.id === adminId)).toBe(true);
    // A person's own doings are theirs (their advanced-access application is not audited; a phone change would be).
    expect((await audit(`actorId=${person.id}&limit=100`)).items.every((i) => i.actor?.id === person.id)).toBe(true);
  });

  it('finds a subject by id or by full phone (blind index), and nobody for an unknown phone', async () => {
    const byPhone = await audit(`subjectPhone=${person.phone}&limit=100`);
    expect(byPhone.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['registration.approve', 'access.grant', 'access.revoke', 'access.reject', 'points.adjust', 'redemption.cancel']),
    );
    expect(byPhone.items.every((i) => i.subject?.id === person.id && i.subject.name === '严审计')).toBe(true);
    expect((await audit(`subjectUserId=${person.id}&limit=100`)).items).toEqual(byPhone.items);
    const nobody = await audit('subjectPhone=13999999998');
    expect(nobody.items).toEqual([]);
    expect(nobody.actions.length).toBeGreaterThan(5);
    // Phone and id naming two different people match nothing.
    expect((await audit(`subjectPhone=${person.phone}&subjectUserId=${other.id}`)).items).toEqual([]);
  });

  it('limits to a time range [from, to)', async () => {
    const inWindow = await audit(`from=${encodeURIComponent(batch.from)}&to=${encodeURIComponent(batch.to)}&limit=100`);
    expect(inWindow.items.map((i) => i.action).sort()).toEqual(['account.disable', 'account.enable', 'account.revoke_sessions', 'account.role_change']);
    const before = await audit(`to=${encodeURIComponent(batch.from)}&limit=100`);
    expect(before.items.every((i) => Date.parse(i.createdAt) < Date.parse(batch.from))).toBe(true);
    expect(before.items.map((i) => i.action)).toContain('registration.approve');
    expect(before.items.map((i) => i.action)).not.toContain('account.disable');
    const bad = await call(server, 'GET', `/admin/audit?from=${encodeURIComponent(batch.to)}&to=${encodeURIComponent(batch.from)}`, { token: admin });
    expect(bad.status).toBe(422);
  });

  it('pages by keyset, every row once', async () => {
    const all = (await audit('action=account.&limit=100')).items.map((i) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: AuditItem[]; nextCursor: string | null } = await audit(`action=account.&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await call(server, 'GET', '/admin/audit?cursor=nope', { token: admin })).status).toBe(422);
  });

  it('is for admins only', async () => {
    expect((await call(server, 'GET', '/admin/audit', { token: person.token })).status).toBe(403);
    expect((await call(server, 'GET', '/admin/audit')).status).toBe(401);
  });
});
