import { approvedStaff, call, login } from '../../support/api';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';
import { ADMIN, ADVANCED, DEALER, DEPARTMENT, ENGINEER, HOSPITAL, ids, list, messages, openChat, say, SERVER_ENV, STAFF } from './chat-support';

/**
 * Who sees which conversation (access-matrix.md, "chat sessions and
 * messages"): staff their own inside the visibility window — advanced staff
 * included, a colleague's conversation is not departmental; engineers and
 * admins all; dealers nothing (403, they lack chat.use).
 */
// One day, so moving past it stays inside the sessions' idle lifetime.
const WINDOW_DAYS = 1;
const clock = new TestClock();
let server: TestServer;
let li: string; // 李静, general staff
let wang: string; // 王芳, general staff in the same department
let advanced: string; // manages 李静's department
let engineer: string;
let admin: string;
let dealer: string;
let liChat: string;
let wangChat: string;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { ...SERVER_ENV, VISIBILITY_WINDOW_DAYS: String(WINDOW_DAYS) } });
  admin = (await login(server, ADMIN)).token;
  engineer = (await login(server, ENGINEER)).token;
  dealer = (await login(server, DEALER)).token;
  li = (await login(server, STAFF)).token;
  advanced = (await login(server, ADVANCED)).token;
  wang = (await approvedStaff(server, admin, HOSPITAL, DEPARTMENT, '王芳')).token;
  liChat = (await openChat(server, li, '胃镜吸引按钮卡住了')).id;
  wangChat = (await openChat(server, wang, '清洗消毒后镜头起雾')).id;
});
afterAll(() => server.close());

describe('staff', () => {
  it('see their own conversations only', async () => {
    const mine = await list(server, li);
    expect(mine.status).toBe(200);
    expect(ids(mine)).toEqual([liChat]);
    expect(mine.body.items[0]).toMatchObject({
      status: 'open',
      ticket: null,
      owner: { name: '李静', hospital: HOSPITAL, department: DEPARTMENT },
      claimedBy: null,
      lastMessage: { preview: '胃镜吸引按钮卡住了' },
      unread: 0,
    });
    expect(ids(await list(server, wang))).toEqual([wangChat]);
  });

  it("get 404 for a colleague's conversation, reading or writing", async () => {
    expect((await messages(server, wang, liChat)).status).toBe(404);
    expect((await say(server, wang, liChat, '我也遇到了')).status).toBe(404);
    expect((await call(server, 'POST', `/chats/${liChat}/read`, { token: wang, body: { lastReadId: liChat } })).status).toBe(404);
    expect((await call(server, 'POST', `/chats/${liChat}/close`, { token: wang, body: {} })).status).toBe(404);
  });

  it("do not see their managed department's conversations when advanced", async () => {
    expect(ids(await list(server, advanced))).toEqual([]);
    expect(ids(await list(server, advanced, 'scope=all'))).toEqual([]);
    expect((await messages(server, advanced, liChat)).status).toBe(404);
  });

  it('cannot claim (a function their role never has)', async () => {
    expect((await call(server, 'POST', `/chats/${liChat}/claim`, { token: li })).status).toBe(403);
  });

  it('may link their own ticket, not someone else’s', async () => {
    const own = await insertTicket(server.running.orm, { reporterPhone: STAFF, hospitalName: HOSPITAL, departmentName: DEPARTMENT });
    const colleagues = await insertTicket(server.running.orm, { reporterPhone: ADVANCED, hospitalName: HOSPITAL, departmentName: DEPARTMENT });
    const linked = await openChat(server, li, '这张工单什么时候上门？', { ticketId: own.id });
    expect(linked.ticket).toEqual({ id: own.id, number: own.number });
    // The advanced user may see 李静's ticket (managed department), but only its reporter may ask about it.
    const refused = await call(server, 'POST', '/chats', { token: advanced, body: { text: '替同事问一下', ticketId: own.id } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'ticketId', message: '只能就您本人报修的工单发起咨询' }]);
    expect((await call(server, 'POST', '/chats', { token: li, body: { text: '问问', ticketId: colleagues.id } })).status).toBe(422);
    await call(server, 'POST', `/chats/${linked.id}/close`, { token: li, body: {} });
  });
});

describe('engineers and admins', () => {
  it('see every open conversation by default, with who asked', async () => {
    for (const token of [engineer, admin]) {
      const res = await list(server, token);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(expect.arrayContaining([liChat, wangChat]));
      const li = res.body.items.find((c: { id: string }) => c.id === liChat);
      expect(li.owner).toMatchObject({ name: '李静', hospital: HOSPITAL, department: DEPARTMENT });
      // Unclaimed: the asker's message waits for them.
      expect(li.unread).toBe(1);
      expect((await messages(server, token, liChat)).status).toBe(200);
    }
    // Closed ones only when asked for.
    expect(ids(await list(server, engineer)).length).toBe(2);
    expect(ids(await list(server, engineer, 'scope=all')).length).toBe(3);
    expect(ids(await list(server, engineer, 'status=closed')).length).toBe(1);
  });

  it('narrow by scope: unclaimed, claimed by me', async () => {
    expect((await call(server, 'POST', `/chats/${wangChat}/claim`, { token: engineer })).status).toBe(200);
    expect(ids(await list(server, engineer, 'scope=unclaimed'))).toEqual([liChat]);
    expect(ids(await list(server, engineer, 'scope=claimed'))).toEqual([wangChat]);
    expect(ids(await list(server, admin, 'scope=claimed'))).toEqual([]);
    // A conversation someone else claimed counts nothing unread for the admin.
    const forAdmin = (await list(server, admin)).body.items.find((c: { id: string }) => c.id === wangChat);
    expect(forAdmin).toMatchObject({ claimedBy: { name: '王磊' }, unread: 0 });
  });

  it('cannot open conversations (they answer them)', async () => {
    expect((await call(server, 'POST', '/chats', { token: engineer, body: { text: '测试一下' } })).status).toBe(403);
    expect((await call(server, 'POST', '/chats', { token: admin, body: { text: '测试一下' } })).status).toBe(403);
  });
});

describe('dealers', () => {
  it('have no chats at all: 403 everywhere', async () => {
    expect((await list(server, dealer)).status).toBe(403);
    expect((await call(server, 'POST', '/chats', { token: dealer, body: { text: '你好' } })).status).toBe(403);
    expect((await messages(server, dealer, liChat)).status).toBe(403);
    expect((await say(server, dealer, liChat, '你好')).status).toBe(403);
  });
});

describe('paging', () => {
  it('pages by latest activity without gaps or repeats', async () => {
    const extra: string[] = [];
    for (let i = 0; i < 4; i++) {
      extra.push((await openChat(server, wang, `第 ${i + 1} 个问题`)).id);
      clock.advance(1000);
    }
    // Activity moves an older conversation to the top.
    expect((await say(server, wang, wangChat, '补充一下情况')).status).toBe(201);
    const expected = [wangChat, ...[...extra].reverse()];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(server, wang, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect((await list(server, wang, 'cursor=not-a-cursor')).status).toBe(422);
  });
});

describe('the visibility window', () => {
  it('hides a staff member’s old conversations from list and read; engineers still see them', async () => {
    clock.advance(WINDOW_DAYS * 24 * 3600_000 + 3600_000);
    const fresh = (await openChat(server, li, '新的问题')).id;
    expect(ids(await list(server, li))).toEqual([fresh]);
    expect((await messages(server, li, liChat)).status).toBe(404);
    expect((await say(server, li, liChat, '还在吗')).status).toBe(404);
    expect(ids(await list(server, engineer))).toEqual(expect.arrayContaining([liChat, fresh]));
  });
});
