import { approvedStaff, call, consentFor, freshPhone, login, requestCode } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The admin console's users area, write side (issue 9, item 3): role change
 * (effective on the next request, with its guards), disable/enable (sign-in
 * and requests refused with ACCOUNT_DISABLED), ending sessions, bulk, and
 * admin accounts. Every action leaves its audit row.
 */
const BJ = '北京东华医院';
let server: TestServer;
let admin: string;
let adminId: string;
let departments: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', SMS_PHONE_DAILY_LIMIT: '100' } });
  const signedIn = await login(server, '13800000001');
  admin = signedIn.token;
  adminId = signedIn.user.id;
  const hospitals = await call(server, 'GET', `/hospitals?q=${encodeURIComponent(BJ)}`, { token: admin });
  const list = await call(server, 'GET', `/hospitals/${hospitals.body.items[0].id}/departments`, { token: admin });
  departments = Object.fromEntries(list.body.items.map((d: { id: string; name: string }) => [d.name, d.id]));
});
afterAll(() => server.close());

const post = (path: string, body: unknown = {}, token = admin) => call(server, 'POST', path, { token, body });
const auditOf = (subjectId: string) =>
  rows<{ action: string; actor_id: string; reason: string | null; request_id: string | null }>(
    server.running.orm,
    'select action, actor_id, reason, request_id from audit_event where subject_user_id = ? order by id',
    [subjectId],
  );
const userRow = async (id: string) =>
  (await rows<{ role: string; tier: string | null; status: string; dealer_id: string | null; disabled_at: unknown; disabled_reason: string | null }>(
    server.running.orm,
    'select role, tier, status, dealer_id, disabled_at, disabled_reason from app_user where id = ?',
    [id],
  ))[0]!;
const sessionsOf = async (id: string) => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from user_session where user_id = ?', [id]))[0]!.n);
const dealerId = async () => (await call(server, 'GET', '/admin/dealers', { token: admin })).body.items[0].id as string;

/** An advanced staff member with one managed department, through the real flow. */
async function advancedStaff(name: string) {
  const person = await approvedStaff(server, admin, BJ, '普外科', name);
  const applied = await post('/access-requests', { departmentIds: [departments['普外科']], position: '科主任', reason: '科室设备管理' }, person.token);
  expect((await post(`/admin/access-requests/${applied.body.id}/approve`, { departmentIds: [departments['普外科']] })).status).toBe(200);
  return person;
}

describe('POST /admin/accounts/:id/role', () => {
  it('takes effect on the person’s very next request, both ways', async () => {
    const person = await approvedStaff(server, admin, BJ, '设备科', '钱工');
    expect((await call(server, 'GET', '/admin/accounts', { token: person.token })).status).toBe(403);

    const up = await post(`/admin/accounts/${person.id}/role`, { role: 'admin', reason: '调任客服主管' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ id: person.id, role: 'admin', tier: null, status: 'active' });
    // Same token, no new sign-in: the permissions are computed per request.
    expect((await call(server, 'GET', '/admin/accounts', { token: person.token })).status).toBe(200);
    expect((await call(server, 'GET', '/me', { token: person.token })).body).toMatchObject({ roles: ['admin'], permissions: expect.arrayContaining(['admin.access']) });

    const down = await post(`/admin/accounts/${person.id}/role`, { role: 'staff', reason: '回到科室' });
    expect(down.body).toMatchObject({ role: 'staff', tier: 'general' });
    expect((await call(server, 'GET', '/admin/accounts', { token: person.token })).status).toBe(403);

    const audit = await auditOf(person.id);
    const changes = audit.filter((a) => a.action === 'account.role_change');
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ actor_id: adminId, reason: '医院员工 → 管理员：调任客服主管', request_id: expect.any(String) });
  });

  it('clears tier and managed departments when someone leaves staff', async () => {
    const head = await advancedStaff('褚主任');
    expect((await call(server, 'GET', '/me', { token: head.token })).body).toMatchObject({ tier: 'advanced', managedDepartments: [{ name: '普外科' }] });
    const pending = await post('/access-requests', { departmentIds: [departments['设备科']], position: '科主任', reason: '兼管设备科' }, head.token);
    expect(pending.status).toBe(201);

    const res = await post(`/admin/accounts/${head.id}/role`, { role: 'engineer', reason: '转岗为服务工程师' });
    expect(res.body).toMatchObject({ role: 'engineer', tier: null, managedDepartments: [] });
    expect(await userRow(head.id)).toMatchObject({ role: 'engineer', tier: null });
    expect(await rows(server.running.orm, 'select id from managed_department where user_id = ? and revoked_at is null', [head.id])).toEqual([]);
    expect((await rows<{ status: string }>(server.running.orm, 'select status from access_request where id = ?', [pending.body.id]))[0]!.status).toBe('rejected');
    // The engineer's workbench is theirs on the next request; staff-only functions are not.
    expect((await call(server, 'GET', '/me', { token: head.token })).body).toMatchObject({ roles: ['engineer'], tier: null, managedDepartments: [] });
    expect((await call(server, 'GET', '/points', { token: head.token })).status).toBe(403);
  });

  it('makes a dealer only with an existing dealer organisation', async () => {
    const person = await approvedStaff(server, admin, BJ, '设备科', '卫经理');
    const missing = await post(`/admin/accounts/${person.id}/role`, { role: 'dealer', reason: '转入经销商' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'dealerId' })]);
    const unknown = await post(`/admin/accounts/${person.id}/role`, { role: 'dealer', dealerId: '01900000-0000-7000-8000-000000000000', reason: '转入经销商' });
    expect(unknown.status).toBe(422);
    expect(await userRow(person.id)).toMatchObject({ role: 'staff', dealer_id: null });

    const dealer = await dealerId();
    const ok = await post(`/admin/accounts/${person.id}/role`, { role: 'dealer', dealerId: dealer, reason: '转入经销商' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ role: 'dealer', dealer: { id: dealer }, tier: null });
    expect((await post(`/admin/accounts/${person.id}/role`, { role: 'dealer', dealerId: dealer, reason: '再次设置' })).status).toBe(409);
  });

  it('activates an account that never registered when it is given a role admins create (engineer)', async () => {
    const person = await login(server);
    const id = (await call(server, 'GET', '/me', { token: person.token })).body.id;
    expect((await call(server, 'GET', '/me', { token: person.token })).body.status).toBe('unregistered');
    const res = await post(`/admin/accounts/${id}/role`, { role: 'engineer', reason: '新入职工程师先在小程序登录过' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'engineer', status: 'active' });
    expect((await call(server, 'GET', '/me', { token: person.token })).body.permissions).toContain('tickets.assign');
  });

  it('refuses an admin changing their own role (409, in Chinese), and unknown accounts (404)', async () => {
    const self = await post(`/admin/accounts/${adminId}/role`, { role: 'staff', reason: '测试自我降级' });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ code: 'CONFLICT', detail: '不能修改自己的角色' });
    expect((await userRow(adminId)).role).toBe('admin');
    expect((await post('/admin/accounts/01900000-0000-7000-8000-000000000000/role', { role: 'staff', reason: '不存在' })).status).toBe(404);
    expect((await post(`/admin/accounts/${adminId}/role`, { role: 'staff', reason: 'x' })).status).toBe(422);
  });

  it('never leaves the console without an active admin, even when two admins demote each other at once', async () => {
    // Exactly two active admins besides the ones later tests make: the demo admin and a new one.
    const phone = freshPhone();
    const created = await post('/admin/admins', { name: '蒋管理', phone });
    expect(created.status).toBe(201);
    const other = await login(server, phone);
    const otherId = created.body.id as string;
    const admins = await rows<{ id: string }>(server.running.orm, "select id from app_user where role = 'admin' and status = 'active' and disabled_at is null");
    // Earlier tests may have left other admins: demote them so the two are alone.
    for (const a of admins) if (a.id !== adminId && a.id !== otherId) await post(`/admin/accounts/${a.id}/role`, { role: 'staff', reason: '测试前整理' });

    const [a, b] = await Promise.all([
      post(`/admin/accounts/${otherId}/role`, { role: 'staff', reason: '互相降级测试' }),
      post(`/admin/accounts/${adminId}/role`, { role: 'staff', reason: '互相降级测试' }, other.token),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const left = await rows(server.running.orm, "select id from app_user where role = 'admin' and status = 'active' and disabled_at is null");
    expect(left).toHaveLength(1);
    const loser = a.status === 200 ? b : a;
    if (loser.status === 409) expect(loser.body.detail).toBe('不能移除最后一位管理员的管理员角色');

    // Put things back for the tests after this one: the demo admin stays an admin.
    if ((await userRow(adminId)).role !== 'admin') {
      expect((await post(`/admin/accounts/${adminId}/role`, { role: 'admin', reason: '恢复' }, other.token)).status).toBe(200);
    }
  });
});

describe('POST /admin/accounts/:id/disable and /enable', () => {
  it('ends every session at once, refuses sign-in by SMS with ACCOUNT_DISABLED and creates no session, and enable lets them back', async () => {
    const person = await approvedStaff(server, admin, BJ, '消化内科', '沈护士');
    const second = await login(server, person.phone);
    const res = await post(`/admin/accounts/${person.id}/disable`, { reason: '离职' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ disabled: true, disabledReason: '离职', disabledAt: expect.any(String), activeSessions: 0 });
    for (const token of [person.token, second.token]) {
      const me = await call(server, 'GET', '/me', { token });
      expect(me.status).toBe(401);
    }

    const sessions = await sessionsOf(person.id);
    const code = await requestCode(server, person.phone);
    const refused = await call(server, 'POST', '/auth/sms/verify', { body: { phone: person.phone, code, consent: await consentFor(server) } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(refused.body.token).toBeUndefined();
    expect(await sessionsOf(person.id)).toBe(sessions);

    const listed = await call(server, 'GET', '/admin/accounts?status=disabled', { token: admin });
    expect(listed.body.items.map((u: { id: string }) => u.id)).toContain(person.id);

    expect((await post(`/admin/accounts/${person.id}/disable`, { reason: '再次停用' })).status).toBe(409);
    const enabled = await post(`/admin/accounts/${person.id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null, disabledReason: null });
    expect((await post(`/admin/accounts/${person.id}/enable`)).status).toBe(409);
    const back = await login(server, person.phone);
    expect((await call(server, 'GET', '/me', { token: back.token })).status).toBe(200);

    expect((await auditOf(person.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['account.disable', 'account.enable']));
    expect((await auditOf(person.id)).find((a) => a.action === 'account.disable')).toMatchObject({ actor_id: adminId, reason: '离职' });
  });

  it('refuses a session that survived the disabling (a request racing it) with ACCOUNT_DISABLED', async () => {
    const person = await approvedStaff(server, admin, BJ, '消化内科', '韩医生');
    expect((await post(`/admin/accounts/${person.id}/disable`, { reason: '账号异常' })).status).toBe(200);
    await server.running.orm.em.fork().getConnection().execute('update user_session set revoked_at = null where user_id = ?', [person.id]);
    const res = await call(server, 'GET', '/me', { token: person.token });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
    expect((await call(server, 'GET', '/tickets', { token: person.token })).status).toBe(403);
  });

  it('refuses a disabled WeChat user’s sign-in, without a session', async () => {
    const standIn = server.running.wechatStandIn!;
    const wxLogin = async () =>
      call(server, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode('oWx_disabled_0001').code, consent: await consentFor(server, ['service']) } });
    const first = await wxLogin();
    expect(first.status).toBe(200);
    const id = (await call(server, 'GET', '/me', { token: first.body.token })).body.id;
    expect((await post(`/admin/accounts/${id}/disable`, { reason: '冒用他人微信' })).status).toBe(200);
    const sessions = await sessionsOf(id);
    const refused = await wxLogin();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ACCOUNT_DISABLED');
    expect(await sessionsOf(id)).toBe(sessions);
    expect((await post(`/admin/accounts/${id}/enable`, { reason: '核实无误' })).status).toBe(200);
    expect((await wxLogin()).status).toBe(200);
  });

  it('does not let a fresh WeChat account join a disabled account through the phone button', async () => {
    const standIn = server.running.wechatStandIn!;
    const person = await approvedStaff(server, admin, BJ, '消化内科', '邹护士');
    expect((await post(`/admin/accounts/${person.id}/disable`, { reason: '离职' })).status).toBe(200);
    const wx = await call(server, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode('oWx_disabled_join').code, consent: await consentFor(server, ['service']) } });
    const bound = await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode(person.phone).code } });
    expect(bound.status).toBe(403);
    expect(bound.body.code).toBe('ACCOUNT_DISABLED');
    expect((await rows<{ openid_index: string | null }>(server.running.orm, 'select openid_index from app_user where id = ?', [person.id]))[0]!.openid_index).toBeNull();
  });

  it('refuses disabling oneself', async () => {
    const res = await post(`/admin/accounts/${adminId}/disable`, { reason: '测试' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('不能对自己的账号执行此操作');
    expect((await call(server, 'GET', '/me', { token: admin })).status).toBe(200);
  });
});

describe('POST /admin/accounts/:id/revoke-sessions', () => {
  it('ends every live session: the tokens answer 401 on their next request; signing in again works', async () => {
    const person = await approvedStaff(server, admin, BJ, '普外科', '杨医生');
    const second = await login(server, person.phone);
    const res = await post(`/admin/accounts/${person.id}/revoke-sessions`, { reason: '手机遗失' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });
    for (const token of [person.token, second.token]) expect((await call(server, 'GET', '/me', { token })).status).toBe(401);
    expect((await post(`/admin/accounts/${person.id}/revoke-sessions`)).body).toEqual({ revoked: 0 });
    expect((await auditOf(person.id)).filter((a) => a.action === 'account.revoke_sessions')).toEqual([expect.objectContaining({ reason: '2 个会话：手机遗失' })]);
    const back = await login(server, person.phone);
    expect((await call(server, 'GET', '/me', { token: back.token })).status).toBe(200);
  });
});

describe('POST /admin/accounts/bulk', () => {
  it('acts on many in one go, skipping oneself, unknown ids and those already in that state, with reasons', async () => {
    const people = [
      await approvedStaff(server, admin, BJ, '设备科', '朱一'),
      await approvedStaff(server, admin, BJ, '设备科', '朱二'),
      await approvedStaff(server, admin, BJ, '设备科', '朱三'),
    ];
    const unknown = '01900000-0000-7000-8000-00000000abcd';
    expect((await post(`/admin/accounts/${people[2]!.id}/disable`, { reason: '提前停用' })).status).toBe(200);

    const res = await post('/admin/accounts/bulk', { action: 'disable', userIds: [...people.map((p) => p.id), adminId, unknown, people[0]!.id], reason: '科室撤并' });
    expect(res.status).toBe(200);
    expect(res.body.done.sort()).toEqual([people[0]!.id, people[1]!.id].sort());
    expect(res.body.skipped).toEqual(
      expect.arrayContaining([
        { id: people[2]!.id, reason: '该账号已停用' },
        { id: adminId, reason: '不能对自己的账号执行此操作' },
        { id: unknown, reason: '未找到该用户' },
      ]),
    );
    expect(res.body.skipped).toHaveLength(3);
    for (const p of people) {
      expect((await call(server, 'GET', '/me', { token: p.token })).status).toBe(401);
      expect((await userRow(p.id)).disabled_at).toBeTruthy();
    }
    expect((await userRow(people[0]!.id)).disabled_reason).toBe('科室撤并');
    expect((await auditOf(people[0]!.id)).filter((a) => a.action === 'account.disable')).toHaveLength(1);

    const enabled = await post('/admin/accounts/bulk', { action: 'enable', userIds: people.map((p) => p.id), reason: '恢复使用' });
    expect(enabled.body).toEqual({ done: people.map((p) => p.id), skipped: [] });

    const again = await Promise.all(people.map((p) => login(server, p.phone)));
    const revoked = await post('/admin/accounts/bulk', { action: 'revoke-sessions', userIds: [people[0]!.id, people[1]!.id], reason: '统一下线' });
    expect(revoked.body).toEqual({ done: [people[0]!.id, people[1]!.id], skipped: [] });
    expect((await call(server, 'GET', '/me', { token: again[0]!.token })).status).toBe(401);
    expect((await call(server, 'GET', '/me', { token: again[2]!.token })).status).toBe(200);
  });

  it('validates the body: a known action, at least one id, a reason', async () => {
    expect((await post('/admin/accounts/bulk', { action: 'delete', userIds: [adminId], reason: '测试一下' })).status).toBe(422);
    expect((await post('/admin/accounts/bulk', { action: 'disable', userIds: [], reason: '测试一下' })).status).toBe(422);
    expect((await post('/admin/accounts/bulk', { action: 'disable', userIds: [adminId] })).status).toBe(422);
  });
});

describe('POST /admin/admins', () => {
  it('creates an active admin who signs in by SMS and may use the console; one phone, one account', async () => {
    const phone = freshPhone();
    const res = await post('/admin/admins', { name: '秦管理', phone });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '秦管理', role: 'admin', dealer: null });
    expect(res.body.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const signedIn = await login(server, phone);
    expect((await call(server, 'GET', '/admin/accounts', { token: signedIn.token })).status).toBe(200);
    expect((await post('/admin/admins', { name: '秦管理', phone })).status).toBe(409);
    expect(await auditOf(res.body.id)).toEqual([expect.objectContaining({ action: 'account.create.admin', actor_id: adminId })]);
    const found = await call(server, 'GET', `/admin/accounts?q=${encodeURIComponent('秦管理')}`, { token: admin });
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([res.body.id]);
  });
});
