import { MyDataSchema } from '../../../shared/schemas/export.schema';
import { newId } from '../../../server/src/core/ids';
import { SessionSchema } from '../../../server/src/modules/auth/session.entity';
import { ChatMessageSchema } from '../../../server/src/modules/chat/chat-message.entity';
import { ChatSessionSchema } from '../../../server/src/modules/chat/chat-session.entity';
import { messageBodyRef } from '../../../server/src/modules/chat/chat-views';
import { DocumentViewSchema } from '../../../server/src/modules/library/document-view.entity';
import { approvedStaff, call, consentFor, login, register } from '../../support/api';
import { rows } from '../../support/db';
import { givePoints, insertAddress } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * "My data" in the privacy centre (PIPL Art. 45): one call that shows a
 * person everything held about them — profile opened, consents with their
 * versions and dates, tickets, chats with messages, browsing, points,
 * addresses, orders, provision records and sign-ins — long lists capped at
 * the newest 50 with their totals; never anyone else's.
 */
let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' } });
  admin = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

const myData = (token?: string) => call(server, 'GET', '/me/data', { token });

async function userId(token: string): Promise<string> {
  return (await call(server, 'GET', '/me', { token })).body.id;
}

describe('GET /me/data', () => {
  let person: { token: string; phone: string; id: string };
  let ticket: { id: string; number: string };
  let chatId: string;
  beforeAll(async () => {
    person = await approvedStaff(server, admin, '上海浦江医院', '内镜中心', '何丽萍');
    const em = server.running.orm.em.fork();
    const cipher = server.running.cipher;

    ticket = await insertTicket(server.running.orm, { reporterId: person.id, hospitalName: '上海浦江医院', departmentName: '内镜中心', contactName: '钱小燕', contactPhone: '13755556666' });
    await insertAddress(server, person.id, { recipientName: '何丽萍', phone: '13622223333', detail: '浦江路 120 号 内镜中心' });
    await givePoints(server, admin, person.id, 30);

    // 55 openings of library documents: more than the page shows.
    const [doc] = await rows<{ id: string }>(server.running.orm, 'select id from library_document where published_at is not null order by id limit 1');
    for (let i = 0; i < 55; i++) em.create(DocumentViewSchema, { id: newId(), userId: person.id, documentId: doc!.id, secondsRead: i });
    // A long conversation: 55 messages, the page shows the latest 50.
    chatId = newId();
    em.create(ChatSessionSchema, { id: chatId, ownerId: person.id, ticketId: ticket.id, status: 'open', lastMessageAt: new Date() });
    for (let i = 0; i < 55; i++) {
      const id = newId();
      em.create(ChatMessageSchema, { id, chat: chatId, authorId: person.id, kind: 'text', bodySealed: cipher.seal(messageBodyRef(id), `第 ${i + 1} 条消息`), fileId: null, clientId: null });
    }
    // A sign-in that expired long ago.
    const past = new Date(Date.now() - 40 * 86_400_000);
    em.create(SessionSchema, { userId: person.id, tokenHash: 'x'.repeat(64), createdAt: past, lastUsedAt: past, idleExpiresAt: new Date(past.getTime() + 14 * 86_400_000), absoluteExpiresAt: new Date(past.getTime() + 30 * 86_400_000) });
    await em.flush();
  });

  it('shows the profile opened, the phone masked, and consents with policy versions and dates', async () => {
    const res = await myData(person.token);
    expect(res.status).toBe(200);
    expect(MyDataSchema.safeParse(res.body).success).toBe(true);
    const { profile, consents } = res.body;
    expect(profile).toMatchObject({
      id: person.id,
      status: 'active',
      role: 'staff',
      tier: 'general',
      name: '何丽萍',
      phoneMasked: `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`,
      wechatBound: false,
      gender: 'female',
      position: '护士长',
      title: '主管护师',
      hospital: { name: '上海浦江医院' },
      department: { name: '内镜中心' },
      badge: { purpose: 'badge', mime: 'image/jpeg', url: null },
    });
    expect(profile).not.toHaveProperty('phone');
    expect(profile).not.toHaveProperty('wechatOpenId');
    expect(JSON.stringify(res.body)).not.toContain(person.phone);
    expect(consents.current).toMatchObject({ policyVersion: expect.any(String), purposes: ['service', 'badge_photo'], adultConfirmedAt: expect.any(String) });
    expect(consents.history).toEqual({
      total: 1,
      items: [expect.objectContaining({ action: 'grant', policyVersion: consents.current.policyVersion, policyPublishedAt: expect.any(String), at: expect.any(String) })],
    });
  });

  it('shows tickets with their contact, chats with messages, points, addresses', async () => {
    const { body } = await myData(person.token);
    expect(body.tickets).toEqual({ total: 1, items: [expect.objectContaining({ id: ticket.id, number: ticket.number, contactName: '钱小燕', contactPhone: '13755556666', media: [], rating: null })] });
    expect(body.addresses.items).toEqual([expect.objectContaining({ recipientName: '何丽萍', phone: '13622223333', province: '北京市', detail: '浦江路 120 号 内镜中心', isDefault: true })]);
    expect(body.points.balance).toBeGreaterThanOrEqual(30);
    expect(body.points.ledger.items).toEqual(expect.arrayContaining([expect.objectContaining({ delta: 30, reason: 'admin_adjustment', note: '兑换测试积分' })]));
    const chat = body.chats.items.find((c: { id: string }) => c.id === chatId);
    expect(chat).toMatchObject({ ticketNumber: ticket.number, status: 'open', messageCount: 55 });
  });

  it('caps long lists at the newest 50 and says how many there are', async () => {
    const { body } = await myData(person.token);
    expect(body.listCap).toBe(50);
    expect(body.browsing.total).toBe(55);
    expect(body.browsing.items).toHaveLength(50);
    // Newest first: the last opening (54 seconds read) leads, the first five are left out.
    expect(body.browsing.items.map((b: { secondsRead: number }) => b.secondsRead).slice(0, 3)).toEqual([54, 53, 52]);
    expect(body.browsing.items.at(-1).secondsRead).toBe(5);
    const chat = body.chats.items.find((c: { id: string }) => c.id === chatId);
    expect(chat.messages).toHaveLength(50);
    // A transcript reads oldest first: the latest 50 are messages 6…55.
    expect(chat.messages[0]).toMatchObject({ from: 'me', kind: 'text', text: '第 6 条消息' });
    expect(chat.messages.at(-1).text).toBe('第 55 条消息');
  });

  it('lists sign-ins: this one current, one signed out, one expired — and no device or IP, which is not stored', async () => {
    const second = await login(server, person.phone);
    expect((await call(server, 'POST', '/auth/logout', { token: second.token })).status).toBe(204);
    const { body } = await myData(person.token);
    const states = body.loginHistory.items.map((s: { state: string; current: boolean }) => [s.state, s.current]);
    // Newest sign-in first.
    expect(states).toEqual([
      ['ended', false],
      ['active', true],
      ['expired', false],
    ]);
    expect(body.loginHistory.items[0].endedAt).toEqual(expect.any(String));
    expect(body.loginHistory.items[2].endedAt).toEqual(expect.any(String));
    expect(Object.keys(body.loginHistory.items[0]).sort()).toEqual(['current', 'endedAt', 'lastUsedAt', 'startedAt', 'state']);
  });

  it('shows the dealers that received a ticket’s data', async () => {
    // Dealers see a ticket only under the reporter's separate consent to dealer sharing.
    const consent = await call(server, 'POST', '/privacy/consents', { token: person.token, body: await consentFor(server, ['dealer_sharing']) });
    expect(consent.status).toBe(201);
    const delegated = await insertTicket(server.running.orm, {
      reporterId: person.id,
      hospitalName: '上海浦江医院',
      departmentName: '内镜中心',
      delegatedTo: { dealerName: '华东医疗器械技术服务有限公司', purpose: 'pickup' },
    });
    const dealerToken = (await login(server, '13800000003')).token;
    expect((await call(server, 'GET', `/tickets/${delegated.id}`, { token: dealerToken })).status).toBe(200);
    const { body } = await myData(person.token);
    expect(body.provisions).toEqual({ total: 1, items: [expect.objectContaining({ ticketNumber: delegated.number, dealer: '华东医疗器械技术服务有限公司', purpose: 'pickup' })] });
    expect(body.tickets.total).toBe(2);
    expect(body.consents.history.items[0]).toMatchObject({ action: 'grant', purposes: ['dealer_sharing'] });
  });

  it('never shows anyone else’s records, and viewing is not logged as an export', async () => {
    const other = await approvedStaff(server, admin, '上海浦江医院', '内镜中心', '孔令辉');
    await insertTicket(server.running.orm, { reporterId: other.id, hospitalName: '上海浦江医院', departmentName: '内镜中心', contactName: '孔令辉', contactPhone: '13744445555' });
    await insertAddress(server, other.id, { recipientName: '孔令辉', phone: '13633334444' });
    const mine = JSON.stringify((await myData(person.token)).body);
    expect(mine).not.toContain('孔令辉');
    expect(mine).not.toContain('13744445555');
    expect(mine).not.toContain(other.id);
    const theirs = (await myData(other.token)).body;
    expect(theirs.tickets.total).toBe(1);
    expect(theirs.browsing).toEqual({ total: 0, items: [] });
    expect(JSON.stringify(theirs)).not.toContain('何丽萍');
    const logged = await rows(server.running.orm, "select id from pii_access_log where action = 'export.self' and subject_user_id in (?, ?)", [person.id, other.id]);
    expect(logged).toEqual([]);
  });

  it('needs a session; a person awaiting review sees what little is held', async () => {
    expect((await myData()).status).toBe(401);
    const fresh = await login(server);
    expect((await register(server, fresh.token)).status).toBe(201);
    const res = await myData(fresh.token);
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ status: 'pending', name: '张晓燕', tier: null });
    expect(res.body.tickets).toEqual({ total: 0, items: [] });
    expect(res.body.points).toEqual({ balance: 0, ledger: { total: 0, items: [] } });
    expect(res.body.loginHistory.total).toBe(1);
  });
});

describe('seeing and copying one’s data does not wait for a new policy', () => {
  it('still answers /me/data and /me/export while a material policy change blocks everything else', async () => {
    const person = await login(server);
    const id = await userId(person.token);
    const published = await call(server, 'POST', '/admin/privacy/policies', {
      token: admin,
      body: { version: '9.0', title: '隐私政策（重大变更）', text: '我们更新了个人信息处理规则，请您重新阅读并同意后继续使用。', material: true },
    });
    expect(published.status).toBe(201);
    expect((await call(server, 'GET', '/hospitals?q=上海', { token: person.token })).body.code).toBe('RECONSENT_REQUIRED');
    const page = await myData(person.token);
    expect(page.status).toBe(200);
    expect(page.body.profile.id).toBe(id);
    const file = await fetch(server.api('/me/export'), { headers: { authorization: `Bearer ${person.token}` } });
    expect(file.status).toBe(200);
    expect(((await file.json()) as { profile: { id: string } }).profile.id).toBe(id);
  });
});
