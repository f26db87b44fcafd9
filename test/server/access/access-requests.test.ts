import { approvedStaff, call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

const BJ = '北京东华医院';
let server: TestServer;
let admin: string;
let departments: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  admin = (await login(server, '13800000001')).token;
  const hospitals = await call(server, 'GET', `/hospitals?q=${encodeURIComponent(BJ)}`, { token: admin });
  const list = await call(server, 'GET', `/hospitals/${hospitals.body.items[0].id}/departments`, { token: admin });
  departments = Object.fromEntries(list.body.items.map((d: { id: string; name: string }) => [d.name, d.id]));
});
afterAll(() => server.close());

const descriptions = async (token: string, scope = 'all') =>
  (await call(server, 'GET', `/tickets?scope=${scope}&limit=100`, { token })).body.items.map((t: { description: string }) => t.description).sort();

describe('advanced access: apply, narrow, grant, revoke', () => {
  it('grants exactly the approved departments, shows their tickets on the next request, and takes them away on revocation', async () => {
    const head = await approvedStaff(server, admin, BJ, '普外科', '周主任');
    const colleague = await approvedStaff(server, admin, BJ, '普外科', '吴医生');
    await insertTicket(server.running.orm, { reporterId: colleague.id, hospitalName: BJ, departmentName: '普外科', description: 'surgery-1' });
    await insertTicket(server.running.orm, { reporterId: colleague.id, hospitalName: BJ, departmentName: '设备科', description: 'equipment-1' });
    expect(await descriptions(head.token)).toEqual([]);

    const applied = await call(server, 'POST', '/access-requests', {
      token: head.token,
      body: { departmentIds: [departments['普外科'], departments['设备科']], position: '科主任', reason: '负责本科室及设备科的设备管理' },
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'pending', requested: [{ name: '普外科' }, { name: '设备科' }], granted: [] });
    expect((await call(server, 'GET', '/access-requests', { token: head.token })).body.items).toHaveLength(1);

    const queue = await call(server, 'GET', '/admin/access-requests?status=pending', { token: admin });
    const item = queue.body.items.find((r: { id: string }) => r.id === applied.body.id);
    expect(item).toMatchObject({ position: '科主任', user: { name: '周主任', hospital: { name: BJ }, department: { name: '普外科' }, tier: 'general' } });
    expect(item.user.phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    const approved = await call(server, 'POST', `/admin/access-requests/${applied.body.id}/approve`, { token: admin, body: { departmentIds: [departments['普外科']] } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', granted: [{ name: '普外科' }] });

    const me = await call(server, 'GET', '/me', { token: head.token });
    expect(me.body).toMatchObject({ tier: 'advanced', managedDepartments: [{ name: '普外科' }] });
    expect(await descriptions(head.token)).toEqual(['surgery-1']);
    expect(await descriptions(head.token, 'managed')).toEqual(['surgery-1']);

    const listed = await call(server, 'GET', '/admin/users?tier=advanced', { token: admin });
    expect(listed.body.items.find((u: { id: string }) => u.id === head.id)).toMatchObject({ managedDepartments: [{ name: '普外科' }] });

    const revoked = await call(server, 'POST', `/admin/users/${head.id}/revoke-advanced`, { token: admin, body: { reason: '岗位调整' } });
    expect(revoked.status).toBe(204);
    // The very next request of the same session no longer sees them.
    expect(await descriptions(head.token)).toEqual([]);
    expect((await call(server, 'GET', '/me', { token: head.token })).body).toMatchObject({ tier: 'general', managedDepartments: [] });

    const audit = await rows<{ action: string }>(server.running.orm, 'select action from audit_event where subject_user_id = ? order by created_at, id', [head.id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['access.grant', 'access.revoke']));
  });

  it('shows a rejection with its reason, and allows a new application afterwards', async () => {
    const person = await approvedStaff(server, admin, BJ, '消化内科', '郑医生');
    const first = await call(server, 'POST', '/access-requests', { token: person.token, body: { departmentIds: [departments['消化内科']], position: '副主任', reason: '协助科室管理' } });
    const rejected = await call(server, 'POST', `/admin/access-requests/${first.body.id}/reject`, { token: admin, body: { reason: '请由科主任申请' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '请由科主任申请' });
    expect((await call(server, 'GET', '/access-requests', { token: person.token })).body.items[0]).toMatchObject({ status: 'rejected', decisionReason: '请由科主任申请' });
    expect((await call(server, 'POST', '/access-requests', { token: person.token, body: { departmentIds: [departments['消化内科']], position: '科主任', reason: '已任科主任' } })).status).toBe(201);
  });

  it('refuses a second pending application, departments of another hospital, and granting what was not asked', async () => {
    const person = await approvedStaff(server, admin, BJ, '设备科', '冯工');
    const body = { departmentIds: [departments['设备科']], position: '设备科长', reason: '管理全院内镜' };
    const first = await call(server, 'POST', '/access-requests', { token: person.token, body });
    expect((await call(server, 'POST', '/access-requests', { token: person.token, body })).status).toBe(409);

    const sh = await call(server, 'GET', `/hospitals?q=${encodeURIComponent('上海')}`, { token: person.token });
    const shDepts = await call(server, 'GET', `/hospitals/${sh.body.items[0].id}/departments`, { token: person.token });
    const other = await approvedStaff(server, admin, BJ, '设备科', '陈工');
    const foreign = await call(server, 'POST', '/access-requests', { token: other.token, body: { ...body, departmentIds: [shDepts.body.items[0].id] } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'departmentIds' })]);

    const overreach = await call(server, 'POST', `/admin/access-requests/${first.body.id}/approve`, { token: admin, body: { departmentIds: [departments['普外科']] } });
    expect(overreach.status).toBe(422);
    expect((await call(server, 'GET', '/me', { token: person.token })).body.tier).toBe('general');
  });

  it('ignores attempts to grant oneself a tier or departments through the application', async () => {
    const person = await approvedStaff(server, admin, BJ, '消化内镜中心', '褚护士');
    const res = await call(server, 'POST', '/access-requests', {
      token: person.token,
      body: { departmentIds: [departments['消化内镜中心']], position: '护士长', reason: '管理本科室', tier: 'advanced', managedDepartments: [departments['普外科']], status: 'approved' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    const me = await call(server, 'GET', '/me', { token: person.token });
    expect(me.body).toMatchObject({ tier: 'general', managedDepartments: [] });
    expect(await descriptions(person.token, 'managed')).toEqual([]);
  });

  it('keeps applications to active hospital staff', async () => {
    const engineer = (await login(server, '13800000002')).token;
    expect((await call(server, 'POST', '/access-requests', { token: engineer, body: { departmentIds: [departments['消化内科']], position: 'x', reason: 'xx' } })).status).toBe(403);
    const pending = await login(server);
    expect((await call(server, 'GET', '/access-requests', { token: pending.token })).status).toBe(403);
  });

  it('refuses to revoke someone without advanced access (409) or who is not staff (404)', async () => {
    const person = await approvedStaff(server, admin, BJ, '消化内科', '韩医生');
    expect((await call(server, 'POST', `/admin/users/${person.id}/revoke-advanced`, { token: admin, body: { reason: '测试' } })).status).toBe(409);
    expect((await call(server, 'POST', '/admin/users/01900000-0000-7000-8000-000000000000/revoke-advanced', { token: admin, body: { reason: '测试' } })).status).toBe(404);
  });
});

describe('admin-created accounts', () => {
  it('creates engineers and dealer staff who sign in by SMS into their role; one phone, one account', async () => {
    const dealer = await call(server, 'POST', '/admin/dealers', { token: admin, body: { name: '西南医疗服务有限公司', contractRef: 'WT-2026-0031', purposes: ['onsite_check'] } });
    expect(dealer.status).toBe(201);
    expect((await call(server, 'GET', '/admin/dealers', { token: admin })).body.items.map((d: { name: string }) => d.name)).toContain('西南医疗服务有限公司');
    const staff = await call(server, 'POST', `/admin/dealers/${dealer.body.id}/staff`, { token: admin, body: { name: '蒋师傅', phone: '13955550001' } });
    expect(staff.body).toMatchObject({ role: 'dealer', dealer: { name: '西南医疗服务有限公司' }, phone: '139****0001' });
    const signedIn = await login(server, '13955550001');
    expect(signedIn.user).toMatchObject({ status: 'active', roles: ['dealer'] });
    expect((await call(server, 'POST', '/admin/engineers', { token: admin, body: { name: '重复', phone: '13955550001' } })).status).toBe(409);
    expect((await call(server, 'POST', '/admin/dealers', { token: admin, body: { name: '西南医疗服务有限公司', contractRef: 'x', purposes: ['pickup'] } })).status).toBe(409);
  });
});
