import { defaultRoutes } from '../../../server/src/app';
import { createChatWakeups, type ChatWakeups } from '../../../server/src/modules/chat/chat-wakeups';
import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { login } from '../../support/api';
import { startTestServer, testDatabase, type TestServer } from '../../support/test-server';
import { ENGINEER, lastMessageId, messages, openChat, say, SERVER_ENV, sleep, STAFF } from './chat-support';

/**
 * Runs only when TEST_REDIS_URL is set (the `server:redis` project). Two
 * instances on one database and one Redis: a message posted on one wakes
 * a long-poll held by the other through pub/sub.
 *
 * Instance A's periodic database check is set far beyond the wait, and each
 * message is posted only once A holds the wait and has made its arrival
 * check, so pub/sub is the only path left that can answer in time — proven
 * by A's own wake counters, not by a clock (a 2-core machine running three
 * test projects can stall a worker for seconds).
 */
const REDIS_URL = process.env.TEST_REDIS_URL!;

let database: ScratchDatabase;
let a: TestServer;
let b: TestServer;
let wakeupsA: ChatWakeups;

beforeAll(async () => {
  database = await testDatabase({ file: true });
  a = await startTestServer({
    env: { ...SERVER_ENV, REDIS_URL },
    database,
    app: { routes: (deps) => defaultRoutes(deps, { chatWakeups: (wakeupsA = createChatWakeups(deps, { pollMs: 10 * 60_000 })) }) },
  });
  b = await startTestServer({ env: { ...SERVER_ENV, REDIS_URL }, database });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await database.drop();
});

async function until(what: string, ok: () => boolean) {
  for (let i = 0; i < 1500 && !ok(); i++) await sleep(10);
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

it('wakes a waiter on instance A through pub/sub when the message is posted on instance B', async () => {
  const staff = (await login(a, STAFF)).token;
  const engineer = (await login(b, ENGINEER)).token;
  const chat = await openChat(a, staff);
  await until("A's subscription to other instances' signals", () => wakeupsA.stats().listening);

  for (let round = 0; round < 3; round++) {
    const since = await lastMessageId(a, staff, chat.id);
    const before = wakeupsA.stats();
    const poll = messages(a, staff, chat.id, `after=${since}&wait=20`);
    await until('A to hold the wait and make its arrival check', () => wakeupsA.size() === 1 && wakeupsA.stats().checks > before.checks);
    const sent = await say(b, engineer, chat.id, `第 ${round + 1} 条回复`);
    expect(sent.status).toBe(201);
    const res = await poll;
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([sent.body.id]);
    expect(wakeupsA.stats().woken).toEqual({ ...before.woken, pubsub: before.woken.pubsub + 1 });
  }
});
