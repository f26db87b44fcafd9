import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_RETRY_MS, retryDelayMs } from '../../../server/src/core/outbox/outbox.worker';
import { startWechatStandIn, type WechatStandIn } from '../../../server/src/integrations/wechat/stand-in';
import { call, consentFor, login } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * WeChat as configured in production (WECHAT_API_BASE, WECHAT_TEMPLATES),
 * played by the stand-in behind a switch that makes the send endpoint fail:
 * a failed send is retried after a back-off and succeeds later without a
 * second allowance; a refusal WeChat will repeat is not retried.
 */
const APP = { appid: 'wx1234567890retry', secret: 'retry-test-secret' };
const OPENID = 'oWx_retry_li_0001';
const SEND = '/cgi-bin/message/subscribe/send';

let standIn: WechatStandIn;
let wechat: { baseUrl: string; answer: object | null; close(): Promise<void> };
let server: TestServer;
let clock: TestClock;
let reporter: string;
let engineer: string;

/** Forwards to the stand-in, except that while `answer` is set the send endpoint answers it instead. */
async function switchableWechat(target: string) {
  const state = { answer: null as object | null };
  const proxy = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? '/', 'http://proxy');
    const reply = (text: string) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text);
    };
    if (url.pathname === SEND && state.answer) return reply(JSON.stringify(state.answer));
    const upstream = await fetch(new URL(`${url.pathname}${url.search}`, target), { method: req.method, headers: { 'content-type': 'application/json' }, body: req.method === 'POST' ? body : undefined });
    reply(await upstream.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      }),
  });
}

beforeAll(async () => {
  standIn = await startWechatStandIn(APP);
  wechat = await switchableWechat(standIn.baseUrl);
  clock = new TestClock();
  server = await startTestServer({
    clock,
    env: {
      DEMO_SEED: 'true',
      SMS_IP_DAILY_LIMIT: '1000',
      OUTBOX_POLL_MS: '20',
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APPID: APP.appid,
      WECHAT_SECRET: APP.secret,
      // No comment template: those notices stay in the app.
      WECHAT_TEMPLATES: 'ticket_status=TPL-STATUS-001, sla_warning=TPL-SLA-001',
    },
  });
  engineer = (await login(server, '13800000002')).token;
  await login(server, '13800000004', { consent: ['service'] });
  const wx = await call(server, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode(OPENID).code, consent: await consentFor(server, ['service']) } });
  expect((await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode('13800000004').code } })).status).toBe(200);
  reporter = wx.body.token;
});
afterAll(async () => {
  await server.close();
  await wechat.close();
  await standIn.close();
});

const outboxRow = (ticketId: string) =>
  rows<{ attempts: number; delivered_at: unknown; last_error: string | null }>(
    server.running.orm,
    "select o.attempts, o.delivered_at, o.last_error from outbox_message o join notification n on o.dedupe_key = 'notify:' || n.dedupe_key where n.ticket_id = ?",
    [ticketId],
  ).then((r) => r[0]);
const notice = (ticketId: string) =>
  rows<{ wechat_state: string | null }>(server.running.orm, 'select wechat_state from notification where ticket_id = ?', [ticketId]).then((r) => r[0]);
const allowance = async () => (await call(server, 'GET', '/notifications/subscriptions', { token: reporter })).body.allowances.ticket_status;
const newTicket = () => insertTicket(server.running.orm, { reporterPhone: '13800000004', hospitalName: '北京东华医院', departmentName: '消化内镜中心' });
const accept = (id: string) => call(server, 'POST', `/tickets/${id}/transitions`, { token: engineer, body: { action: 'accept' } });

it('backs off 5 s, 10 s, 20 s … and never waits more than 10 minutes', () => {
  expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
  expect(retryDelayMs(30)).toBe(MAX_RETRY_MS);
  expect(MAX_RETRY_MS).toBe(10 * 60_000);
});

it('offers only the configured templates, and counts accepts only for them', async () => {
  const res = await call(server, 'POST', '/notifications/subscriptions', { token: reporter, body: { results: { ticket_status: 'accept', ticket_comment: 'accept' } } });
  expect(res.body.templates).toEqual([
    { key: 'ticket_status', templateId: 'TPL-STATUS-001', title: '工单进度通知' },
    { key: 'sla_warning', templateId: 'TPL-SLA-001', title: '服务时限提醒' },
  ]);
  expect(res.body.allowances).toEqual({ ticket_status: 1, sla_warning: 0 });
  await call(server, 'POST', '/notifications/subscriptions', { token: reporter, body: { results: { ticket_status: 'accept' } } });
  expect(await allowance()).toBe(2);
});

it('retries a failed send after the back-off and sends once, spending one allowance', async () => {
  wechat.answer = { errcode: -1, errmsg: 'system error' };
  const ticket = await newTicket();
  const warnings = () => server.logs.filter((l) => l.msg === 'outbox delivery failed; will retry');
  const warningsBefore = warnings().length;
  await accept(ticket.id);

  const failed = await eventually(async () => {
    const row = await outboxRow(ticket.id);
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toContain('errcode -1');
    return row!;
  });
  expect(failed.delivered_at).toBeNull();
  expect(failed.last_error).not.toContain(OPENID);
  // The in-app notice is there already; the WeChat copy holds its allowance.
  expect((await notice(ticket.id))?.wechat_state).toBe('claimed');
  expect(await allowance()).toBe(1);
  expect(warnings().slice(warningsBefore)).toEqual([expect.objectContaining({ level: 40, topic: 'notify', attempt: 1, retryInSeconds: 5 })]);

  // Not before the back-off is over.
  wechat.answer = null;
  await new Promise((r) => setTimeout(r, 300));
  expect((await outboxRow(ticket.id))?.attempts).toBe(1);
  expect(standIn.sentMessages()).toHaveLength(0);

  clock.advance(5_000);
  await eventually(async () => expect((await outboxRow(ticket.id))?.delivered_at ?? null).not.toBeNull());
  expect((await outboxRow(ticket.id))?.attempts).toBe(2);
  expect(standIn.sentMessages().filter((m) => m.touser === OPENID)).toHaveLength(1);
  expect((await notice(ticket.id))?.wechat_state).toBe('sent');
  expect(await allowance()).toBe(1);
  expect(JSON.stringify(server.logs)).not.toContain(OPENID);
});

it('does not retry what WeChat refuses for good (43101: no subscription left), and trusts WeChat’s count', async () => {
  expect(await allowance()).toBe(1);
  wechat.answer = { errcode: 43101, errmsg: 'user refuse to accept the msg' };
  const ticket = await newTicket();
  const sentBefore = standIn.sentMessages().length;
  await accept(ticket.id);
  await eventually(async () => expect((await outboxRow(ticket.id))?.delivered_at ?? null).not.toBeNull());
  expect((await outboxRow(ticket.id))?.attempts).toBe(1);
  expect((await notice(ticket.id))?.wechat_state).toBe('skipped');
  expect(await allowance()).toBe(0);
  expect(standIn.sentMessages()).toHaveLength(sentBefore);
  wechat.answer = null;
});
