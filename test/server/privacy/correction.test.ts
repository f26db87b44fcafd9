import { UserPii } from '../../../server/src/modules/users/user.pii';
import { approvedStaff, call, freshPhone, login, register } from '../../support/api';
import { rows } from '../../support/db';
import { balanceOf } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Correction (privacy.md; PIPL Art. 46): a person corrects their profile;
 * a new phone number needs an SMS code sent to that new number; a new
 * hospital or department goes back to admin review.
 */
let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' } });
  admin = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

const me = async (token: string) => (await call(server, 'GET', '/me', { token })).body;

/** A change_phone code for `phone`, requested by a signed-in person (the development SMS provider hands it back). */
async function changeCode(token: string, phone: string): Promise<string> {
  const send = () => call(server, 'POST', '/auth/sms/send', { token, body: { phone, purpose: 'change_phone' } });
  let res = await send();
  if (res.status === 429) {
    // The number just had a code (1 s cooldown on this test server): wait, as a person would.
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after')) * 1000 + 50));
    res = await send();
  }
  expect(res.status).toBe(202);
  return res.body.devCode;
}

async function userRow(id: string) {
  const [row] = await rows<{ phone_index: string; phone_sealed: string; status: string; tier: string | null; hospital_id: string; department_id: string }>(
    server.running.orm,
    'select phone_index, phone_sealed, status, tier, hospital_id, department_id from app_user where id = ?',
    [id],
  );
  return row!;
}

async function place(token: string, hospitalName: string, departmentName: string) {
  const hospitals = await call(server, 'GET', `/hospitals?q=${encodeURIComponent(hospitalName)}`, { token });
  const hospitalId = hospitals.body.items.find((h: { name: string }) => h.name === hospitalName).id as string;
  const departments = await call(server, 'GET', `/hospitals/${hospitalId}/departments`, { token });
  return { hospitalId, departmentId: departments.body.items.find((d: { name: string }) => d.name === departmentName).id as string };
}

describe('profile edits', () => {
  it('change name, position, title and gender at once, stored sealed', async () => {
    const person = await approvedStaff(server, admin, '杭州西湖医院', '消化内镜中心', '沈佳怡');
    const res = await call(server, 'PATCH', '/me', { token: person.token, body: { name: '沈佳宜', position: '内镜室护士长', title: null, gender: 'undisclosed' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', tier: 'general', profile: { name: '沈佳宜', position: '内镜室护士长', title: null, gender: 'undisclosed' } });
    const stored = await rows<{ name_sealed: string }>(server.running.orm, 'select name_sealed from app_user where id = ?', [person.id]);
    expect(stored[0]!.name_sealed).toMatch(/^v1\./);
    expect(stored[0]!.name_sealed).not.toContain('沈佳宜');
    // Role, tier and status are not the person's to set.
    expect((await call(server, 'PATCH', '/me', { token: person.token, body: { tier: 'advanced' } })).status).toBe(422);
    expect((await call(server, 'PATCH', '/me', { token: person.token, body: { status: 'active' } })).status).toBe(422);
  });
});

describe('phone change (POST /me/phone)', () => {
  it('moves the login to the new number with a change_phone code sent to it, and ends the other sessions', async () => {
    const person = await approvedStaff(server, admin, '杭州西湖医院', '消化内镜中心', '许文博');
    const elsewhere = await login(server, person.phone);
    const before = await userRow(person.id);
    const next = freshPhone();

    const code = await changeCode(person.token, next);
    const res = await call(server, 'POST', '/me/phone', { token: person.token, body: { phone: next, code } });
    expect(res.status).toBe(200);
    expect(res.body.profile.phone).toBe(`${next.slice(0, 3)}****${next.slice(-4)}`);

    const after = await userRow(person.id);
    expect(after.phone_index).not.toBe(before.phone_index);
    expect(after.phone_index).toBe(new UserPii(server.running.cipher).phoneIndex(next));
    expect(after.phone_sealed).not.toContain(next);
    // This session goes on; the other one ended.
    expect((await call(server, 'GET', '/me', { token: person.token })).status).toBe(200);
    expect((await call(server, 'GET', '/me', { token: elsewhere.token })).status).toBe(401);
    // The new number signs in to the same account; the old one is free (a new, empty account).
    expect((await login(server, next)).user.id).toBe(person.id);
    expect((await login(server, person.phone)).user).toBeNull();
    const audit = await rows<{ actor_id: string; fields: string | string[] }>(server.running.orm, "select actor_id, fields from audit_event where action = 'profile.phone_change' and subject_user_id = ?", [person.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(person.id);
    expect(JSON.stringify(audit)).not.toContain(next);
  });

  it('changes nothing without the right code: wrong, for another number, a login code, or none (422)', async () => {
    const person = await approvedStaff(server, admin, '杭州西湖医院', '消化内镜中心', '韩雪');
    const before = await userRow(person.id);
    const next = freshPhone();

    const right = await changeCode(person.token, next);
    const wrong = right === '000000' ? '111111' : '000000';
    const guessed = await call(server, 'POST', '/me/phone', { token: person.token, body: { phone: next, code: wrong } });
    expect(guessed.status).toBe(422);
    expect(guessed.body.code).toBe('VERIFICATION_FAILED');

    const another = freshPhone();
    const forAnother = await changeCode(person.token, another);
    const swapped = await call(server, 'POST', '/me/phone', { token: person.token, body: { phone: next, code: forAnother } });
    expect(swapped.body.code).toBe('VERIFICATION_FAILED');

    const third = freshPhone();
    const viaLogin = await call(server, 'POST', '/auth/sms/send', { body: { phone: third, purpose: 'login' } });
    expect((await call(server, 'POST', '/me/phone', { token: person.token, body: { phone: third, code: viaLogin.body.devCode } })).body.code).toBe('VERIFICATION_FAILED');

    const noCode = await call(server, 'POST', '/me/phone', { token: person.token, body: { phone: next } });
    expect(noCode.status).toBe(422);
    expect(noCode.body.code).toBe('VALIDATION_FAILED');

    expect(await userRow(person.id)).toEqual(before);
    expect((await me(person.token)).profile.phone).toBe(`${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`);
    expect((await call(server, 'POST', '/me/phone', { body: { phone: next, code: right } })).status).toBe(401);
  });

  it('refuses a number that belongs to another account (409) and the same number (422)', async () => {
    const person = await approvedStaff(server, admin, '杭州西湖医院', '消化内镜中心', '程雨');
    const other = await login(server);
    const before = await userRow(person.id);
    const code = await changeCode(person.token, other.phone);
    const taken = await call(server, 'POST', '/me/phone', { token: person.token, body: { phone: other.phone, code } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('CONFLICT');
    expect(await userRow(person.id)).toEqual(before);
    // The other account keeps its number.
    expect((await login(server, other.phone)).user).toBeNull();
    expect((await me(other.token)).id).not.toBe(person.id);

    const same = await call(server, 'POST', '/me/phone', { token: person.token, body: { phone: person.phone, code: '123456' } });
    expect(same.status).toBe(422);
    expect(same.body.errors).toEqual([expect.objectContaining({ path: 'phone' })]);
  });
});

describe('hospital or department change goes back to admin review', () => {
  it('puts active staff back in the registration queue with the new department, until an admin approves', async () => {
    const person = await approvedStaff(server, admin, '杭州西湖医院', '消化内镜中心', '罗敏');
    const points = await balanceOf(server, person.id);
    const next = await place(person.token, '杭州西湖医院', '设备科');
    expect((await call(server, 'GET', '/tickets', { token: person.token })).status).toBe(200);

    const res = await call(server, 'PATCH', '/me', { token: person.token, body: { departmentId: next.departmentId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', tier: null, profile: { department: { id: next.departmentId, name: '设备科' } } });
    expect(res.body.permissions).toEqual(['profile.self', 'files.upload', 'files.read']);
    expect((await call(server, 'GET', '/tickets', { token: person.token })).status).toBe(403);

    const queue = await call(server, 'GET', '/admin/registrations?status=pending&limit=100', { token: admin });
    expect(queue.body.items[0]).toMatchObject({ userId: person.id, name: '罗敏', department: { name: '设备科' }, status: 'pending', decidedAt: null });
    const audit = await rows(server.running.orm, "select id from audit_event where action = 'registration.resubmit' and actor_id = ? and subject_user_id = ?", [person.id, person.id]);
    expect(audit).toHaveLength(1);

    expect((await call(server, 'POST', `/admin/registrations/${person.id}/approve`, { token: admin })).status).toBe(200);
    expect(await me(person.token)).toMatchObject({ status: 'active', tier: 'general', profile: { department: { name: '设备科' } } });
    expect((await call(server, 'GET', '/tickets', { token: person.token })).status).toBe(200);
    // Approval earns registration points once per person, not again.
    expect(await balanceOf(server, person.id)).toBe(points);
  });

  it('ends advanced access: managed departments revoked, an open application closed', async () => {
    const person = await approvedStaff(server, admin, '杭州西湖医院', '消化内镜中心', '高志远');
    const here = await place(person.token, '杭州西湖医院', '消化内镜中心');
    const other = await place(person.token, '杭州西湖医院', '手术室');
    const applied = await call(server, 'POST', '/access-requests', { token: person.token, body: { departmentIds: [here.departmentId], position: '科主任', reason: '管理本科室内镜' } });
    expect((await call(server, 'POST', `/admin/access-requests/${applied.body.id}/approve`, { token: admin, body: { departmentIds: [here.departmentId] } })).status).toBe(200);
    const open = await call(server, 'POST', '/access-requests', { token: person.token, body: { departmentIds: [other.departmentId], position: '科主任', reason: '兼管手术室内镜' } });
    expect(open.status).toBe(201);
    expect((await me(person.token)).managedDepartments).toHaveLength(1);

    const moved = await place(person.token, '上海浦江医院', '内镜中心');
    const res = await call(server, 'PATCH', '/me', { token: person.token, body: moved });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', tier: null, managedDepartments: [], profile: { hospital: { name: '上海浦江医院' }, department: { name: '内镜中心' } } });
    const grants = await rows<{ revoked_at: unknown }>(server.running.orm, 'select revoked_at from managed_department where user_id = ?', [person.id]);
    expect(grants.every((g) => g.revoked_at !== null)).toBe(true);
    const requests = await call(server, 'GET', '/admin/access-requests?status=pending&limit=100', { token: admin });
    expect(requests.body.items.map((r: { id: string }) => r.id)).not.toContain(open.body.id);
    const [closed] = await rows<{ status: string; decision_reason: string }>(server.running.orm, 'select status, decision_reason from access_request where id = ?', [open.body.id]);
    expect(closed).toMatchObject({ status: 'rejected', decision_reason: expect.stringContaining('医院或科室已变更') });

    expect((await call(server, 'POST', `/admin/registrations/${person.id}/approve`, { token: admin })).status).toBe(200);
    expect(await me(person.token)).toMatchObject({ status: 'active', tier: 'general', managedDepartments: [] });
  });

  it('checks the department belongs to the hospital; a new hospital needs its department', async () => {
    const person = await approvedStaff(server, admin, '杭州西湖医院', '消化内镜中心', '邱晨');
    const before = await userRow(person.id);
    const shanghai = await place(person.token, '上海浦江医院', '内镜中心');
    const foreign = await call(server, 'PATCH', '/me', { token: person.token, body: { departmentId: shanghai.departmentId } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'departmentId' })]);
    const noDepartment = await call(server, 'PATCH', '/me', { token: person.token, body: { hospitalId: shanghai.hospitalId } });
    expect(noDepartment.status).toBe(422);
    expect(noDepartment.body.errors).toEqual([expect.objectContaining({ path: 'departmentId' })]);
    const hangzhou = await place(person.token, '杭州西湖医院', '消化内镜中心');
    const mismatch = await call(server, 'PATCH', '/me', { token: person.token, body: { hospitalId: shanghai.hospitalId, departmentId: hangzhou.departmentId } });
    expect(mismatch.status).toBe(422);
    // Naming the current department again changes nothing and asks for no review.
    const same = await call(server, 'PATCH', '/me', { token: person.token, body: { departmentId: hangzhou.departmentId, position: '护士' } });
    expect(same.status).toBe(200);
    expect(same.body.status).toBe('active');
    expect(await userRow(person.id)).toEqual(before);
  });

  it('corrects a registration still awaiting review in place; accounts without a hospital have none to change', async () => {
    const person = await login(server);
    expect((await register(server, person.token)).status).toBe(201);
    const id = (await me(person.token)).id;
    const registeredAt = (await rows<{ registered_at: unknown }>(server.running.orm, 'select registered_at from app_user where id = ?', [id]))[0]!.registered_at;
    const next = await place(person.token, '上海浦江医院', '呼吸内科');
    const res = await call(server, 'PATCH', '/me', { token: person.token, body: next });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', profile: { hospital: { name: '上海浦江医院' }, department: { name: '呼吸内科' } } });
    expect((await rows<{ registered_at: unknown }>(server.running.orm, 'select registered_at from app_user where id = ?', [id]))[0]!.registered_at).toEqual(registeredAt);

    const engineer = (await login(server, '13800000002')).token;
    const refused = await call(server, 'PATCH', '/me', { token: engineer, body: next });
    expect(refused.status).toBe(422);
    const unregistered = await login(server);
    expect((await call(server, 'PATCH', '/me', { token: unregistered.token, body: next })).status).toBe(422);
  });
});
