import { call, cameraJpeg, login, register, upload } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' } });
  admin = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

describe('registration and review', () => {
  it('takes a registration to pending, shows it to the admin, and approval makes general-tier staff', async () => {
    const person = await login(server);
    const res = await register(server, person.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      permissions: ['profile.self', 'files.upload', 'files.read'],
      profile: { name: '张晓燕', position: '护士长', title: '主管护师', gender: 'female', hasBadge: true, hospital: { name: expect.stringContaining('北京') } },
    });

    const queue = await call(server, 'GET', '/admin/registrations?status=pending', { token: admin });
    const item = queue.body.items.find((i: { userId: string }) => i.userId === res.body.id);
    expect(item).toMatchObject({ name: '张晓燕', phone: `${person.phone.slice(0, 3)}****${person.phone.slice(7)}`, status: 'pending', badgeFileId: expect.any(String) });

    const approved = await call(server, 'POST', `/admin/registrations/${res.body.id}/approve`, { token: admin });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', decidedAt: expect.any(String) });

    const me = await call(server, 'GET', '/me', { token: person.token });
    expect(me.body).toMatchObject({ status: 'active', tier: 'general', roles: ['staff'] });
    expect(me.body.permissions).toContain('tickets.create');

    const again = await login(server, person.phone);
    expect(again.user).toMatchObject({ id: res.body.id, status: 'active' });

    const audit = await rows<{ action: string; actor_id: string }>(server.running.orm, 'select action, actor_id from audit_event where subject_user_id = ?', [res.body.id]);
    expect(audit.map((a) => a.action)).toContain('registration.approve');
  });

  it('shows a rejection with its reason and accepts a corrected registration', async () => {
    const person = await login(server);
    const first = await register(server, person.token);
    const rejected = await call(server, 'POST', `/admin/registrations/${first.body.id}/reject`, { token: admin, body: { reason: '工牌照片不清晰，请重新拍摄' } });
    expect(rejected.status).toBe(200);
    const me = await call(server, 'GET', '/me', { token: person.token });
    expect(me.body).toMatchObject({ status: 'rejected', rejectionReason: '工牌照片不清晰，请重新拍摄' });
    const second = await register(server, person.token, { name: '张晓燕' });
    expect(second.body.status).toBe('pending');
    expect(second.body.rejectionReason).toBeNull();
  });

  it('refuses a rejection without a reason, and a decision on a registration that is not pending', async () => {
    const person = await login(server);
    const reg = await register(server, person.token);
    expect((await call(server, 'POST', `/admin/registrations/${reg.body.id}/reject`, { token: admin, body: { reason: '' } })).status).toBe(422);
    expect((await call(server, 'POST', `/admin/registrations/${reg.body.id}/approve`, { token: admin })).status).toBe(200);
    const twice = await call(server, 'POST', `/admin/registrations/${reg.body.id}/approve`, { token: admin });
    expect(twice.status).toBe(409);
    expect((await call(server, 'POST', `/admin/registrations/00000000-0000-7000-8000-000000000000/approve`, { token: admin })).status).toBe(404);
  });

  it('checks the department belongs to the hospital and the badge is the person’s own', async () => {
    const person = await login(server);
    const other = await login(server);
    const othersBadge = await upload(server, other.token, 'badge', await cameraJpeg());
    const stolen = await register(server, person.token, { badgeFileId: othersBadge.body.id });
    expect(stolen.status).toBe(422);
    expect(stolen.body.errors).toEqual([expect.objectContaining({ path: 'badgeFileId' })]);

    const shanghai = await call(server, 'GET', '/hospitals?q=上海', { token: person.token });
    const shDept = await call(server, 'GET', `/hospitals/${shanghai.body.items[0].id}/departments`, { token: person.token });
    const mismatch = await register(server, person.token, { departmentId: shDept.body.items[0].id });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: 'departmentId' })]);
  });

  it('ignores attempts to set role, status or tier through the registration, and refuses them on PATCH /me', async () => {
    const person = await login(server);
    const res = await register(server, person.token, { role: 'admin', status: 'active', tier: 'advanced', managedDepartments: ['x'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', roles: ['staff'], tier: null });
    const patch = await call(server, 'PATCH', '/me', { token: person.token, body: { role: 'admin' } });
    expect(patch.status).toBe(422);
    const me = await call(server, 'GET', '/me', { token: person.token });
    expect(me.body).toMatchObject({ status: 'pending', roles: ['staff'], tier: null });
  });

  it('keeps the review queue to admins; a pending person may only see and correct their profile', async () => {
    const person = await login(server);
    await register(server, person.token);
    const queue = await call(server, 'GET', '/admin/registrations', { token: person.token });
    expect(queue.status).toBe(403);
    expect(queue.body.code).toBe('FORBIDDEN');
    const corrected = await call(server, 'PATCH', '/me', { token: person.token, body: { position: '副护士长' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.profile.position).toBe('副护士长');
    expect((await upload(server, person.token, 'ticket_photo', await cameraJpeg())).status).toBe(403);
    expect((await call(server, 'GET', '/admin/registrations')).status).toBe(401);
  });

  it('lists approved staff registrations, not accounts an admin created (engineers, dealers, admins)', async () => {
    const active = await call(server, 'GET', '/admin/registrations?status=active&limit=100', { token: admin });
    expect(active.status).toBe(200);
    const names = active.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['李静', '陈建华']));
    expect(names).not.toContain('赵敏');
  });

  it('pages the queue newest first with a cursor', async () => {
    const own = await startTestServer({ env: { DEMO_SEED: 'true' } });
    try {
      const ownAdmin = (await login(own, '13800000001')).token;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await register(own, (await login(own)).token)).body.id);
      const page1 = await call(own, 'GET', '/admin/registrations?status=pending&limit=2', { token: ownAdmin });
      expect(page1.body.items.map((i: { userId: string }) => i.userId)).toEqual([ids[2], ids[1]]);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await call(own, 'GET', `/admin/registrations?status=pending&limit=2&cursor=${page1.body.nextCursor}`, { token: ownAdmin });
      expect(page2.body.items.map((i: { userId: string }) => i.userId)).toEqual([ids[0]]);
      expect(page2.body.nextCursor).toBeNull();
    } finally {
      await own.close();
    }
  });
});

describe('demo accounts', () => {
  let demo: TestServer;
  beforeAll(async () => {
    demo = await startTestServer({ env: { DEMO_SEED: 'true' } });
  });
  afterAll(() => demo.close());

  it.each([
    ['13800000001', 'admin', null],
    ['13800000002', 'engineer', null],
    ['13800000003', 'dealer', null],
    ['13800000004', 'staff', 'general'],
    ['13800000005', 'staff', 'advanced'],
  ])('%s signs in by SMS as %s', async (phone, role, tier) => {
    const { user } = await login(demo, phone);
    expect(user).toMatchObject({ status: 'active', roles: [role], tier });
  });
});
