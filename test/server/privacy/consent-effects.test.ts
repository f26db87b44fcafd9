import fs from 'node:fs';
import path from 'node:path';
import { approvedStaff, call, cameraJpeg, consentFor, login, register, upload } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Withdrawing a separate consent stops the processing under it, and only
 * that (privacy.md, "Withdrawal as easy as granting; no refusal of
 * unrelated service", PIPL Art. 15, 16); granting it again restores it.
 * `fault_media`: uploads and attaching media refused. `location`: the
 * nearest-hospital search refused. `dealer_sharing`: dealers lose the
 * reporter's tickets (lists, reads, comments) and new delegations of them
 * are refused. `badge_photo`: the badge is deleted once the registration
 * review is done — at once if decided, at the decision if pending.
 */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const DEALER = '华东医疗器械技术服务有限公司';

let server: TestServer;
const token = { admin: '', engineer: '', dealer: '' };
let endoscopyId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  token.admin = (await login(server, '13800000001')).token;
  token.engineer = (await login(server, '13800000002')).token;
  token.dealer = (await login(server, '13800000003')).token;
});
afterAll(() => server.close());

const grant = async (t: string, purposes: string[]) => {
  const res = await call(server, 'POST', '/privacy/consents', { token: t, body: await consentFor(server, purposes) });
  expect(res.status).toBe(201);
  return res.body;
};
const withdraw = async (t: string, purpose: string) => {
  const res = await call(server, 'DELETE', `/privacy/consents/${purpose}`, { token: t });
  expect(res.status).toBe(200);
  expect(res.body.purposes).not.toContain(purpose);
  return res.body;
};
const expectConsentRequired = (res: { status: number; body: { code?: string } }, what: string) => {
  expect([what, res.status, res.body.code]).toEqual([what, 403, 'CONSENT_REQUIRED']);
};

async function staffWith(name: string, purposes: string[]) {
  const person = await approvedStaff(server, token.admin, BJ, ENDO, name);
  await grant(person.token, ['service', ...purposes]);
  endoscopyId ??= (await call(server, 'GET', '/me', { token: person.token })).body.profile.department.id;
  return person;
}

async function report(t: string, extra: Record<string, unknown> = {}) {
  return call(server, 'POST', '/tickets', {
    token: t,
    body: { departmentId: endoscopyId, model: 'QV-G290 电子胃镜', serial: `SN-CE-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, description: '图像出现黑点，白平衡后仍存在。', contactName: '同事', contactPhone: '13700009999', contactConsent: true, ...extra },
  });
}

describe('withdrawing fault_media', () => {
  it('refuses photo and voice uploads, and attaching media uploaded before, with CONSENT_REQUIRED; everything else still works; a re-grant restores it', async () => {
    const person = await staffWith('冯晓', ['fault_media']);
    const before = await upload(server, person.token, 'ticket_photo', await cameraJpeg());
    expect(before.status).toBe(201);

    await withdraw(person.token, 'fault_media');
    expectConsentRequired(await upload(server, person.token, 'ticket_photo', await cameraJpeg()), 'photo upload');
    expectConsentRequired(await upload(server, person.token, 'ticket_voice', Buffer.from('ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000'), 'v.mp3', 'audio/mpeg'), 'voice upload');
    expectConsentRequired(await report(person.token, { photoFileIds: [before.body.id] }), 'attaching an earlier photo');

    // Unrelated service is not refused (Art. 16).
    const plain = await report(person.token);
    expect(plain.status).toBe(201);
    expect((await call(server, 'POST', `/tickets/${plain.body.id}/comments`, { token: person.token, body: { body: '补充：早上开机时最明显' } })).status).toBe(201);
    expect((await call(server, 'POST', '/chats', { token: person.token, body: { text: '请问测漏仪怎么校准？' } })).status).toBe(201);
    expect((await call(server, 'GET', '/points', { token: person.token })).status).toBe(200);

    await grant(person.token, ['fault_media']);
    const after = await upload(server, person.token, 'ticket_photo', await cameraJpeg());
    expect(after.status).toBe(201);
    expect((await report(person.token, { photoFileIds: [before.body.id, after.body.id] })).status).toBe(201);
  });
});

describe('withdrawing location', () => {
  it('the nearest-hospital search needs the consent; name search never does', async () => {
    const { token: t } = await login(server);
    const near = '/hospitals?near=31.2304,121.4737&limit=2';
    expectConsentRequired(await call(server, 'GET', near, { token: t }), 'near without consent');
    expect((await call(server, 'GET', '/hospitals?q=上海', { token: t })).status).toBe(200);

    await grant(t, ['location']);
    const found = await call(server, 'GET', near, { token: t });
    expect(found.status).toBe(200);
    expect(found.body.items[0]).toMatchObject({ name: '上海浦江医院', distanceKm: expect.any(Number) });

    await withdraw(t, 'location');
    expectConsentRequired(await call(server, 'GET', near, { token: t }), 'near after withdrawal');
    expect((await call(server, 'GET', '/hospitals?q=上海', { token: t })).status).toBe(200);
  });
});

describe('withdrawing dealer_sharing', () => {
  const dealerList = async () => {
    const res = await call(server, 'GET', '/tickets?limit=100', { token: token.dealer });
    expect(res.status).toBe(200);
    return res.body.items.map((t: { id: string }) => t.id) as string[];
  };
  const delegate = (id: string) => call(server, 'POST', `/tickets/${id}/delegations`, { token: token.engineer, body: { dealerId, purpose: 'onsite_check' } });
  const accept = async (id: string) => expect((await call(server, 'POST', `/tickets/${id}/transitions`, { token: token.engineer, body: { action: 'accept' } })).status).toBe(200);
  const provisions = async (id: string) => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from provision_record where ticket_id = ?', [id]))[0]!.n);
  let dealerId: string;

  it('takes the reporter’s tickets away from the dealer (lists, reads, comments), refuses new delegations of them, and a re-grant brings both back', async () => {
    dealerId = (await rows<{ id: string }>(server.running.orm, 'select id from dealer where name = ?', [DEALER]))[0]!.id;
    const reporter = await staffWith('卫东', ['dealer_sharing']);
    const other = await staffWith('韩梅', ['dealer_sharing']);
    const mine = (await report(reporter.token)).body.id as string;
    const mineLater = (await report(reporter.token)).body.id as string;
    const theirs = (await report(other.token)).body.id as string;
    for (const id of [mine, mineLater, theirs]) await accept(id);
    expect((await delegate(mine)).status).toBe(201);
    expect((await delegate(theirs)).status).toBe(201);
    expect(await dealerList()).toEqual(expect.arrayContaining([mine, theirs]));
    expect((await call(server, 'GET', `/tickets/${mine}`, { token: token.dealer })).status).toBe(200);

    await withdraw(reporter.token, 'dealer_sharing');
    const provided = await provisions(mine);
    const listed = await dealerList();
    expect(listed).not.toContain(mine);
    expect(listed).toContain(theirs);
    expect((await call(server, 'GET', `/tickets/${mine}`, { token: token.dealer })).status).toBe(404);
    expect((await call(server, 'GET', `/tickets/${mine}/comments`, { token: token.dealer })).status).toBe(404);
    expect((await call(server, 'POST', `/tickets/${mine}/comments`, { token: token.dealer, body: { body: '明天上午到' } })).status).toBe(404);
    expect(await provisions(mine)).toBe(provided);
    const refused = await delegate(mineLater);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('经销商');
    // The engineer's own work on it is untouched.
    expect((await call(server, 'GET', `/tickets/${mine}`, { token: token.engineer })).status).toBe(200);

    await grant(reporter.token, ['dealer_sharing']);
    expect(await dealerList()).toContain(mine);
    expect((await call(server, 'GET', `/tickets/${mine}`, { token: token.dealer })).status).toBe(200);
    expect((await delegate(mineLater)).status).toBe(201);
  });

  it('a reporter who never consented: no delegation at all', async () => {
    const never = await approvedStaff(server, token.admin, BJ, ENDO, '白露');
    const id = (await report(never.token)).body.id as string;
    await accept(id);
    expect((await delegate(id)).status).toBe(409);
    expect(await dealerList()).not.toContain(id);
  });
});

describe('withdrawing badge_photo', () => {
  const badgeOf = async (userId: string) => (await rows<{ badge_file_id: string | null }>(server.running.orm, 'select badge_file_id from app_user where id = ?', [userId]))[0]!.badge_file_id;
  const storedKey = async (fileId: string) => (await rows<{ storage_key: string }>(server.running.orm, 'select storage_key from stored_file where id = ?', [fileId]))[0]?.storage_key;
  const onDisk = (key: string) => fs.existsSync(path.join(server.dataDir, 'storage', key));
  const adminSees = async (fileId: string) => (await fetch(server.api(`/files/${fileId}`), { headers: { authorization: `Bearer ${token.admin}` } })).status;

  async function pendingPerson() {
    const person = await login(server, undefined, { consent: ['service', 'badge_photo'] });
    const reg = await register(server, person.token, { name: '许静' });
    expect(reg.status).toBe(201);
    const badge = (await badgeOf(reg.body.id))!;
    return { token: person.token, id: reg.body.id as string, badge, key: (await storedKey(badge))! };
  }

  it('while the registration is pending: kept for the review, deleted when the admin approves', async () => {
    const p = await pendingPerson();
    await withdraw(p.token, 'badge_photo');
    expect(await adminSees(p.badge)).toBe(200);
    expect((await call(server, 'GET', '/me', { token: p.token })).body.profile.hasBadge).toBe(true);

    expect((await call(server, 'POST', `/admin/registrations/${p.id}/approve`, { token: token.admin })).status).toBe(200);
    expect(await badgeOf(p.id)).toBeNull();
    expect(await storedKey(p.badge)).toBeUndefined();
    expect(onDisk(p.key)).toBe(false);
    expect(await adminSees(p.badge)).toBe(404);
    expect((await call(server, 'GET', '/me', { token: p.token })).body).toMatchObject({ status: 'active', profile: { hasBadge: false } });
  });

  it('…or when the admin rejects', async () => {
    const p = await pendingPerson();
    await withdraw(p.token, 'badge_photo');
    const rejected = await call(server, 'POST', `/admin/registrations/${p.id}/reject`, { token: token.admin, body: { reason: '照片不清晰，请重新上传' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.badgeFileId).toBeNull();
    expect(await storedKey(p.badge)).toBeUndefined();
    expect(onDisk(p.key)).toBe(false);
  });

  it('a pending registration whose person keeps the consent keeps its badge after the decision (retention deletes it later)', async () => {
    const p = await pendingPerson();
    expect((await call(server, 'POST', `/admin/registrations/${p.id}/approve`, { token: token.admin })).status).toBe(200);
    expect(await badgeOf(p.id)).toBe(p.badge);
    expect(onDisk(p.key)).toBe(true);
  });

  it('once decided: deleted at once; a new upload needs the consent again, and a re-grant allows it', async () => {
    const person = await approvedStaff(server, token.admin, BJ, ENDO, '程雪');
    const badge = (await badgeOf(person.id))!;
    const key = (await storedKey(badge))!;
    expect(onDisk(key)).toBe(true);

    await withdraw(person.token, 'badge_photo');
    expect(await badgeOf(person.id)).toBeNull();
    expect(await storedKey(badge)).toBeUndefined();
    expect(onDisk(key)).toBe(false);
    expect((await call(server, 'GET', '/me', { token: person.token })).body.profile.hasBadge).toBe(false);
    expectConsentRequired(await upload(server, person.token, 'badge', await cameraJpeg()), 'badge upload after withdrawal');
    // Unrelated service goes on.
    expect((await call(server, 'GET', '/tickets', { token: person.token })).status).toBe(200);

    await grant(person.token, ['badge_photo']);
    expect((await upload(server, person.token, 'badge', await cameraJpeg())).status).toBe(201);
  });

  it('not yet registered: uploaded badges are deleted at once', async () => {
    const person = await login(server, undefined, { consent: ['service', 'badge_photo'] });
    const up = await upload(server, person.token, 'badge', await cameraJpeg());
    expect(up.status).toBe(201);
    const key = (await storedKey(up.body.id))!;
    await withdraw(person.token, 'badge_photo');
    expect(await storedKey(up.body.id)).toBeUndefined();
    expect(onDisk(key)).toBe(false);
  });
});
