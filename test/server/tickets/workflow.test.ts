import { call, cameraJpeg, consentFor, freshPhone, login, upload } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer;
let staff: string;
let engineer: string;
let admin: string;
let dealer: string;
let endoscopyId: string;
let unit: { id: string; serial: string; labelCode: string };

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  staff = (await login(server, '13800000004', { consent: ['service', 'fault_media'] })).token;
  engineer = (await login(server, '13800000002')).token;
  admin = (await login(server, '13800000001')).token;
  dealer = (await login(server, '13800000003')).token;
  const me = await call(server, 'GET', '/me', { token: staff });
  endoscopyId = me.body.profile.department.id;
  const [first] = await rows<{ id: string; serial: string; label_code: string }>(
    server.running.orm,
    'select id, serial, label_code from equipment_unit where department_id = ? order by serial',
    [endoscopyId],
  );
  unit = { id: first!.id, serial: first!.serial, labelCode: first!.label_code };
});
afterAll(() => server.close());

const report = (token: string, body: Record<string, unknown>, key?: string) =>
  call(server, 'POST', '/tickets', { token, body, headers: key ? { 'Idempotency-Key': key } : {} });

const basic = () => ({ departmentId: endoscopyId, equipmentId: unit.id, description: '胃镜图像出现黑点，白平衡后仍存在。', contactName: '李静', contactPhone: '13800000004', contactConsent: false });

const act = (token: string, id: string, body: Record<string, unknown>) => call(server, 'POST', `/tickets/${id}/transitions`, { token, body });

describe('reporting a fault', () => {
  it('takes a report with two photos, numbers it, and starts its timeline', async () => {
    const photos = [await upload(server, staff, 'ticket_photo', await cameraJpeg()), await upload(server, staff, 'ticket_photo', await cameraJpeg(320, 240))];
    expect(photos.map((p) => p.status)).toEqual([201, 201]);
    const res = await report(staff, { ...basic(), photoFileIds: photos.map((p) => p.body.id) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', isMine: true, equipment: { serial: unit.serial }, contactPhone: '13800000004' });
    expect(res.body.number).toMatch(/^R\d{8}-\d{4}$/);
    const events = await call(server, 'GET', `/tickets/${res.body.id}/events`, { token: staff });
    expect(events.body.items).toEqual([expect.objectContaining({ kind: 'create', fromStatus: null, toStatus: 'submitted', actor: expect.objectContaining({ name: '李静', role: 'staff' }) })]);
  });

  it('refuses fault photos without the fault_media consent', async () => {
    const other = (await login(server, '13800000005')).token;
    await call(server, 'POST', '/privacy/consents', { token: other, body: await consentFor(server, ['service']) });
    const photo = await upload(server, other, 'ticket_photo', await cameraJpeg());
    expect(photo.status).toBe(403);
    expect(photo.body.code).toBe('CONSENT_REQUIRED');
  });

  it('needs the reporter to confirm a colleague agreed to be the contact', async () => {
    const colleague = { ...basic(), contactName: '王医生', contactPhone: '13911112222' };
    const refused = await report(staff, colleague);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'contactConsent' })]);
    expect((await report(staff, { ...colleague, contactConsent: true })).status).toBe(201);
  });

  it('needs equipment (scanned) or model and serial, and a department of the reporter’s hospital', async () => {
    const { equipmentId: _drop, ...noUnit } = basic();
    void _drop;
    const missing = await report(staff, noUnit);
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'serial' })]);
    expect((await report(staff, { ...noUnit, model: 'QV-G290', serial: 'SN-MANUAL-1' })).status).toBe(201);
    const [sh] = await rows<{ id: string }>(server.running.orm, "select d.id from department d join hospital h on h.id = d.hospital_id where h.name = '上海浦江医院' limit 1");
    const foreign = await report(staff, { ...basic(), departmentId: sh!.id, equipmentId: undefined, model: 'x', serial: 'y' });
    expect(foreign.status).toBe(422);
  });

  it('creates one ticket for ten simultaneous submits with one Idempotency-Key', async () => {
    const key = `double-tap-${Date.now()}`;
    const body = { ...basic(), description: `幂等测试 ${key}` };
    const results = await Promise.all(Array.from({ length: 10 }, () => report(staff, body, key)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const [count] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from ticket where description = ?', [body.description]);
    expect(Number(count!.n)).toBe(1);
    const reused = await report(staff, { ...body, description: '另一个请求' }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('numbers ten simultaneous reports (no key) with ten different numbers', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => report(staff, { ...basic(), description: `并发报修 ${i} ${Date.now()}` })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.number)).size).toBe(10);
  });

  it('keeps reporting to hospital staff and admins', async () => {
    expect((await report(engineer, basic())).status).toBe(403);
    expect((await report(dealer, basic())).status).toBe(403);
  });
});

describe('working a ticket through its lifecycle', () => {
  it('engineer accepts from the queue, starts, holds awaiting parts, resumes and resolves; the timeline shows each step', async () => {
    const { body: t } = await report(staff, basic());
    expect((await act(staff, t.id, { action: 'accept' })).status).toBe(403);
    const illegal = await act(engineer, t.id, { action: 'start' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.detail).toContain('accept');

    const accepted = await act(engineer, t.id, { action: 'accept' });
    expect(accepted.body).toMatchObject({ status: 'accepted', assignedEngineer: { name: '王磊' } });
    expect((await act(engineer, t.id, { action: 'start' })).body.status).toBe('in_progress');
    expect((await act(engineer, t.id, { action: 'hold' })).status).toBe(422);
    expect((await act(engineer, t.id, { action: 'hold', reason: 'awaiting_parts', note: '已订购插入管' })).body.status).toBe('on_hold');
    expect((await act(engineer, t.id, { action: 'resume' })).body.status).toBe('in_progress');
    expect((await act(engineer, t.id, { action: 'resolve', note: '更换 CCD 模块，测试正常' })).status).toBe(422);
    expect((await act(engineer, t.id, { action: 'resolve', note: '更换 CCD 模块，测试正常', report: { found: 'CCD 模块损坏', done: '更换 CCD 模块，测试正常' } })).body.status).toBe('resolved');

    const events = await call(server, 'GET', `/tickets/${t.id}/events`, { token: staff });
    expect(events.body.items.map((e: { kind: string }) => e.kind)).toEqual(['create', 'accept', 'start', 'hold', 'resume', 'resolve']);
    expect(events.body.items[3]).toMatchObject({ fromStatus: 'in_progress', toStatus: 'on_hold', reason: 'awaiting_parts', note: '已订购插入管' });
    expect((await act(admin, t.id, { action: 'close' })).body.status).toBe('closed');
    expect((await act(admin, t.id, { action: 'cancel' })).status).toBe(409);
  });

  it('lets the reporter cancel only before acceptance, and only their own', async () => {
    const { body: early } = await report(staff, basic());
    expect((await act(staff, early.id, { action: 'cancel' })).body.status).toBe('cancelled');
    const { body: late } = await report(staff, basic());
    await act(engineer, late.id, { action: 'accept' });
    expect((await act(staff, late.id, { action: 'cancel' })).status).toBe(409);
    expect((await act(admin, late.id, { action: 'cancel', note: '重复报修' })).body.status).toBe('cancelled');
  });

  it('keeps other engineers off an assigned ticket (403), dealers out (403), and strangers out (404)', async () => {
    const { body: t } = await report(staff, basic());
    await act(engineer, t.id, { action: 'accept' });
    const phone = freshPhone();
    await call(server, 'POST', '/admin/engineers', { token: admin, body: { name: '钱工', phone } });
    const other = (await login(server, phone)).token;
    expect((await act(other, t.id, { action: 'start' })).status).toBe(404);
    expect((await act(dealer, t.id, { action: 'start' })).status).toBe(403);
    const stranger = (await login(server)).token;
    expect((await act(stranger, t.id, { action: 'cancel' })).status).toBe(403);
  });
});

describe('scanning an equipment label', () => {
  it('resolves our QR label and a GS1 DataMatrix serial to the unit of the reporter’s hospital', async () => {
    const byLabel = await call(server, 'GET', `/equipment/by-code/${encodeURIComponent(unit.labelCode)}`, { token: staff });
    expect(byLabel.status).toBe(200);
    expect(byLabel.body).toMatchObject({ id: unit.id, serial: unit.serial, department: { id: endoscopyId } });
    const gs1 = await call(server, 'GET', `/equipment/by-code/${encodeURIComponent(`(01)04987123456789(21)${unit.serial}`)}`, { token: staff });
    expect(gs1.body.id).toBe(unit.id);
    const [foreign] = await rows<{ label_code: string }>(server.running.orm, "select u.label_code from equipment_unit u join hospital h on h.id = u.hospital_id where h.name = '上海浦江医院' limit 1");
    expect((await call(server, 'GET', `/equipment/by-code/${encodeURIComponent(foreign!.label_code)}`, { token: staff })).status).toBe(404);
    expect((await call(server, 'GET', '/equipment/by-code/NO-SUCH-LABEL', { token: staff })).status).toBe(404);
  });
});

describe('assigning engineers and rating the repair', () => {
  it('lets an admin assign and reassign; the timeline names each assignee; engineers only take queue tickets for themselves', async () => {
    const { body: t } = await report(staff, basic());
    const engineers = await rows<{ id: string }>(server.running.orm, "select id from app_user where role = 'engineer' order by created_at, id");
    const me = (await call(server, 'GET', '/me', { token: engineer })).body.id;
    const phone = freshPhone();
    const second = await call(server, 'POST', '/admin/engineers', { token: admin, body: { name: '孙工', phone } });
    // The admin's picker lists the active engineers by name, the new one included.
    const picker = await call(server, 'GET', '/admin/engineers', { token: admin });
    expect(picker.body.items).toEqual(expect.arrayContaining([{ id: me, name: '王磊' }, { id: second.body.id, name: '孙工' }]));
    expect(JSON.stringify(picker.body)).not.toContain(phone);
    const assign = (token: string, engineerId: string) => call(server, 'POST', `/tickets/${t.id}/assign`, { token, body: { engineerId } });

    expect((await assign(engineer, second.body.id)).status).toBe(403);
    expect((await assign(staff, me)).status).toBe(403);
    expect((await assign(admin, (await call(server, 'GET', '/me', { token: staff })).body.id)).status).toBe(422);
    expect((await assign(admin, me)).body.assignedEngineer).toMatchObject({ name: '王磊' });
    expect((await assign(admin, second.body.id)).body.assignedEngineer).toMatchObject({ name: '孙工' });
    // The first engineer no longer sees it at all.
    expect((await call(server, 'GET', `/tickets/${t.id}`, { token: engineer })).status).toBe(404);

    const events = await call(server, 'GET', `/tickets/${t.id}/events`, { token: admin });
    expect(events.body.items.filter((e: { kind: string }) => e.kind === 'assign').map((e: { assignee: { name: string } }) => e.assignee.name)).toEqual(['王磊', '孙工']);
    void engineers;

    const { body: queued } = await report(staff, basic());
    expect((await call(server, 'POST', `/tickets/${queued.id}/assign`, { token: engineer, body: { engineerId: me } })).body).toMatchObject({ status: 'submitted', assignedEngineer: { name: '王磊' } });
  });

  it('lets the reporter rate a resolved repair once, which closes it; nobody else, and not before', async () => {
    const { body: t } = await report(staff, basic());
    const rate = (token: string, body: Record<string, unknown>) => call(server, 'POST', `/tickets/${t.id}/rating`, { token, body });
    expect((await rate(staff, { score: 5 })).status).toBe(409);
    for (const action of ['accept', 'start', 'resolve']) await act(engineer, t.id, { action, report: action === 'resolve' ? { found: '按钮卡滞', done: '已修复' } : undefined });
    expect((await rate(staff, { score: 0 })).status).toBe(422);
    expect((await rate(engineer, { score: 5 })).status).toBe(403);
    expect((await rate(admin, { score: 5 })).status).toBe(403);
    const rated = await rate(staff, { score: 4, comment: '响应很快，工程师很专业' });
    expect(rated.status).toBe(200);
    expect(rated.body.status).toBe('closed');
    expect((await rate(staff, { score: 5 })).status).toBe(409);
    const events = await call(server, 'GET', `/tickets/${t.id}/events`, { token: staff });
    expect(events.body.items.at(-1)).toMatchObject({ kind: 'rate', fromStatus: 'resolved', toStatus: 'closed', note: '4/5' });
    const stored = await rows<{ score: number; comment_sealed: string }>(server.running.orm, 'select score, comment_sealed from ticket_rating');
    expect(stored.map((r) => Number(r.score))).toEqual([4]);
    expect(stored[0]!.comment_sealed).not.toContain('响应很快');
  });
});
