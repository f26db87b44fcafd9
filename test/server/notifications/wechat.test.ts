import { call, consentFor, login } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * WeChat copies through the stand-in: one message per `accept` the user gave
 * in wx.requestSubscribeMessage, none (and a log line saying why) without.
 */
let server: TestServer;
let reporter: string;
let engineer: string;
let nurse: string;
const OPENID = 'oWx_notify_li_0001';
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

const standIn = () => server.running.wechatStandIn!;
const act = (token: string, id: string, body: Record<string, unknown>) => call(server, 'POST', `/tickets/${id}/transitions`, { token, body });
const notices = (ticketId: string) =>
  rows<{ title: string; wechat_state: string | null; wechat_msg_id: string | null }>(
    server.running.orm,
    'select title, wechat_state, wechat_msg_id from notification where ticket_id = ? order by id',
    [ticketId],
  );
const skippedLines = () => server.logs.filter((l) => l.msg === 'WeChat copy skipped');

/** The demo reporter 李静 opens the mini-program: WeChat sign-in, then the phone button joins her account. */
async function signInThroughWechat(phone: string, openid: string): Promise<string> {
  await login(server, phone, { consent: ['service'] });
  const { code } = standIn().issueLoginCode(openid);
  const wx = await call(server, 'POST', '/auth/wechat', { body: { code, consent: await consentFor(server, ['service']) } });
  const bound = await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn().issuePhoneCode(phone).code } });
  expect(bound.status).toBe(200);
  return wx.body.token;
}

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', OUTBOX_POLL_MS: '20' } });
  engineer = (await login(server, '13800000002')).token;
  reporter = await signInThroughWechat('13800000004', OPENID);
  nurse = (await login(server, '13800000005')).token;
});
afterAll(() => server.close());

describe('subscriptions', () => {
  it('lists the templates to ask for, with their titles, and no allowance yet', async () => {
    const res = await call(server, 'GET', '/notifications/subscriptions', { token: reporter });
    expect(res.status).toBe(200);
    expect(res.body.templates).toEqual([
      { key: 'ticket_status', templateId: expect.any(String), title: '工单进度通知' },
      { key: 'ticket_comment', templateId: expect.any(String), title: '工单留言提醒' },
      { key: 'sla_warning', templateId: expect.any(String), title: '服务时限提醒' },
      { key: 'order_status', templateId: expect.any(String), title: '礼品订单通知' },
    ]);
    expect(res.body.allowances).toEqual({ ticket_status: 0, ticket_comment: 0, sla_warning: 0, order_status: 0 });
  });

  it('adds one allowance per accept; reject and ban add nothing', async () => {
    const res = await call(server, 'POST', '/notifications/subscriptions', {
      token: nurse,
      body: { results: { ticket_status: 'accept', ticket_comment: 'reject', sla_warning: 'ban' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.allowances).toEqual({ ticket_status: 1, ticket_comment: 0, sla_warning: 0, order_status: 0 });
    const again = await call(server, 'POST', '/notifications/subscriptions', { token: nurse, body: { results: { ticket_status: 'accept' } } });
    expect(again.body.allowances.ticket_status).toBe(2);
    // Someone else's count is their own.
    expect((await call(server, 'GET', '/notifications/subscriptions', { token: engineer })).body.allowances.ticket_status).toBe(0);
  });

  it('refuses an answer WeChat never gives', async () => {
    const res = await call(server, 'POST', '/notifications/subscriptions', { token: nurse, body: { results: { ticket_status: 'maybe' } } });
    expect(res.status).toBe(422);
  });
});

describe('sending', () => {
  it('sends exactly one message for one accept; the next event is skipped and logged', async () => {
    const accepted = await call(server, 'POST', '/notifications/subscriptions', { token: reporter, body: { results: { ticket_status: 'accept' } } });
    expect(accepted.body.allowances.ticket_status).toBe(1);
    const ticket = await insertTicket(server.running.orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO });
    const skippedBefore = skippedLines().length;

    await act(engineer, ticket.id, { action: 'accept' });
    await eventually(async () => expect((await notices(ticket.id))[0]?.wechat_state).toBe('sent'));
    await act(engineer, ticket.id, { action: 'start' });
    await eventually(async () => expect((await notices(ticket.id))[1]?.wechat_state).toBe('skipped'));

    const sent = standIn().sentMessages().filter((m) => m.touser === OPENID);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template_id: accepted.body.templates.find((t: { key: string }) => t.key === 'ticket_status').templateId,
      page: `packages/ticket/detail/index?id=${ticket.id}`,
      lang: 'zh_CN',
      data: {
        character_string1: { value: ticket.number },
        phrase2: { value: '已受理' },
        thing3: { value: expect.any(String) },
        time4: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
      },
    });
    // WeChat's limit for a `thing` field.
    expect([...sent[0]!.data.thing3!.value].length).toBeLessThanOrEqual(20);
    expect((await notices(ticket.id))[0]!.wechat_msg_id).toBe(String(sent[0]!.msgid));

    const skipped = skippedLines().slice(skippedBefore);
    expect(skipped).toEqual([expect.objectContaining({ reason: 'no_allowance', kind: 'ticket_status', template: 'ticket_status' })]);
    expect(JSON.stringify(server.logs)).not.toContain(OPENID);
    expect((await call(server, 'GET', '/notifications/subscriptions', { token: reporter })).body.allowances.ticket_status).toBe(0);
    // The in-app list has both.
    const inApp = (await call(server, 'GET', '/notifications?limit=50', { token: reporter })).body.items.filter((n: { ticketId: string }) => n.ticketId === ticket.id);
    expect(inApp).toHaveLength(2);
  });

  it('skips the WeChat copy for someone who never signed in with WeChat, whatever they allowed', async () => {
    // The advanced nurse has two ticket_status allowances (above) but no openid.
    const ticket = await insertTicket(server.running.orm, { reporterPhone: '13800000005', hospitalName: BJ, departmentName: ENDO });
    const messagesBefore = standIn().sentMessages().length;
    await act(engineer, ticket.id, { action: 'accept' });
    await eventually(async () => expect((await notices(ticket.id))[0]?.wechat_state).toBe('skipped'));
    expect(skippedLines().at(-1)).toMatchObject({ reason: 'no_openid' });
    expect(standIn().sentMessages()).toHaveLength(messagesBefore);
    expect((await call(server, 'GET', '/notifications/subscriptions', { token: nurse })).body.allowances.ticket_status).toBe(2);
  });
});
