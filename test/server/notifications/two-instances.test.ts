import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { call, consentFor, login } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startTestServer, testDatabase, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * Two server instances on one database, both running the outbox worker:
 * every message is claimed by one of them, once, so each notice and each
 * WeChat message exists once.
 */
const ENV = { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', OUTBOX_POLL_MS: '10' };
const OPENID = 'oWx_twins_li_0001';
const STEPS = ['accept', 'start'] as const;
const TICKETS = 6;

let database: ScratchDatabase;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  database = await testDatabase({ file: true });
  a = await startTestServer({ env: ENV, database });
  b = await startTestServer({ env: ENV, database });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await database.drop();
});

it('delivers each message exactly once between them', async () => {
  await login(a, '13800000004', { consent: ['service'] });
  const standIn = a.running.wechatStandIn!;
  const wx = await call(a, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode(OPENID).code, consent: await consentFor(a, ['service']) } });
  expect((await call(a, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode('13800000004').code } })).status).toBe(200);
  for (let i = 0; i < TICKETS * STEPS.length; i++) {
    await call(a, 'POST', '/notifications/subscriptions', { token: wx.body.token, body: { results: { ticket_status: 'accept' } } });
  }
  const engineer = (await login(b, '13800000002')).token;
  const tickets = [];
  for (let i = 0; i < TICKETS; i++) {
    tickets.push(await insertTicket(a.running.orm, { reporterPhone: '13800000004', hospitalName: '北京东华医院', departmentName: '消化内镜中心' }));
  }
  for (const step of STEPS) {
    await Promise.all(tickets.map((t, i) => call(i % 2 ? a : b, 'POST', `/tickets/${t.id}/transitions`, { token: engineer, body: { action: step } })));
  }

  const total = TICKETS * STEPS.length;
  // Each message handled by one instance, once. The log line follows the commit, so both are awaited.
  const handledLines = () => [...a.logs, ...b.logs].filter((l) => l.msg === 'outbox message delivered').map((l) => l.outboxId);
  await eventually(async () => {
    const [row] = await rows<{ n: number }>(a.running.orm, 'select count(*) as n from outbox_message where delivered_at is not null');
    expect(Number(row!.n)).toBe(total);
    expect(handledLines()).toHaveLength(total);
  });
  const handled = handledLines();
  expect(new Set(handled).size).toBe(total);
  const attempts = await rows<{ attempts: number }>(a.running.orm, 'select attempts from outbox_message');
  expect(attempts.map((r) => Number(r.attempts))).toEqual(Array(total).fill(1));
  const notices = await rows<{ wechat_state: string }>(a.running.orm, 'select wechat_state from notification');
  expect(notices).toHaveLength(total);
  expect(notices.every((n) => n.wechat_state === 'sent')).toBe(true);
  const sent = [...a.running.wechatStandIn!.sentMessages(), ...b.running.wechatStandIn!.sentMessages()].filter((m) => m.touser === OPENID);
  expect(sent).toHaveLength(total);
  const [left] = await rows<{ remaining: number }>(a.running.orm, "select remaining from subscription_allowance where template_key = 'ticket_status'");
  expect(Number(left!.remaining)).toBe(0);
});
