import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { initOrm } from '../../../server/src/db/init-orm';
import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { startWechatStandIn, type WechatStandIn } from '../../../server/src/integrations/wechat/stand-in';
import { call } from '../../support/api';
import { rows } from '../../support/db';
import { testDatabase, testDialect, type TestServer } from '../../support/test-server';
import { AnswerLog, outcome, type Answer, type Exchange } from './answers';
import { freePort } from '../../support/free-port';
import { childServer, type ChildServer } from './child-server';
import { ALLOWANCE, OPENID, PRICE, STOCK, prepare, replay, stream, type Cast } from './scenario';
import { seededRandom } from './seeded-random';

/**
 * Crash safety: the server runs as its own process while clients stream
 * ticket reports and gift redemptions (each with its own Idempotency-Key), an
 * engineer accepts the reported tickets and an admin cancels some of the
 * orders (both send notices through the outbox). The process is killed with
 * SIGKILL at random moments and started again on the same database and
 * DATA_DIR; every request that got no answer is sent again, unchanged, until
 * one comes. Afterwards the database must show:
 *
 * - Requests: every create answered 201 and every redemption 201 or 409
 *   OUT_OF_STOCK; exactly one ticket per create key and one order per
 *   acknowledged redemption key, with the id the client was given (found by
 *   the key in the ticket's text and by the idempotency record); no ticket or
 *   order that no answer names; a refused key leaves no record; a replay of
 *   an acknowledged key, and both halves of a double tap when both are
 *   acknowledged, get the same id. (A refusal is not remembered by the
 *   idempotency record, so a double tap may be refused on one request and
 *   acknowledged on the other; counted as splitTwins, not a failure.)
 *   Accepting a ticket and cancelling an order carry no key: their resend
 *   may only be refused (409) when the first request did the work.
 * - Points: per person, the balance (table and API) is the sum of the
 *   ledger, the entries chain (seq 1..n, each balance_after = previous +
 *   delta, never below 0), and the balance is the one before the stream
 *   minus the price of each order not cancelled. One debit per order, one
 *   refund per cancelled order.
 * - Stock: never below 0 in any stock change; initial stock = current stock
 *   + units in orders not cancelled; one take per order, one restock per
 *   cancelled order.
 * - Outbox, "exactly once per dedupe key": after the last restart has drained
 *   it, no message is left undelivered; the messages are exactly one per
 *   cause (one per accept event, one per cancelled order); each `notify`
 *   message produced exactly one in-app notice with its dedupe key and there
 *   is no notice without a message; no WeChat copy is left `claimed`, the
 *   subscription allowance went down once per copy sent, and every copy sent
 *   reached the WeChat stand-in (which runs in this process, so it outlives
 *   the kills). The stand-in may hold a second copy of a message only where a
 *   kill fell between WeChat's answer and the `sent` mark — the handler's
 *   documented at-least-once window for WeChat; the worker handles one message
 *   at a time, so there can be at most one such copy per kill.
 *
 * A worker killed while holding a message leaves it leased for two minutes
 * (LEASE_MS). Instead of waiting, the server is killed once more after the
 * stream and, while it is down, every undelivered message is made due — what
 * those two minutes would do — before the final start drains the outbox.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 5);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WECHAT = { WECHAT_APPID: 'wx0000000000crash', WECHAT_SECRET: 'crash-test-secret' };
const TEMPLATES = { ticket_status: 'dev-tmpl-ticket-status', order_status: 'dev-tmpl-order-status' };

let database: ScratchDatabase;
let dataDir: string;
let standIn: WechatStandIn;
let server: ChildServer;
let log: AnswerLog;
let cast: Cast;
/** The test's own connection to the server's database, opened once the stream is over. */
let orm: MikroORM | undefined;

const figures = {
  kills: 0,
  restarts: 0,
  /** Undelivered messages a dead worker had claimed when the server was killed before the drain. */
  outboxClaimedAtLastKill: 0,
  /** WeChat copies beyond one per notice sent. */
  wechatRepeats: 0,
  /** Double taps where one request was refused and its twin, with the same key, placed the order. */
  splitTwins: 0,
  /** Requests whose work committed but whose answer the kill took; the resend was answered from what was stored. */
  lostAnswers: { create: 0, redeem: 0, accept: 0, cancel: 0 },
  /** Rows beyond one per key or cause, counted before the assertions that demand none. */
  duplicates: { tickets: 0, orders: 0, outbox: 0, notices: 0 },
  seconds: { stream: 0, drain: 0, restartMax: 0 },
};

const api = () => server as Pick<TestServer, 'url' | 'api'> as TestServer;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => rows<T>(orm!, sql, params);
const count = async (sql: string, params: unknown[] = []) => Number((await q<{ n: number | string }>(sql, params))[0]!.n);
/** JSON columns come back parsed from PostgreSQL and as text from SQLite. */
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
/** SQLite keeps times as epoch milliseconds, PostgreSQL hands back Dates. */
const epochMs = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' && !/^\d+$/.test(v) ? Date.parse(v) : Number(v));
/** Single (not double-tapped) exchanges whose row is older than their last request: an earlier, unanswered request did the work. */
const answeredByReplay = (exchanges: Exchange[], written: { id: string; created_at: unknown }[]) => {
  const at = new Map(written.map((r) => [r.id, epochMs(r.created_at)]));
  return exchanges.filter((e) => !e.twin && e.attempts > 1 && outcome(e).status === 201 && at.get(outcome(e).body.id)! < e.lastAttemptAt).length;
};
const byOp = (op: Exchange['op']) => log.exchanges.filter((e) => e.op === op);
const tally = (answers: Answer[]) => {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const k = a.status < 300 ? String(a.status) : `${a.status} ${a.body?.code}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};

beforeAll(async () => {
  database = await testDatabase({ file: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-crash-'));
  // Here rather than inside the server, so what WeChat received survives the kills.
  standIn = await startWechatStandIn({ appid: WECHAT.WECHAT_APPID, secret: WECHAT.WECHAT_SECRET });
  const db = database.database;
  server = childServer(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      DATABASE_URL: db.dialect === 'sqlite' ? `sqlite:${db.file}` : db.url,
      DEMO_SEED: 'true',
      LOG_LEVEL: 'warn',
      // Often, so kills land in the middle of deliveries too.
      OUTBOX_POLL_MS: '50',
      WECHAT_API_BASE: standIn.baseUrl,
      WECHAT_TEMPLATES: Object.entries(TEMPLATES).map(([k, v]) => `${k}=${v}`).join(','),
      ...WECHAT,
      AUTH_RATE_PER_MINUTE: '100000',
      WRITE_RATE_PER_MINUTE: '100000',
      UPLOAD_RATE_PER_MINUTE: '100000',
      EXPORT_RATE_PER_MINUTE: '100000',
      SMS_IP_DAILY_LIMIT: '1000',
    },
    await freePort(),
  );
  log = new AnswerLog(server.api);
  await server.start();
}, 90_000);

afterAll(async () => {
  log?.abandon();
  await server?.kill();
  await orm?.close(true);
  await standIn?.close();
  await database?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A last kill, the dead workers' leases run out (see above), and a start that drains the outbox. */
async function drain(): Promise<void> {
  await server.kill();
  figures.kills += 1;
  orm = await initOrm(database.database);
  figures.outboxClaimedAtLastKill = await count('select count(*) as n from outbox_message where delivered_at is null and attempts > 0');
  await q('update outbox_message set available_at = created_at where delivered_at is null');
  const started = Date.now();
  await server.start();
  figures.restarts += 1;
  while ((await count('select count(*) as n from outbox_message where delivered_at is null')) > 0) {
    if (Date.now() - started > 30_000) throw new Error(`the outbox did not drain in 30 s:\n${server.output()}`);
    await sleep(100);
  }
  figures.seconds.drain = (Date.now() - started) / 1000;
}

let completed = false;
/** A check of what the run left; after a failed run there is nothing to check, and saying so beats passing on half the data. */
const check = (name: string, fn: () => unknown) =>
  it(name, async () => {
    if (!completed) throw new Error('the kill-restart run did not complete; see the first test');
    await fn();
  });

describe(`kill -9 and restart under load (${testDialect()})`, () => {
  it(`streams requests through ${KILLS} kills, answers every one in the end, and drains the outbox`, async () => {
    cast = await prepare(server, standIn, SEED);
    const started = Date.now();
    await stream(server, log, cast, {
      kills: KILLS,
      seed: SEED,
      killDelay: seededRandom(SEED),
      chance: seededRandom(SEED + 1),
      onRestart: (ms) => {
        figures.kills += 1;
        figures.restarts += 1;
        figures.seconds.restartMax = Math.max(figures.seconds.restartMax, ms / 1000);
      },
    });
    figures.seconds.stream = (Date.now() - started) / 1000;
    await replay(log);
    await drain();
    completed = true;
  }, 120_000 + KILLS * 8_000);

  check('answered every request without a server error or a lost session', () => {
    const all = log.exchanges.flatMap((e) => [e.answer, ...(e.twin ? [e.twin] : [])]);
    expect(all.filter((a) => a.status >= 500 || a.status === 401 || a.status === 403)).toEqual([]);
    const answersOf = (op: Exchange['op']) => byOp(op).flatMap((e) => [e.answer, ...(e.twin ? [e.twin] : [])]);
    expect(answersOf('create').filter((a) => a.status !== 201)).toEqual([]);
    expect(answersOf('redeem').filter((a) => a.status !== 201 && a.body?.code !== 'OUT_OF_STOCK')).toEqual([]);
    // A 409 is right only as the answer to a resend whose first try had done it already.
    for (const op of ['accept', 'cancel'] as const) {
      expect(byOp(op).filter((e) => e.answer.status !== 200 && !(e.answer.status === 409 && e.attempts > 1))).toEqual([]);
      figures.lostAnswers[op] = byOp(op).filter((e) => e.answer.status === 409).length;
    }
  });

  check('gave a double tap and a later replay the answer the key first got', () => {
    const twins = log.exchanges.filter((e) => e.twin);
    expect(twins.length).toBeGreaterThan(0);
    const bothAcknowledged = twins.filter((e) => e.answer.status === 201 && e.twin!.status === 201);
    expect(bothAcknowledged.filter((e) => e.twin!.body.id !== e.answer.body.id)).toEqual([]);
    figures.splitTwins = twins.length - bothAcknowledged.length - twins.filter((e) => e.answer.status !== 201 && e.twin!.status !== 201).length;
    const first = new Map([...byOp('create'), ...byOp('redeem')].map((e) => [e.key, outcome(e)]));
    const replays = [...byOp('replay-create'), ...byOp('replay-redeem')];
    expect(replays.length).toBe([...first.values()].filter((a) => a.status === 201).length);
    expect(replays.filter((e) => e.answer.status !== 201 || e.answer.body.id !== first.get(e.key)!.body.id)).toEqual([]);
  });

  check('keeps exactly one ticket per create key, the one the client was given, and none nobody asked for', async () => {
    const tickets = await q<{ id: string; description: string; created_at: unknown }>("select id, description, created_at from ticket where description like '崩溃测试 %'");
    const byKey = new Map<string, string[]>();
    for (const t of tickets) {
      const key = /^崩溃测试 (\S+)：/.exec(t.description)![1]!;
      byKey.set(key, [...(byKey.get(key) ?? []), t.id]);
    }
    const records = await q<{ key: string; response_body: unknown }>("select \"key\", response_body from idempotency_record where route = 'POST /tickets'");
    const recorded = new Map(records.map((r) => [r.key, json<{ id: string }>(r.response_body).id]));
    const creates = byOp('create');
    figures.duplicates.tickets = tickets.length - byKey.size;
    figures.lostAnswers.create = answeredByReplay(creates, tickets);
    expect(creates.filter((e) => byKey.get(e.key)?.length !== 1 || byKey.get(e.key)![0] !== outcome(e).body.id || recorded.get(e.key) !== outcome(e).body.id)).toEqual([]);
    expect(tickets).toHaveLength(creates.length);
    expect(records).toHaveLength(creates.length);
  });

  check('keeps exactly one order per acknowledged redemption key, one debit and one unit each, and nothing for a refused key', async () => {
    const orders = await q<{ id: string; user_id: string; status: string; created_at: unknown }>('select id, user_id, status, created_at from redemption_order where gift_id = ?', [cast.giftId]);
    const records = await q<{ key: string; response_body: unknown }>("select \"key\", response_body from idempotency_record where route = 'POST /redemptions'");
    const recorded = new Map(records.map((r) => [r.key, json<{ id: string }>(r.response_body).id]));
    const redeems = byOp('redeem');
    const acknowledged = redeems.filter((e) => outcome(e).status === 201);
    expect(acknowledged.filter((e) => recorded.get(e.key) !== outcome(e).body.id)).toEqual([]);
    expect(redeems.filter((e) => outcome(e).status !== 201 && recorded.has(e.key))).toEqual([]);
    const named = acknowledged.map((e) => outcome(e).body.id as string);
    figures.duplicates.orders = orders.filter((o) => !named.includes(o.id)).length;
    figures.lostAnswers.redeem = answeredByReplay(acknowledged, orders);
    expect(orders.map((o) => o.id).sort()).toEqual(named.sort());

    const perOrder = async (sql: string) => new Map((await q<{ reference: string; n: number | string }>(sql)).map((r) => [r.reference, Number(r.n)]));
    const debits = await perOrder("select reference, count(*) as n from points_entry where reason = 'redemption' group by reference");
    const refunds = await perOrder("select reference, count(*) as n from points_entry where reason = 'redemption_refund' group by reference");
    const takes = await perOrder("select reference, count(*) as n from gift_stock_change where reason = 'redemption' group by reference");
    const restocks = await perOrder("select reference, count(*) as n from gift_stock_change where reason = 'cancellation' group by reference");
    const wrong = orders.filter((o) => {
      const ref = `order:${o.id}`;
      const cancelled = o.status === 'cancelled' ? 1 : 0;
      return debits.get(ref) !== 1 || takes.get(ref) !== 1 || (refunds.get(ref) ?? 0) !== cancelled || (restocks.get(ref) ?? 0) !== cancelled;
    });
    expect(wrong).toEqual([]);
    // Every cancel the admin was answered for (200, or 409 after a lost 200) really cancelled its order.
    const cancelled = new Set(orders.filter((o) => o.status === 'cancelled').map((o) => o.id));
    expect(byOp('cancel').filter((e) => !cancelled.has(e.key))).toEqual([]);
    expect(cancelled.size).toBe(byOp('cancel').length);
  });

  check('never let the stock go below zero and accounts for every unit', async () => {
    const [gift] = await q<{ stock: number | string }>('select stock from gift where id = ?', [cast.giftId]);
    const changes = await q<{ delta: number | string; stock_after: number | string; reason: string }>('select delta, stock_after, reason from gift_stock_change where gift_id = ?', [cast.giftId]);
    const live = await count("select count(*) as n from redemption_order where gift_id = ? and status <> 'cancelled'", [cast.giftId]);
    const stock = Number(gift!.stock);
    expect(stock).toBeGreaterThanOrEqual(0);
    expect(changes.filter((c) => Number(c.stock_after) < 0)).toEqual([]);
    expect(changes.filter((c) => c.reason === 'initial').map((c) => Number(c.delta))).toEqual([STOCK]);
    expect(changes.reduce((sum, c) => sum + Number(c.delta), 0)).toBe(stock);
    expect(stock + live).toBe(STOCK);
    // The shelf really ran empty: the guard was tested, not just the happy path.
    expect(byOp('redeem').filter((e) => outcome(e).body?.code === 'OUT_OF_STOCK').length).toBeGreaterThan(0);
  });

  check('reconciles the points ledger', async () => {
    for (const person of [cast.li, cast.chen]) {
      const [account] = await q<{ balance: number | string; last_seq: number | string }>('select balance, last_seq from points_account where user_id = ?', [person.id]);
      const entries = await q<{ seq: number | string; delta: number | string; balance_after: number | string }>(
        'select seq, delta, balance_after from points_entry where user_id = ? order by seq',
        [person.id],
      );
      const live = await count("select count(*) as n from redemption_order where user_id = ? and status <> 'cancelled'", [person.id]);
      const balance = Number(account!.balance);
      expect(entries.map((e) => Number(e.seq))).toEqual(entries.map((_, i) => i + 1));
      expect(Number(account!.last_seq)).toBe(entries.length);
      let running = 0;
      for (const e of entries) {
        running += Number(e.delta);
        expect(Number(e.balance_after)).toBe(running);
        expect(running).toBeGreaterThanOrEqual(0);
      }
      expect(balance).toBe(running);
      expect(balance).toBe(cast.startBalance.get(person.id)! - PRICE * live);
      expect((await call(api(), 'GET', '/points', { token: person.token })).body.balance).toBe(balance);
    }
    expect((await call(api(), 'GET', '/admin/points/reconciliation', { token: cast.admin.token })).body).toMatchObject({ ok: true, mismatches: [] });
  });

  check('delivered every outbox message: one per cause, one notice per dedupe key, each WeChat copy once (at most one more per kill)', async () => {
    expect(await count('select count(*) as n from outbox_message where delivered_at is null')).toBe(0);
    const messages = await q<{ dedupe_key: string; topic: string; payload: unknown; attempts: number | string }>('select dedupe_key, topic, payload, attempts from outbox_message');
    const accepts = await q<{ id: string; ticket_id: string; n: number | string }>(
      "select e.id, e.ticket_id, (select count(*) from ticket_event x where x.ticket_id = e.ticket_id and x.kind = 'accept') as n from ticket_event e where e.kind = 'accept'",
    );
    expect(accepts.filter((a) => Number(a.n) !== 1)).toEqual([]);
    const cancelled = await q<{ id: string; user_id: string }>("select id, user_id from redemption_order where gift_id = ? and status = 'cancelled'", [cast.giftId]);
    const reporters = new Map((await q<{ id: string; reporter_id: string }>('select id, reporter_id from ticket')).map((t) => [t.id, t.reporter_id]));
    const causes = [
      ...accepts.map((a) => `notify:ticket-event:${a.id}:${reporters.get(a.ticket_id)}`),
      ...cancelled.map((o) => `notify:order:${o.id}:cancelled`),
    ];
    figures.duplicates.outbox = messages.length - new Set(causes).size;
    expect(messages.map((m) => m.dedupe_key).sort()).toEqual(causes.sort());
    // Every ticket the engineer was answered for is accepted, once.
    const acceptedTickets = new Set(accepts.map((a) => a.ticket_id));
    expect(byOp('accept').filter((e) => !acceptedTickets.has(e.key))).toEqual([]);

    const notices = await q<{ dedupe_key: string; user_id: string; kind: string; wechat_state: string | null; wechat_msg_id: string | null }>(
      'select dedupe_key, user_id, kind, wechat_state, wechat_msg_id from notification',
    );
    const perKey = new Map<string, number>();
    for (const n of notices) perKey.set(n.dedupe_key, (perKey.get(n.dedupe_key) ?? 0) + 1);
    figures.duplicates.notices = notices.length - perKey.size;
    expect([...perKey].filter(([, n]) => n !== 1)).toEqual([]);
    expect([...perKey.keys()].map((k) => `notify:${k}`).sort()).toEqual(messages.map((m) => m.dedupe_key).sort());

    expect(notices.filter((n) => n.wechat_state !== 'sent' && n.wechat_state !== 'skipped')).toEqual([]);
    const sentCopies = notices.filter((n) => n.wechat_state === 'sent');
    expect(sentCopies.filter((n) => n.user_id !== cast.li.id)).toEqual([]);
    const allowances = await q<{ template_key: string; remaining: number | string }>('select template_key, remaining from subscription_allowance where user_id = ?', [cast.li.id]);
    const spent = Object.fromEntries(allowances.map((a) => [a.template_key, ALLOWANCE - Number(a.remaining)]));
    expect(spent).toEqual({
      ticket_status: sentCopies.filter((n) => n.kind === 'ticket_status').length,
      order_status: sentCopies.filter((n) => n.kind === 'order_update').length,
    });

    const received = standIn.sentMessages();
    expect(received.filter((m) => m.touser !== OPENID)).toEqual([]);
    const pageOf = new Map(messages.map((m) => [m.dedupe_key.slice('notify:'.length), json<{ page: string }>(m.payload).page]));
    const copiesOf = (key: string) => received.filter((m) => m.page === pageOf.get(key));
    expect(sentCopies.filter((n) => !copiesOf(n.dedupe_key).some((m) => String(m.msgid) === n.wechat_msg_id))).toEqual([]);
    expect(notices.filter((n) => n.wechat_state === 'skipped' && copiesOf(n.dedupe_key).length > 0)).toEqual([]);
    // A second copy only of a message handled more than once, i.e. one a kill interrupted.
    const attemptsOf = new Map(messages.map((m) => [m.dedupe_key.slice('notify:'.length), Number(m.attempts)]));
    expect(sentCopies.filter((n) => copiesOf(n.dedupe_key).length > 1 && attemptsOf.get(n.dedupe_key)! < 2)).toEqual([]);
    figures.wechatRepeats = received.length - sentCopies.length;
    expect(figures.wechatRepeats).toBeGreaterThanOrEqual(0);
    expect(figures.wechatRepeats).toBeLessThanOrEqual(figures.kills);
  });

  afterAll(() => {
    const streamed = log.exchanges.filter((e) => !e.op.startsWith('replay'));
    const report = {
      dialect: testDialect(),
      seed: SEED,
      kills: figures.kills,
      restarts: figures.restarts,
      // Every HTTP request, resends, twins and replays included; those that got no answer were all sent again.
      requestsSent: log.sent,
      requestsAnswered: log.sent - log.unanswered,
      requestsUnanswered: log.unanswered,
      // Logical requests of the stream (a double tap is one), how many needed a resend, and their outcomes.
      streamed: streamed.length,
      retried: streamed.filter((e) => e.attempts > (e.twin ? 2 : 1)).length,
      doubleTaps: streamed.filter((e) => e.twin).length,
      acknowledged: streamed.filter((e) => outcome(e).status < 300).length,
      outcomes: Object.fromEntries((['create', 'redeem', 'accept', 'cancel', 'replay-create', 'replay-redeem'] as const).map((op) => [op, tally(byOp(op).map(outcome))])),
      lostAnswers: figures.lostAnswers,
      duplicates: figures.duplicates,
      splitTwins: figures.splitTwins,
      outboxClaimedAtLastKill: figures.outboxClaimedAtLastKill,
      wechatRepeats: figures.wechatRepeats,
      seconds: figures.seconds,
    };
    console.log(`crash-safety figures ${JSON.stringify(report, null, 1)}`);
  });
});
