import { randomUUID } from 'node:crypto';
import { newId } from '../../../server/src/core/ids';
import { PiiAccessSchema } from '../../../server/src/modules/privacy/pii-access.entity';
import { UserPii } from '../../../server/src/modules/users/user.pii';
import { cameraJpeg, call, consentFor, login, register, upload } from '../../support/api';
import { rows } from '../../support/db';
import { givePoints, insertAddress, insertGift, quickStaff, redeem } from '../../support/gift-shop';
import { insertTicket } from '../../support/tickets';
import { demoTickets, type DemoTickets } from '../tickets/demo-tickets';

/**
 * The personal-information access log (privacy.md, "Security measures;
 * access logged" and "Breach response"): every reveal of a badge photo, a
 * full phone number, an export and a dealer read writes one row per person
 * (actor, subject, fields, purpose, request id); admins search it; no API
 * changes or deletes it.
 */
let d: DemoTickets;
beforeAll(async () => {
  d = await demoTickets();
  // Dealers see a delegated ticket only while its reporter consents to dealer sharing.
  const granted = await call(d.server, 'POST', '/privacy/consents', { token: d.token.staff, body: await consentFor(d.server, ['dealer_sharing']) });
  if (granted.status !== 201) throw new Error(`consent answered ${granted.status}`);
});
afterAll(() => d.server.close());

const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const DEALER_NAME = '华东医疗器械技术服务有限公司';

interface LogRow {
  actor_id: string | null;
  subject_user_id: string | null;
  subject_count: number;
  action: string;
  fields: string | string[];
  purpose: string;
  request_id: string | null;
}
const fieldsOf = (r: LogRow) => (typeof r.fields === 'string' ? (JSON.parse(r.fields) as string[]) : r.fields);
const logRows = (where: string, params: unknown[]) =>
  rows<LogRow & Record<string, unknown>>(d.server.running.orm, `select actor_id, subject_user_id, subject_count, action, fields, purpose, request_id from pii_access_log where ${where} order by id`, params);
const count = async (sql: string, params: unknown[] = []) => Number((await rows<{ n: number }>(d.server.running.orm, sql, params))[0]!.n);
const search = (query: string, token = d.token.admin) => call(d.server, 'GET', `/admin/privacy/access-log${query}`, { token });

describe('reveals write the access log', () => {
  it('an admin viewing a badge photo: one badge.view row with the request id; the owner viewing their own: none', async () => {
    const person = await login(d.server);
    const reg = await register(d.server, person.token);
    expect(reg.status).toBe(201);
    const [{ badge_file_id: badgeId }] = (await rows<{ badge_file_id: string }>(d.server.running.orm, 'select badge_file_id from app_user where id = ?', [reg.body.id])) as [{ badge_file_id: string }];

    const own = await fetch(d.server.api(`/files/${badgeId}`), { headers: { authorization: `Bearer ${person.token}` } });
    expect(own.status).toBe(200);
    expect(await logRows('subject_user_id = ?', [reg.body.id])).toEqual([]);

    const res = await fetch(d.server.api(`/files/${badgeId}`), { headers: { authorization: `Bearer ${d.token.admin}` } });
    expect(res.status).toBe(200);
    const logged = await logRows('subject_user_id = ?', [reg.body.id]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor_id: d.id.admin, action: 'badge.view', purpose: '注册审核', request_id: res.headers.get('x-request-id') });
    expect(fieldsOf(logged[0]!)).toEqual(['badge_photo']);
    // Others still cannot see it at all, and a refused read records nothing.
    expect((await fetch(d.server.api(`/files/${badgeId}`), { headers: { authorization: `Bearer ${d.token.engineer}` } })).status).toBe(404);
    expect(await logRows('subject_user_id = ?', [reg.body.id])).toHaveLength(1);
  });

  it('a full contact phone shown to the assigned engineer or an admin on the detail: one phone.reveal per read; lists, masked or own views: none', async () => {
    const t = await insertTicket(d.server.running.orm, { hospitalName: BJ, departmentName: ENDO, reporterPhone: '13800000004', assignedEngineerPhone: '13800000002', contactPhone: '13700005678' });
    const reveals = () => logRows("action = 'phone.reveal' and purpose = ?", [`工单联系 ${t.number}`]);

    const own = await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.staff });
    expect(own.body.contactPhone).toBe('13700005678');
    const managed = await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.advanced });
    expect(managed.body).toMatchObject({ contactPhone: '*******5678', contactPhoneMasked: true });
    expect(await reveals()).toEqual([]);

    const engineer = await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.engineer });
    expect(engineer.body.contactPhone).toBe('13700005678');
    expect(await reveals()).toEqual([expect.objectContaining({ actor_id: d.id.engineer, subject_user_id: d.id.staff, request_id: engineer.headers.get('x-request-id') })]);
    expect(fieldsOf((await reveals())[0]!)).toEqual(['ticket.contactPhone']);

    // A list shows other people's contact phones masked (masked by default), so it reveals nothing.
    const list = await call(d.server, 'GET', '/tickets?limit=100', { token: d.token.admin });
    const listed = list.body.items.find((x: { id: string }) => x.id === t.id);
    expect(listed).toMatchObject({ contactPhone: '*******5678', contactPhoneMasked: true });
    expect(await logRows('request_id = ?', [list.headers.get('x-request-id')])).toEqual([]);
    // The admin's detail read is the second reveal.
    expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.admin })).body.contactPhone).toBe('13700005678');
    expect(await reveals()).toHaveLength(2);
  });

  it('a dealer read: one dealer.read row beside each provision record, same subject, fields and request id', async () => {
    const t = await insertTicket(d.server.running.orm, {
      hospitalName: BJ,
      departmentName: ENDO,
      reporterPhone: '13800000004',
      assignedEngineerPhone: '13800000002',
      delegatedTo: { dealerName: DEALER_NAME, purpose: 'pickup' },
    });
    const res = await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer });
    expect(res.status).toBe(200);
    const provisions = await rows<{ subject_user_id: string; request_id: string; fields: string | string[] }>(
      d.server.running.orm,
      'select subject_user_id, request_id, fields from provision_record where ticket_id = ?',
      [t.id],
    );
    expect(provisions).toHaveLength(1);
    const logged = await logRows("action = 'dealer.read' and request_id = ?", [res.headers.get('x-request-id')]);
    expect(logged).toEqual([expect.objectContaining({ actor_id: d.id.dealer, subject_user_id: d.id.staff, purpose: 'delegation:pickup', request_id: provisions[0]!.request_id })]);
    expect(fieldsOf(logged[0]!)).toEqual(fieldsOf(provisions[0] as unknown as LogRow));
    // The dealer's contact phone is part of the dealer read, not a separate phone reveal.
    expect(await logRows("action = 'phone.reveal' and actor_id = ?", [d.id.dealer])).toEqual([]);
  });

  it('the packing-list export: one export.orders row per person, beside the audit rows, in the same request', async () => {
    const [wang, chen] = await quickStaff(d.server, 2, { hospitalName: BJ, departmentName: ENDO });
    const gift = await insertGift(d.server, { pointsPrice: 10, valueYuan: 10 });
    for (const who of [wang!, chen!]) {
      await givePoints(d.server, d.token.admin, who.id, 100);
      const addressId = await insertAddress(d.server, who.id);
      for (let i = 0; i < (who === wang ? 2 : 1); i++) {
        expect((await redeem(d.server, who.token, { giftId: gift.id, quantity: 1, addressId }, randomUUID())).status).toBe(201);
      }
    }
    const res = await fetch(d.server.api('/admin/redemptions/export.csv'), { headers: { authorization: `Bearer ${d.token.admin}` } });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    const logged = await logRows("action = 'export.orders' and request_id = ?", [requestId]);
    const audited = await rows<{ subject_user_id: string }>(d.server.running.orm, "select subject_user_id from audit_event where action = 'pii.order_address.export' and request_id = ?", [requestId]);
    expect(logged.map((r) => r.subject_user_id).sort()).toEqual(audited.map((r) => r.subject_user_id).sort());
    const wangRow = logged.find((r) => r.subject_user_id === wang!.id)!;
    expect(wangRow).toMatchObject({ actor_id: d.id.admin, subject_count: 1, purpose: '礼品订单发货清单（待发货，本人 2 单）' });
    expect(fieldsOf(wangRow)).toEqual(['recipientName', 'phone', 'address']);
    expect(logged.find((r) => r.subject_user_id === chen!.id)?.purpose).toBe('礼品订单发货清单（待发货，本人 1 单）');
  });
});

describe('searching the log', () => {
  it('finds by actor, subject id or phone, action and time range, newest first in pages, with names opened; admins only', async () => {
    // Three reveals by the engineer of two people's phones, and an admin's badge view.
    const [a, b] = await quickStaff(d.server, 2, { hospitalName: BJ, departmentName: ENDO });
    const [aPhone] = (await rows<{ phone_sealed: string }>(d.server.running.orm, 'select phone_sealed from app_user where id = ?', [a!.id])).map((r) =>
      new UserPii(d.server.running.cipher).get({ id: a!.id, phoneSealed: r.phone_sealed } as never, 'phone'),
    );
    const tA = await insertTicket(d.server.running.orm, { hospitalName: BJ, departmentName: ENDO, reporterId: a!.id, assignedEngineerPhone: '13800000002' });
    const tB = await insertTicket(d.server.running.orm, { hospitalName: BJ, departmentName: ENDO, reporterId: b!.id, assignedEngineerPhone: '13800000002' });
    for (const id of [tA.id, tB.id, tA.id]) expect((await call(d.server, 'GET', `/tickets/${id}`, { token: d.token.engineer })).status).toBe(200);

    const byEngineerOnA = await search(`?actorId=${d.id.engineer}&subjectUserId=${a!.id}`);
    expect(byEngineerOnA.status).toBe(200);
    expect(byEngineerOnA.body.items).toHaveLength(2);
    expect(byEngineerOnA.body.items[0]).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      actor: { id: d.id.engineer, name: '王磊', role: 'engineer' },
      subject: { id: a!.id, name: '测试员工1' },
      subjectCount: 1,
      action: 'phone.reveal',
      fields: ['ticket.contactPhone'],
      purpose: `工单联系 ${tA.number}`,
      requestId: expect.any(String),
    });
    // Newest first.
    expect(byEngineerOnA.body.items[0].id > byEngineerOnA.body.items[1].id).toBe(true);

    // The same subject through the blind index of their phone; an unknown phone finds nothing.
    const byPhone = await search(`?subjectPhone=${aPhone}`);
    expect(byPhone.body.items.map((i: { id: string }) => i.id)).toEqual(byEngineerOnA.body.items.map((i: { id: string }) => i.id));
    expect((await search('?subjectPhone=13300000000')).body).toEqual({ items: [], nextCursor: null });
    expect((await search(`?subjectPhone=${aPhone}&subjectUserId=${b!.id}`)).body.items).toEqual([]);

    // Pages of one, following the cursor, give the same rows in the same order.
    const first = await search(`?actorId=${d.id.engineer}&subjectUserId=${a!.id}&limit=1`);
    expect(first.body.items).toHaveLength(1);
    const second = await search(`?actorId=${d.id.engineer}&subjectUserId=${a!.id}&limit=1&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items]).toEqual(byEngineerOnA.body.items);
    expect(second.body.nextCursor).toBeNull();

    // By action, and by a time range that ends before these rows.
    const actions = (await search('?action=badge.view&limit=100')).body.items.map((i: { action: string }) => i.action);
    expect(new Set(actions)).toEqual(new Set(['badge.view']));
    const past = new Date(Date.now() - 3600_000).toISOString();
    expect((await search(`?actorId=${d.id.engineer}&subjectUserId=${a!.id}&to=${encodeURIComponent(past)}`)).body.items).toEqual([]);
    expect((await search(`?actorId=${d.id.engineer}&subjectUserId=${a!.id}&from=${encodeURIComponent(past)}`)).body.items).toHaveLength(2);

    const backwards = await search(`?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(past)}`);
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ message: '结束时间不能早于开始时间' })]);
    expect((await search('?subjectPhone=12345')).status).toBe(422);

    for (const token of [d.token.engineer, d.token.staff, d.token.dealer]) expect((await search('', token)).status).toBe(403);
  });

  it('has no path that changes or deletes a row: PUT, PATCH and DELETE answer 404/405 and the rows stay as they were', async () => {
    const snapshot = () => rows(d.server.running.orm, 'select * from pii_access_log order by id');
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    const someId = String(before[0]!.id);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      for (const path of ['/admin/privacy/access-log', `/admin/privacy/access-log/${someId}`, '/admin/privacy/access-log/subjects']) {
        const res = await call(d.server, method, path, { token: d.token.admin, body: method === 'DELETE' ? undefined : { purpose: 'x', fields: [] } });
        expect([404, 405]).toContain(res.status);
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('breach response', () => {
  it('lists every person one actor touched in a time range, with counts, actions and fields, on seeded data', async () => {
    const people = await quickStaff(d.server, 4, { hospitalName: BJ, departmentName: ENDO });
    const [x, y, z, w] = people.map((p) => p.id) as [string, string, string, string];
    const actor = (await quickStaff(d.server, 1, { hospitalName: BJ, departmentName: ENDO }))[0]!.id;
    const other = (await quickStaff(d.server, 1, { hospitalName: BJ, departmentName: ENDO }))[0]!.id;
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-03-08T00:00:00Z');
    const at = (iso: string) => new Date(iso);
    const em = d.server.running.orm.em.fork();
    const seed = (actorId: string, subjectUserId: string | null, createdAt: Date, action: 'phone.reveal' | 'badge.view' | 'export.orders', fields: string[], subjectCount = 1) =>
      em.create(PiiAccessSchema, { id: newId(), createdAt, actorId, subjectUserId, subjectCount, action, fields, purpose: 'seed', requestId: null });
    // In time order, as rows are written (ids are time-ordered, and the search pages by id).
    seed(actor, z, at('2026-02-28T23:59:59Z'), 'phone.reveal', ['ticket.contactPhone']); // before
    seed(actor, x, at('2026-03-01T00:00:00Z'), 'phone.reveal', ['ticket.contactPhone']); // the first instant is inside
    seed(other, w, at('2026-03-03T00:00:00Z'), 'phone.reveal', ['ticket.contactPhone']); // someone else's access
    seed(actor, null, at('2026-03-04T00:00:00Z'), 'export.orders', ['recipientName', 'phone', 'address'], 40); // a bulk row naming no one
    seed(actor, x, at('2026-03-05T10:00:00Z'), 'badge.view', ['badge_photo']);
    seed(actor, y, at('2026-03-07T23:59:59Z'), 'export.orders', ['recipientName', 'phone', 'address']);
    seed(actor, z, at('2026-03-08T00:00:00Z'), 'phone.reveal', ['ticket.contactPhone']); // the end is outside
    await em.flush();

    const range = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    const res = await call(d.server, 'GET', `/admin/privacy/access-log/subjects?actorId=${actor}&${range}`, { token: d.token.admin });
    expect(res.status).toBe(200);
    const expected = [
      { subject: { id: x, name: expect.any(String) }, accesses: 2, firstAt: '2026-03-01T00:00:00.000Z', lastAt: '2026-03-05T10:00:00.000Z', actions: ['badge.view', 'phone.reveal'], fields: ['badge_photo', 'ticket.contactPhone'] },
      { subject: { id: y, name: expect.any(String) }, accesses: 1, firstAt: '2026-03-07T23:59:59.000Z', lastAt: '2026-03-07T23:59:59.000Z', actions: ['export.orders'], fields: ['address', 'phone', 'recipientName'] },
    ].sort((p, q) => (p.subject.id < q.subject.id ? -1 : 1));
    expect(res.body).toEqual({ items: expected, nextCursor: null, unnamedSubjects: 40 });

    // In pages of one, by subject id.
    const page1 = await call(d.server, 'GET', `/admin/privacy/access-log/subjects?actorId=${actor}&${range}&limit=1`, { token: d.token.admin });
    const page2 = await call(d.server, 'GET', `/admin/privacy/access-log/subjects?actorId=${actor}&${range}&limit=1&cursor=${page1.body.nextCursor}`, { token: d.token.admin });
    expect([...page1.body.items, ...page2.body.items]).toEqual(expected);
    expect(page2.body.nextCursor).toBeNull();

    // The plain search over the same range returns exactly the in-range rows, newest first.
    const rowsInRange = await search(`?actorId=${actor}&${range}`);
    expect(rowsInRange.body.items.map((i: { subject: { id: string } | null; createdAt: string }) => [i.subject?.id ?? null, i.createdAt])).toEqual([
      [y, '2026-03-07T23:59:59.000Z'],
      [x, '2026-03-05T10:00:00.000Z'],
      [null, '2026-03-04T00:00:00.000Z'],
      [x, '2026-03-01T00:00:00.000Z'],
    ]);

    expect((await call(d.server, 'GET', `/admin/privacy/access-log/subjects?actorId=${actor}`, { token: d.token.admin })).status).toBe(422);
    expect((await call(d.server, 'GET', `/admin/privacy/access-log/subjects?actorId=${actor}&${range}`, { token: d.token.engineer })).status).toBe(403);
    expect(await count('select count(*) as n from pii_access_log where actor_id = ?', [actor])).toBe(6);
  });
});

describe('uploads unrelated to reveals', () => {
  it('records nothing for an owner reading their own upload', async () => {
    const before = await count('select count(*) as n from pii_access_log');
    const person = await login(d.server, undefined, { consent: ['service', 'badge_photo'] });
    const badge = await upload(d.server, person.token, 'badge', await cameraJpeg());
    expect((await fetch(d.server.api(`/files/${badge.body.id}`), { headers: { authorization: `Bearer ${person.token}` } })).status).toBe(200);
    expect(await count('select count(*) as n from pii_access_log')).toBe(before);
  });
});
