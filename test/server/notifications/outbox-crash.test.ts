import { LEASE_MS } from '../../../server/src/core/outbox/outbox.worker';
import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { call, consentFor, login } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startTestServer, TestClock, testDatabase, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * A crash between the commit and the send: the transition commits with its
 * outbox row while no worker runs; the next server start delivers it — one
 * in-app notice, one WeChat message — and the start after that adds nothing.
 * Also the two later crash points: after the WeChat send (before the outbox
 * row is marked) and after the allowance was spent (before the send).
 */
const ENV = { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', OUTBOX_POLL_MS: '20' };
const OPENID = 'oWx_crash_li_0001';

let database: ScratchDatabase;
let server: TestServer | undefined;
let ticketId: string;

const start = async (outbox: boolean, clock?: TestClock) => (server = await startTestServer({ env: ENV, database, clock, background: { outbox } }));
/** A clock past the lease the crashed worker held on its message (the n-th restart that needs one: leases stack up). */
const afterLease = (n = 1) => {
  const clock = new TestClock();
  clock.advance(n * (LEASE_MS + 1000));
  return clock;
};
const stop = async () => {
  await server?.close();
  server = undefined;
};
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => rows<T>(server!.running.orm, sql, params);
const count = async (sql: string, params: unknown[] = []) => Number((await q<{ n: number }>(sql, params))[0]!.n);
const messagesTo = () => server!.running.wechatStandIn!.sentMessages().filter((m) => m.touser === OPENID);
const allowance = async () =>
  Number((await q<{ remaining: number }>("select remaining from subscription_allowance where template_key = 'ticket_status' and user_id = (select reporter_id from ticket where id = ?)", [ticketId]))[0]!.remaining);
/** Several polls' worth of time, for asserting that nothing (more) happens. */
const quietPeriod = () => new Promise((r) => setTimeout(r, 300));

beforeAll(async () => {
  database = await testDatabase({ file: true });
});
afterEach(stop);
afterAll(() => database.drop());

describe('a crash between commit and send', () => {
  it('commits the outbox row with the transition while nothing is sent', async () => {
    await start(false);
    // 李静 signs in with WeChat (the phone button joins her account) and allows two progress messages.
    await login(server!, '13800000004', { consent: ['service'] });
    const standIn = server!.running.wechatStandIn!;
    const wx = await call(server!, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode(OPENID).code, consent: await consentFor(server!, ['service']) } });
    expect((await call(server!, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode('13800000004').code } })).status).toBe(200);
    const allowed = await call(server!, 'POST', '/notifications/subscriptions', { token: wx.body.token, body: { results: { ticket_status: 'accept' } } });
    await call(server!, 'POST', '/notifications/subscriptions', { token: wx.body.token, body: { results: { ticket_status: 'accept' } } });
    expect(allowed.body.allowances.ticket_status).toBe(1);

    ticketId = (await insertTicket(server!.running.orm, { reporterPhone: '13800000004', hospitalName: '北京东华医院', departmentName: '消化内镜中心' })).id;
    const engineer = (await login(server!, '13800000002')).token;
    expect((await call(server!, 'POST', `/tickets/${ticketId}/transitions`, { token: engineer, body: { action: 'accept' } })).status).toBe(200);

    await quietPeriod();
    expect(await count('select count(*) as n from outbox_message where delivered_at is null')).toBe(1);
    expect(await count('select count(*) as n from notification')).toBe(0);
    expect(messagesTo()).toHaveLength(0);
    expect(await allowance()).toBe(2);
  });

  it('delivers it on restart: one notice, one WeChat message, one allowance spent', async () => {
    await start(true);
    await eventually(async () => expect(await count('select count(*) as n from outbox_message where delivered_at is null')).toBe(0));
    expect(await count('select count(*) as n from notification where ticket_id = ?', [ticketId])).toBe(1);
    const [notice] = await q<{ wechat_state: string }>('select wechat_state from notification where ticket_id = ?', [ticketId]);
    expect(notice!.wechat_state).toBe('sent');
    expect(messagesTo()).toHaveLength(1);
    expect(await allowance()).toBe(1);
  });

  it('adds nothing on the next restart', async () => {
    await start(true);
    await quietPeriod();
    expect(await count('select count(*) as n from notification where ticket_id = ?', [ticketId])).toBe(1);
    expect(messagesTo()).toHaveLength(0);
    expect(await allowance()).toBe(1);
    const [row] = await q<{ attempts: number }>('select attempts from outbox_message');
    expect(Number(row!.attempts)).toBe(1);
  });
});

describe('later crash points', () => {
  it('after the send but before the outbox row was marked: delivered again once the lease is over, nothing repeated', async () => {
    await start(false);
    // As the crashed worker left it: claimed (lease running), handled, not marked.
    await q('update outbox_message set delivered_at = null');
    await stop();
    await start(true);
    await quietPeriod();
    // Another instance might still be working on it: left alone until the lease runs out.
    expect(await count('select count(*) as n from outbox_message where delivered_at is null')).toBe(1);
    await stop();
    await start(true, afterLease());
    await eventually(async () => expect(await count('select count(*) as n from outbox_message where delivered_at is null')).toBe(0));
    expect(await count('select count(*) as n from notification where ticket_id = ?', [ticketId])).toBe(1);
    expect(messagesTo()).toHaveLength(0);
    expect(await allowance()).toBe(1);
  });

  it('after the allowance was spent but before the send: sent on restart without spending another', async () => {
    await start(false);
    await q("update notification set wechat_state = 'claimed', wechat_msg_id = null");
    await q('update outbox_message set delivered_at = null');
    await stop();
    await start(true, afterLease(2));
    await eventually(async () => expect(await count('select count(*) as n from outbox_message where delivered_at is null')).toBe(0));
    expect(messagesTo()).toHaveLength(1);
    expect(await allowance()).toBe(1);
    const [notice] = await q<{ wechat_state: string; wechat_msg_id: string }>('select wechat_state, wechat_msg_id from notification where ticket_id = ?', [ticketId]);
    expect(notice).toEqual({ wechat_state: 'sent', wechat_msg_id: String(messagesTo()[0]!.msgid) });
  });
});
