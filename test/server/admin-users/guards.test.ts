import { approvedStaff, call, freshPhone, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Who may use the users area and the audit search (access-matrix.md: admin
 * only), and mass assignment: fields a body may not set are ignored, and the
 * stored values prove it.
 */
let server: TestServer;
let admin: string;
let target: { token: string; phone: string; id: string };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', SMS_PHONE_DAILY_LIMIT: '100' } });
  admin = (await login(server, '13800000001')).token;
  tokens.engineer = (await login(server, '13800000002')).token;
  tokens.dealer = (await login(server, '13800000003')).token;
  tokens.staff = (await login(server, '13800000004')).token;
  tokens.advanced = (await login(server, '13800000005')).token;
  tokens.unregistered = (await login(server)).token;
  target = await approvedStaff(server, admin, '北京东华医院', '普外科', '许护士');
});
afterAll(() => server.close());

const routes = (id: string): [string, string, unknown][] => [
  ['GET', '/admin/accounts', undefined],
  ['GET', `/admin/accounts/${id}`, undefined],
  ['POST', `/admin/accounts/${id}/role`, { role: 'admin', reason: '越权尝试' }],
  ['POST', `/admin/accounts/${id}/disable`, { reason: '越权尝试' }],
  ['POST', `/admin/accounts/${id}/enable`, {}],
  ['POST', `/admin/accounts/${id}/revoke-sessions`, {}],
  ['POST', '/admin/accounts/bulk', { action: 'disable', userIds: [id], reason: '越权尝试' }],
  ['POST', '/admin/admins', { name: '越权', phone: freshPhone() }],
  ['GET', '/admin/audit', undefined],
];

describe('access', () => {
  it('answers 403 to every non-admin role on every route, and changes nothing', async () => {
    const failures: string[] = [];
    for (const [who, token] of Object.entries(tokens)) {
      for (const [method, path, body] of routes(target.id)) {
        const res = await call(server, method, path, { token, body });
        if (res.status !== 403) failures.push(`${who} ${method} ${path} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    const [row] = await rows<{ role: string; disabled_at: unknown }>(server.running.orm, 'select role, disabled_at from app_user where id = ?', [target.id]);
    expect(row).toMatchObject({ role: 'staff', disabled_at: null });
    expect((await call(server, 'GET', '/me', { token: target.token })).status).toBe(200);
    expect(await rows(server.running.orm, "select id from audit_event where action like 'account.%' and subject_user_id = ?", [target.id])).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    for (const [method, path, body] of routes(target.id)) expect([path, (await call(server, method, path, { body })).status]).toEqual([path, 401]);
  });
});

describe('mass assignment', () => {
  const stored = async (id: string) =>
    (await rows<{ role: string; tier: string | null; status: string; hospital_id: string | null; disabled_at: unknown; disabled_reason: string | null; dealer_id: string | null }>(
      server.running.orm,
      'select role, tier, status, hospital_id, disabled_at, disabled_reason, dealer_id from app_user where id = ?',
      [id],
    ))[0]!;

  it('a role change sets the role and nothing else the body names', async () => {
    const person = await approvedStaff(server, admin, '北京东华医院', '设备科', '吕工');
    const before = await stored(person.id);
    const res = await call(server, 'POST', `/admin/accounts/${person.id}/role`, {
      token: admin,
      body: { role: 'engineer', reason: '转岗', tier: 'advanced', status: 'rejected', disabledAt: new Date().toISOString(), hospitalId: null, managedDepartments: ['x'], balance: 9999, dealerId: undefined },
    });
    expect(res.status).toBe(200);
    expect(await stored(person.id)).toEqual({ ...before, role: 'engineer', tier: null });
    expect(Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from points_entry where user_id = ? and delta = 9999', [person.id]))[0]!.n)).toBe(0);
  });

  it('disable, enable and bulk change only the disabled state', async () => {
    const person = await approvedStaff(server, admin, '北京东华医院', '设备科', '施工');
    const before = await stored(person.id);
    await call(server, 'POST', `/admin/accounts/${person.id}/disable`, { token: admin, body: { reason: '调查中', role: 'admin', tier: 'advanced', status: 'pending' } });
    expect(await stored(person.id)).toEqual({ ...before, disabled_at: expect.anything(), disabled_reason: '调查中' });
    await call(server, 'POST', `/admin/accounts/${person.id}/enable`, { token: admin, body: { role: 'admin', disabledReason: 'x' } });
    expect(await stored(person.id)).toEqual(before);
    await call(server, 'POST', '/admin/accounts/bulk', { token: admin, body: { action: 'revoke-sessions', userIds: [person.id], reason: '统一下线', role: 'admin', status: 'rejected' } });
    expect(await stored(person.id)).toEqual(before);
  });

  it('a new admin account is an admin whatever else the body says', async () => {
    const res = await call(server, 'POST', '/admin/admins', { token: admin, body: { name: '孔管理', phone: freshPhone(), role: 'staff', status: 'pending', tier: 'advanced' } });
    expect(res.status).toBe(201);
    expect(await stored(res.body.id)).toMatchObject({ role: 'admin', status: 'active', tier: null, disabled_at: null });
  });
});
