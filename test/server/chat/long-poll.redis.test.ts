import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { login } from '../../support/api';
import { startTestServer, testDatabase, type TestServer } from '../../support/test-server';
import { ENGINEER, lastMessageId, messages, openChat, say, SERVER_ENV, sleep, STAFF } from './chat-support';

/**
 * Runs only when TEST_REDIS_URL is set (the `server:redis` project). Two
 * instances on one database and one Redis: a message posted on one wakes
 * a long-poll held by the other through pub/sub — well before the 2 s
 * database re-check would have.
 */
const REDIS_URL = process.env.TEST_REDIS_URL!;

let database: ScratchDatabase;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  database = await testDatabase({ file: true });
  a = await startTestServer({ env: { ...SERVER_ENV, REDIS_URL }, database });
  b = await startTestServer({ env: { ...SERVER_ENV, REDIS_URL }, database });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await database.drop();
});

it('wakes a waiter on instance A when the message is posted on instance B', async () => {
  const staff = (await login(a, STAFF)).token;
  const engineer = (await login(b, ENGINEER)).token;
  const chat = await openChat(a, staff);
  const after = await lastMessageId(a, staff, chat.id);
  // Let A's subscriber connect (it does at start; this is margin on a busy machine).
  await sleep(300);

  for (let round = 0; round < 3; round++) {
    const since = round === 0 ? after : await lastMessageId(a, staff, chat.id);
    const poll = messages(a, staff, chat.id, `after=${since}&wait=15`);
    await sleep(200);
    const posted = Date.now();
    const sent = await say(b, engineer, chat.id, `第 ${round + 1} 条回复`);
    expect(sent.status).toBe(201);
    const res = await poll;
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([sent.body.id]);
    // The database re-check runs every 2 s from the first wait; pub/sub is far quicker.
    expect(Date.now() - posted).toBeLessThan(1000);
  }
});
