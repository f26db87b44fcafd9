import fs from 'node:fs';
import path from 'node:path';
import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { call, cameraJpeg, consentFor, freshPhone, login, register, requestCode, upload, type ApiResponse, wav } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { givePoints, insertGift, redeem } from '../../support/gift-shop';
import { startTestServer, testDatabase, testDialect, TestClock, type TestServer } from '../../support/test-server';

/**
 * The test issue 8 asks for (privacy.md, "Deletion and account
 * cancellation"): a person with everything — registration and badge, WeChat,
 * a ticket with contact, photos and voice, comments, a rating, a chat with an
 * image, an address and an order, browsing, notifications, an access request,
 * and a colleague's ticket naming them as contact — cancels; the fake clock
 * passes the grace period; the purge runs; then every table (and on SQLite
 * the database file's bytes) is searched for their phone, name, OpenID and
 * address, and for every ciphertext and blind index of those as stored
 * before, and nothing is found. Their files are gone from storage, and the
 * same phone starts from nothing.
 */
const DAY = 24 * 3600_000;
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const NAME = '欧阳思琪';
const OPENID = `oWx_purge_${process.pid}_${Date.now().toString(36)}`;
const ADDRESS_DETAIL = '朝阳门内大街 27 号院 3 单元 502 室';

const clock = new TestClock();
let database: ScratchDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await testDatabase({ file: true });
  server = await startTestServer({
    clock,
    database,
    env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_PHONE_DAILY_LIMIT: '100', SMS_COOLDOWN_SECONDS: '1' },
  });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const orm = () => server.running.orm;
const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => rows<T>(orm(), text, params);

function ok(res: ApiResponse, status: number, what: string): ApiResponse {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

/** Every row of every table, as text (PostgreSQL: `t::text`; SQLite: the rows as JSON). */
async function dumpTables(): Promise<Map<string, string>> {
  const dump = new Map<string, string>();
  if (testDialect() === 'postgresql') {
    const tables = await sql<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    for (const { name } of tables) {
      const found = await sql<{ r: string }>(`select t::text as r from "${name}" t`);
      dump.set(name, found.map((r) => r.r).join('\n'));
    }
  } else {
    const tables = await sql<{ name: string }>("select name from sqlite_master where type = 'table'");
    for (const { name } of tables) dump.set(name, JSON.stringify(await sql(`select * from "${name}"`)));
  }
  return dump;
}

/** The SQLite database file and its WAL, after a checkpoint: what a copy of the disk would hold. */
async function sqliteBytes(): Promise<Buffer> {
  await sql('pragma wal_checkpoint(TRUNCATE)');
  const file = (database.database as { file: string }).file;
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('account cancellation purge', () => {
  const phone = freshPhone();
  let userId: string;
  const fileIds: string[] = [];
  /** What must be gone: the plain values, and every sealed value and blind index of them as stored before. */
  const needles = new Map<string, string>();
  let ticketId: string;
  let colleagueTicketId: string;
  let orderId: string;
  let purgeResult: Record<string, number>;

  it('builds a person with everything', async () => {
    const admin = (await login(server, '13800000001')).token;
    const engineer = (await login(server, '13800000002', { consent: ['service', 'fault_media'] })).token;

    // Registration with a badge, approved; all the separate consents.
    const me = await login(server, phone, { consent: ['service', 'badge_photo', 'fault_media', 'location', 'dealer_sharing'] });
    let token = me.token;
    const hospitals = await call(server, 'GET', `/hospitals?q=${encodeURIComponent(BJ)}`, { token });
    const hospitalId = hospitals.body.items.find((h: { name: string }) => h.name === BJ).id;
    const departments = await call(server, 'GET', `/hospitals/${hospitalId}/departments`, { token });
    const departmentId = departments.body.items.find((d: { name: string }) => d.name === ENDO).id;
    const reg = ok(await register(server, token, { hospitalId, departmentId, name: NAME }), 201, 'registration');
    userId = reg.body.id;
    ok(await call(server, 'POST', `/admin/registrations/${userId}/approve`, { token: admin }), 200, 'approval');

    // WeChat: a wx.login account joined to this one by the phone button.
    const { code: wxCode } = server.running.wechatStandIn!.issueLoginCode(OPENID);
    const wx = ok(await call(server, 'POST', '/auth/wechat', { body: { code: wxCode, consent: await consentFor(server, ['service']) } }), 200, 'wechat login');
    const { code: phoneCode } = server.running.wechatStandIn!.issuePhoneCode(phone);
    const bound = ok(await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: phoneCode } }), 200, 'phone button');
    expect(bound.body).toMatchObject({ id: userId, profile: { wechatBound: true } });
    token = wx.body.token;

    // A ticket with themselves as contact, their name in the text, two photos and a voice note.
    const photos = [];
    for (let i = 0; i < 2; i++) photos.push(ok(await upload(server, token, 'ticket_photo', await cameraJpeg(320 + i * 8, 240)), 201, 'photo').body.id);
    const voice = ok(await upload(server, token, 'ticket_voice', wav(), 'voice.wav', 'audio/wav'), 201, 'voice').body.id;
    const ticket = ok(
      await call(server, 'POST', '/tickets', {
        token,
        headers: { 'idempotency-key': `purge-ticket-${Date.now()}` },
        body: { departmentId, model: 'QV-G290 电子胃镜', serial: `SN-P-${Date.now()}`, description: `${NAME}报修：图像出现黑点，白平衡后仍存在。`, photoFileIds: photos, voiceFileId: voice, contactName: NAME, contactPhone: phone, contactConsent: true },
      }),
      201,
      'ticket',
    );
    ticketId = ticket.body.id;
    fileIds.push(...photos, voice);

    // The engineer works it, writing the person's name and number; the person comments with a photo and rates it.
    const act = (t: string, body: Record<string, unknown>) => call(server, 'POST', `/tickets/${ticketId}/transitions`, { token: t, body });
    ok(await act(engineer, { action: 'accept' }), 200, 'accept');
    ok(await call(server, 'POST', `/tickets/${ticketId}/comments`, { token: engineer, body: { body: `已电话联系${NAME}（${phone}），明早上门。` } }), 201, 'engineer comment');
    const commentPhoto = ok(await upload(server, token, 'ticket_photo', await cameraJpeg(300, 200)), 201, 'comment photo').body.id;
    fileIds.push(commentPhoto);
    ok(await call(server, 'POST', `/tickets/${ticketId}/comments`, { token, body: { body: `我在科室，电话 ${phone}`, fileIds: [commentPhoto] } }), 201, 'own comment');
    ok(await act(engineer, { action: 'start' }), 200, 'start');
    ok(await act(engineer, { action: 'resolve', report: { found: `${NAME}反映的黑点来自 CCD 受潮`, done: '更换 CCD 模块并做密封测试' } }), 200, 'resolve');
    ok(await call(server, 'POST', `/tickets/${ticketId}/rating`, { token, body: { score: 5, comment: `很满意——${NAME}` } }), 200, 'rating');

    // A chat: their question, the engineer's answer naming them, an image from them.
    const chat = ok(await call(server, 'POST', '/chats', { token, body: { text: `我是${NAME}，电话${phone}，想咨询清洗流程` } }), 201, 'chat').body;
    ok(await call(server, 'POST', `/chats/${chat.id}/claim`, { token: engineer }), 200, 'claim');
    ok(await call(server, 'POST', `/chats/${chat.id}/messages`, { token: engineer, body: { kind: 'text', text: `${NAME}您好，已收到`, clientId: `eng-${Date.now()}` } }), 201, 'answer');
    const chatImage = ok(await upload(server, token, 'chat', await cameraJpeg(200, 200)), 201, 'chat image').body.id;
    ok(await call(server, 'POST', `/chats/${chat.id}/messages`, { token, body: { kind: 'image', fileId: chatImage, clientId: `img-${Date.now()}` } }), 201, 'image message');
    fileIds.push(chatImage);

    // An address and an order (idempotent), with points to spend.
    const address = ok(
      await call(server, 'POST', '/addresses', {
        token,
        body: { recipientName: NAME, phone, provinceCode: '110000', cityCode: '110100', districtCode: '110101', detail: ADDRESS_DETAIL, isDefault: true },
      }),
      201,
      'address',
    ).body;
    await givePoints(server, admin, userId, 500);
    const gift = await insertGift(server, { pointsPrice: 50, valueYuan: 30 });
    orderId = ok(await redeem(server, token, { giftId: gift.id, quantity: 1, addressId: address.id }, `purge-order-${Date.now()}`), 201, 'redeem').body.id;

    // Browsing, an access request, notifications (the outbox delivers them).
    const docs = ok(await call(server, 'GET', '/documents', { token }), 200, 'documents').body.items;
    ok(await call(server, 'GET', `/documents/${docs[0].id}`, { token }), 200, 'document');
    ok(await call(server, 'POST', '/access-requests', { token, body: { departmentIds: [departmentId], position: `${NAME}·护士长`, reason: `${NAME}负责科室设备` } }), 201, 'access request');
    await eventually(async () => expect((await call(server, 'GET', '/notifications', { token })).body.items.length).toBeGreaterThan(0));

    // A colleague's ticket names them as its contact.
    const colleague = await login(server, freshPhone());
    ok(await register(server, colleague.token, { hospitalId, departmentId, name: '郑国庆' }), 201, 'colleague registration');
    const colleagueId = (await call(server, 'GET', '/me', { token: colleague.token })).body.id;
    ok(await call(server, 'POST', `/admin/registrations/${colleagueId}/approve`, { token: admin }), 200, 'colleague approval');
    colleagueTicketId = ok(
      await call(server, 'POST', '/tickets', {
        token: colleague.token,
        body: { departmentId, model: 'QV-C290 电子结肠镜', serial: `SN-C-${Date.now()}`, description: '结肠镜弯曲角度不足。', contactName: NAME, contactPhone: phone, contactConsent: true },
      }),
      201,
      'colleague ticket',
    ).body.id;

    const badge = (await sql<{ badge_file_id: string }>('select badge_file_id from app_user where id = ?', [userId]))[0]!.badge_file_id;
    expect(badge).toBeTruthy();
    fileIds.push(badge);
    expect(await sql('select id from stored_file where owner_id = ?', [userId])).toHaveLength(fileIds.length);
  });

  it('remembers every value and every ciphertext and blind index of them as stored', async () => {
    needles.set('phone', phone);
    needles.set('name', NAME);
    needles.set('openid', OPENID);
    needles.set('address detail', ADDRESS_DETAIL);
    const [user] = await sql<Record<string, string | null>>(
      'select phone_sealed, phone_index, openid_sealed, openid_index, name_sealed, name_index, position_sealed, title_sealed, gender_sealed from app_user where id = ?',
      [userId],
    );
    for (const [column, value] of Object.entries(user!)) {
      expect([column, value]).toEqual([column, expect.any(String)]);
      needles.set(`app_user.${column}`, value!);
    }
    const add = (label: string, found: Record<string, unknown>[]) => {
      expect([label, found.length]).toEqual([label, expect.any(Number)]);
      expect(found.length).toBeGreaterThan(0);
      found.forEach((r, i) => Object.entries(r).forEach(([k, v]) => v && needles.set(`${label}.${k}#${i}`, String(v))));
    };
    add('address', await sql('select sealed from address where user_id = ?', [userId]));
    add('redemption_order', await sql('select address_sealed from redemption_order where user_id = ?', [userId]));
    add('ticket', await sql('select contact_name_sealed, contact_phone_sealed from ticket where id in (?, ?)', [ticketId, colleagueTicketId]));
    add('ticket_comment', await sql('select body_sealed from ticket_comment where ticket_id = ?', [ticketId]));
    add('ticket_rating', await sql('select comment_sealed from ticket_rating where rater_id = ?', [userId]));
    add('chat_message', await sql('select m.body_sealed from chat_message m join chat_session c on c.id = m.chat_id where c.owner_id = ? and m.body_sealed is not null', [userId]));
    add('access_request', await sql('select position_sealed, reason_sealed from access_request where user_id = ?', [userId]));
    add('sms_code', await sql('select phone_index from sms_code where phone_index = ?', [needles.get('app_user.phone_index')]));
    expect(needles.size).toBeGreaterThan(25);

    // Before: the values are there (the search works), and the files are in storage.
    const dump = [...(await dumpTables()).values()].join('\n');
    expect(dump).toContain(needles.get('app_user.phone_index'));
    expect(dump).toContain(needles.get('address.sealed#0'));
    expect(dump).toContain(`${NAME}报修`); // the ticket description is plain text
    const stored = filesUnder(path.join(server.dataDir, 'storage')).map((f) => path.basename(f));
    for (const id of fileIds) expect(stored).toContain(id);
    if (testDialect() === 'sqlite') {
      const bytes = await sqliteBytes();
      // (The number itself is stored nowhere in plain text even before: everything holding it is sealed.)
      for (const label of ['name', 'app_user.phone_sealed', 'app_user.phone_index', 'app_user.openid_index', 'app_user.name_index', 'address.sealed#0']) {
        expect([label, bytes.includes(Buffer.from(needles.get(label)!, 'utf8'))]).toEqual([label, true]);
      }
    }
  });

  it('cancels, and after the grace period the purge job deletes or anonymises it all', async () => {
    const token = (await login(server, phone)).token;
    ok(await call(server, 'POST', '/me/cancellation', { token, body: { confirm: true, code: await requestCode(server, phone) } }), 200, 'cancel');

    clock.advance(15 * DAY + 3600_000);
    const admin = (await login(server, '13800000001')).token;
    const run = ok(await call(server, 'POST', '/admin/jobs/cancellation-purge/run', { token: admin }), 200, 'purge run');
    expect(run.body).toMatchObject({ job: 'cancellation-purge', status: 'succeeded', error: null });
    purgeResult = run.body.result;
    expect(purgeResult).toMatchObject({
      accounts: 1,
      accountsDeleted: 0,
      files: fileIds.length,
      addresses: 1,
      orders: 1,
      tickets: 1,
      colleagueContacts: 1,
      comments: 1,
      ratings: 1,
      chats: 1,
      chatMessages: 3,
      documentViews: 1,
      accessRequests: 1,
    });
    for (const key of ['notifications', 'sessions', 'smsCodes', 'idempotencyRecords', 'outboxMessages']) {
      expect([key, purgeResult[key]]).toEqual([key, expect.any(Number)]);
      expect(purgeResult[key]).toBeGreaterThan(0);
    }
    // The run record names no one.
    expect(JSON.stringify(run.body)).not.toContain(userId);
  });

  it('leaves no table holding any of it: not in plain text, not as the ciphertexts or blind indexes stored before', async () => {
    const dump = await dumpTables();
    const hits: string[] = [];
    for (const [table, text] of dump) for (const [label, needle] of needles) if (text.includes(needle)) hits.push(`${label} in ${table}`);
    expect(hits).toEqual([]);
    expect(dump.size).toBeGreaterThan(30);
  });

  it('leaves none of it in the SQLite file’s bytes either (after a checkpoint)', async () => {
    if (testDialect() !== 'sqlite') return;
    const bytes = await sqliteBytes();
    expect(bytes.length).toBeGreaterThan(100_000);
    const hits = [...needles].filter(([, needle]) => bytes.includes(Buffer.from(needle, 'utf8'))).map(([label]) => label);
    expect(hits).toEqual([]);
  });

  it('leaves no sealed value that opens to their number or name, and their files are gone from storage', async () => {
    const cipher = server.running.cipher;
    const tickets = await sql<{ id: string; contact_name_sealed: string; contact_phone_sealed: string }>('select id, contact_name_sealed, contact_phone_sealed from ticket');
    for (const t of tickets) {
      expect(cipher.open({ table: 'ticket', column: 'contact_phone', id: t.id }, t.contact_phone_sealed)).not.toBe(phone);
      expect(cipher.open({ table: 'ticket', column: 'contact_name', id: t.id }, t.contact_name_sealed)).not.toBe(NAME);
    }
    const comments = await sql<{ id: string; body_sealed: string }>('select id, body_sealed from ticket_comment');
    for (const c of comments) {
      const body = cipher.open({ table: 'ticket_comment', column: 'body', id: c.id }, c.body_sealed);
      expect(body).not.toContain(phone);
      expect(body).not.toContain(NAME);
    }
    const stored = filesUnder(path.join(server.dataDir, 'storage')).map((f) => path.basename(f));
    for (const id of fileIds) expect(stored).not.toContain(id);
    expect(await sql(`select id from stored_file where id in (${fileIds.map(() => '?').join(', ')})`, fileIds)).toEqual([]);
    for (const table of ['user_session', 'notification', 'document_view', 'idempotency_record', 'address', 'subscription_allowance', 'chat_read']) {
      expect([table, await sql(`select id from ${table} where user_id = ?`, [userId])]).toEqual([table, []]);
    }
    expect(await sql('select id from chat_session where owner_id = ?', [userId])).toEqual([]);
  });

  it('keeps the records the business must keep, in anonymised form', async () => {
    const admin = (await login(server, '13800000001')).token;
    const ticket = ok(await call(server, 'GET', `/tickets/${ticketId}`, { token: admin }), 200, 'ticket read').body;
    expect(ticket).toMatchObject({ contactName: '已注销', contactPhone: '已注销', reporter: { id: userId, name: '' }, rating: { score: 5, comment: null } });
    expect(ticket.description).toBe('[已注销]报修：图像出现黑点，白平衡后仍存在。');
    expect(ticket.media).toEqual({ photoIds: [], voiceId: null });
    expect(ticket.serviceReport.found).toBe('[已注销]反映的黑点来自 CCD 受潮');
    const comments = ok(await call(server, 'GET', `/tickets/${ticketId}/comments`, { token: admin }), 200, 'comments').body.items;
    expect(comments.map((c: { body: string }) => c.body)).toEqual(['已电话联系[已注销]（[已注销]），明早上门。', '（该用户已注销，内容已删除）']);
    const colleagueTicket = ok(await call(server, 'GET', `/tickets/${colleagueTicketId}`, { token: admin }), 200, 'colleague ticket').body;
    expect(colleagueTicket).toMatchObject({ contactName: '已注销', contactPhone: '已注销' });

    const orders = ok(await call(server, 'GET', '/admin/redemptions?limit=100', { token: admin }), 200, 'orders').body.items;
    expect(orders.find((o: { id: string }) => o.id === orderId)).toMatchObject({ address: { recipientName: '已注销', province: '已注销', detail: '已注销' } });

    expect((await sql('select id from points_entry where user_id = ?', [userId])).length).toBeGreaterThan(0);
    expect((await sql('select id from consent_event where user_id = ?', [userId])).length).toBeGreaterThan(0);
    const [shell] = await sql<{ status: string; purged_at: unknown; phone_index: unknown; consent_purposes: unknown }>(
      'select status, purged_at, phone_index from app_user where id = ?',
      [userId],
    );
    expect(shell).toMatchObject({ status: 'cancelling', phone_index: null });
    expect(shell!.purged_at).not.toBeNull();
    expect(await sql("select id from audit_event where subject_user_id = ? and action = 'account.purge'", [userId])).toHaveLength(1);
  });

  it('signs the same phone in as a new, unregistered person; WeChat too', async () => {
    const again = await login(server, phone);
    expect(again.user).toBeNull();
    const me = (await call(server, 'GET', '/me', { token: again.token })).body;
    expect(me.id).not.toBe(userId);
    expect(me).toMatchObject({ status: 'unregistered', profile: { name: null, hasBadge: false, wechatBound: false, hospital: null } });
    expect((await call(server, 'GET', '/points', { token: again.token })).status).toBe(403);
    const { code } = server.running.wechatStandIn!.issueLoginCode(OPENID);
    const wx = ok(await call(server, 'POST', '/auth/wechat', { body: { code, consent: await consentFor(server, ['service']) } }), 200, 'wechat again');
    expect((await call(server, 'GET', '/me', { token: wx.body.token })).body.id).not.toBe(userId);
  });
});
