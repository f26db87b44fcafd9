import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { call, login } from '../../support/api';
import { eventually } from '../../support/eventually';
import { startTestServer, testDatabase, type TestServer } from '../../support/test-server';
import { ENGINEER, lastMessageId, messages, openChat, say, SERVER_ENV, sleep, STAFF } from './chat-support';

/**
 * New messages without reloading: `GET /chats/:id/messages?after=&wait=`
 * is held until something newer arrives, `wait` seconds pass, or the
 * client leaves — on one instance through the in-process notifier, across
 * instances on one database through the database re-check (every 2 s).
 */
let server: TestServer;
let li: string;
let engineer: string;

beforeAll(async () => {
  server = await startTestServer({ env: SERVER_ENV });
  li = (await login(server, STAFF)).token;
  engineer = (await login(server, ENGINEER)).token;
});
afterAll(() => server.close());

const endedLines = (s: TestServer, chatId: string) => s.logs.filter((l) => l.msg === 'chat long-poll ended' && l.chatId === chatId);

describe('one instance', () => {
  it('answers a waiting request within moments of another user posting', async () => {
    const chat = await openChat(server, li);
    const after = await lastMessageId(server, li, chat.id);
    const started = Date.now();
    const poll = messages(server, li, chat.id, `after=${after}&wait=10`);
    await sleep(300);
    const posted = Date.now();
    const sent = await say(server, engineer, chat.id, '您好，请先检查吸引阀是否安装到位。');
    expect(sent.status).toBe(201);
    const res = await poll;
    const sincePost = Date.now() - posted;

    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([sent.body.id]);
    expect(res.body.items[0]).toMatchObject({ text: '您好，请先检查吸引阀是否安装到位。', mine: false, author: { name: '王磊', role: 'engineer' } });
    // The summary comes along: the engineer claimed it by answering.
    expect(res.body.chat).toMatchObject({ id: chat.id, claimedBy: { name: '王磊' }, unread: 1 });
    expect(sincePost).toBeLessThan(3000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('returns nothing after `wait` seconds when nothing new arrives', async () => {
    const chat = await openChat(server, li);
    const after = await lastMessageId(server, li, chat.id);
    const started = Date.now();
    const res = await messages(server, li, chat.id, `after=${after}&wait=1`);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.chat.id).toBe(chat.id);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(4000);
    expect(endedLines(server, chat.id).at(-1)).toMatchObject({ outcome: 'timeout' });
  });

  it('answers at once when something newer is already there, or without wait', async () => {
    const chat = await openChat(server, li);
    const first = await lastMessageId(server, li, chat.id);
    await say(server, li, chat.id, '补充：型号是 GIF-H290');
    const started = Date.now();
    const res = await messages(server, li, chat.id, `after=${first}&wait=20`);
    expect(res.body.items).toHaveLength(1);
    const nothing = await messages(server, li, chat.id, `after=${res.body.items[0].id}`);
    expect(nothing.body.items).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('wakes when the conversation is closed, so the client sees it ended', async () => {
    const chat = await openChat(server, li);
    const after = await lastMessageId(server, li, chat.id);
    const poll = messages(server, engineer, chat.id, `after=${after}&wait=10`);
    await sleep(300);
    const closedAt = Date.now();
    expect((await call(server, 'POST', `/chats/${chat.id}/close`, { token: li, body: {} })).status).toBe(200);
    const res = await poll;
    expect(Date.now() - closedAt).toBeLessThan(3000);
    expect(res.body).toMatchObject({ items: [], chat: { status: 'closed' } });
  });

  it('stops waiting when the client goes away', async () => {
    const chat = await openChat(server, li);
    const after = await lastMessageId(server, li, chat.id);
    const controller = new AbortController();
    const poll = fetch(server.api(`/chats/${chat.id}/messages?after=${after}&wait=20`), { headers: { authorization: `Bearer ${li}` }, signal: controller.signal }).catch(
      (err: Error) => err.name,
    );
    await sleep(300);
    const left = Date.now();
    controller.abort();
    expect(await poll).toBe('AbortError');
    await eventually(() => expect(endedLines(server, chat.id).at(-1)).toMatchObject({ outcome: 'aborted' }));
    expect(Date.now() - left).toBeLessThan(2000);
  });

  it('holds a few waits per user; a newer one releases the oldest', async () => {
    const chat = await openChat(server, li);
    const after = await lastMessageId(server, li, chat.id);
    const started = Date.now();
    const oldest = messages(server, li, chat.id, `after=${after}&wait=15`);
    await sleep(100);
    const others = [1, 2, 3].map(() => messages(server, li, chat.id, `after=${after}&wait=15`));
    const released = await oldest;
    expect(released.status).toBe(200);
    expect(released.body.items).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
    // The rest are still held; a message answers them all.
    await sleep(100);
    const sent = await say(server, engineer, chat.id, '收到，我来看看');
    for (const res of await Promise.all(others)) expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([sent.body.id]);
  });

  it('validates the query', async () => {
    const chat = await openChat(server, li);
    expect((await messages(server, li, chat.id, 'wait=26')).status).toBe(422);
    expect((await messages(server, li, chat.id, 'after=not-an-id')).status).toBe(422);
  });
});

describe('two instances on one database', () => {
  let database: ScratchDatabase;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await testDatabase({ file: true });
    a = await startTestServer({ env: SERVER_ENV, database });
    b = await startTestServer({ env: SERVER_ENV, database });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('wakes a waiter on one instance when the message is posted on the other (database re-check)', async () => {
    const staff = (await login(a, STAFF)).token;
    const eng = (await login(b, ENGINEER)).token;
    const chat = await openChat(a, staff);
    const after = await lastMessageId(a, staff, chat.id);
    const poll = messages(a, staff, chat.id, `after=${after}&wait=15`);
    await sleep(300);
    const posted = Date.now();
    const sent = await say(b, eng, chat.id, '已收到，稍后回复');
    expect(sent.status).toBe(201);
    const res = await poll;
    // No Redis here: the re-check every 2 s finds it.
    expect(Date.now() - posted).toBeLessThan(4500);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([sent.body.id]);
    expect(endedLines(a, chat.id).at(-1)).toMatchObject({ outcome: 'woken' });
  });
});
