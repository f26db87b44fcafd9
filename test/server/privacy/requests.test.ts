import { randomUUID } from 'node:crypto';
import { REFUSAL_REASONS } from '../../../shared/schemas/privacy-requests.schema';
import { approvedStaff, call, consentFor, login, register, requestCode } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';

/**
 * Privacy requests (privacy.md, Art. 48/50): filed after a fresh SMS code,
 * due 15 days after receipt, handled in an admin queue that flags what is
 * overdue, answered with an outcome or refused on a listed legal ground; the
 * requester is told in the app and sees the history.
 */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const DAY = 86_400_000;
const DETAILS = '我的职称登记有误，请更正为主任医师';

const clock = new TestClock();
let server: TestServer;
let admin: string;
let adminId: string;

interface Person {
  token: string;
  phone: string;
}

beforeAll(async () => {
  server = await startTestServer({
    clock,
    env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_PHONE_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', OUTBOX_POLL_MS: '20' },
  });
  admin = (await login(server, '13800000001')).token;
  adminId = (await call(server, 'GET', '/me', { token: admin })).body.id;
});
afterAll(() => server.close());

const orm = () => server.running.orm;
const count = async (sql: string, params: unknown[] = []) => Number((await rows<{ n: number | string }>(orm(), sql, params))[0]!.n);

/** Files a request as a person would: a fresh code to their own number, then the form. */
async function file(who: Person, body: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const code = await requestCode(server, who.phone);
  return call(server, 'POST', '/privacy/requests', { token: who.token, body: { type: 'correction', details: DETAILS, code, ...body }, headers });
}

async function filed(who: Person, body: Record<string, unknown> = {}): Promise<{ id: string; dueAt: string; createdAt: string }> {
  const res = await file(who, body);
  if (res.status !== 201) throw new Error(`POST /privacy/requests answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const adminPost = (id: string, action: string, body?: unknown, token = admin) => call(server, 'POST', `/admin/privacy/requests/${id}/${action}`, { token, body });
const queue = (query = '', token = admin) => call(server, 'GET', `/admin/privacy/requests${query}`, { token });
const mine = (who: Person) => call(server, 'GET', '/privacy/requests', { token: who.token });

describe('filing a request', () => {
  it('re-verifies the identity, stores the request as received, due 15 days later, with a received event', async () => {
    const who = await approvedStaff(server, admin, BJ, ENDO, '周婷');
    const res = await file(who, { type: 'deletion', details: '请删除我三年前上传的工牌照片' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      type: 'deletion',
      status: 'received',
      details: '请删除我三年前上传的工牌照片',
      createdAt: expect.any(String),
      dueAt: expect.any(String),
      overdue: false,
      closedAt: null,
      outcome: null,
      refusalReason: null,
      events: [{ kind: 'received', note: null, by: 'user', createdAt: res.body.createdAt }],
    });
    expect(Date.parse(res.body.dueAt) - Date.parse(res.body.createdAt)).toBe(15 * DAY);
    const [row] = await rows<{ status: string; verified_at: unknown; user_id: string }>(orm(), 'select status, verified_at, user_id from privacy_request where id = ?', [res.body.id]);
    expect(row).toMatchObject({ status: 'received', user_id: who.id });
    expect(row!.verified_at).not.toBeNull();

    const list = await mine(who);
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
  });

  it('refuses a wrong, used, expired or someone else’s code with VERIFICATION_FAILED and stores nothing', async () => {
    const who = await login(server);
    const other = await login(server);
    const before = await count('select count(*) as n from privacy_request');
    const attempt = (code: string) =>
      call(server, 'POST', '/privacy/requests', { token: who.token, body: { type: 'access', details: '请提供我的全部个人信息副本', code } });

    const fresh = await requestCode(server, who.phone);
    const wrong = await attempt(fresh === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'VERIFICATION_FAILED', detail: '验证码不正确或已失效，请重新获取验证码' });

    // The right code works once; a second use of it is refused.
    expect((await attempt(fresh)).status).toBe(201);
    const used = await attempt(fresh);
    expect(used.status).toBe(422);
    expect(used.body.code).toBe('VERIFICATION_FAILED');

    // A code sent to another number proves nothing about this person.
    const othersCode = await requestCode(server, other.phone);
    expect((await attempt(othersCode)).body.code).toBe('VERIFICATION_FAILED');

    const stale = await requestCode(server, who.phone);
    clock.advance(5 * 60_000 + 1000);
    expect((await attempt(stale)).body.code).toBe('VERIFICATION_FAILED');

    // Only the one good attempt stored anything.
    expect(await count('select count(*) as n from privacy_request')).toBe(before + 1);
    expect((await mine(who)).body.items).toHaveLength(1);
  });

  it('checks the form with field errors before anything else', async () => {
    const who = await login(server);
    const res = await call(server, 'POST', '/privacy/requests', { token: who.token, body: { type: 'gossip', details: '短', code: '12ab' } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['code', 'details', 'type']);
  });

  it('honours Idempotency-Key: a retry gets the first request back (its code already used), another body is a 409', async () => {
    const who = await login(server);
    const key = randomUUID();
    const code = await requestCode(server, who.phone);
    const body = { type: 'transfer', details: '请把我的资料导出给新单位的信息科', code };
    const first = await call(server, 'POST', '/privacy/requests', { token: who.token, body, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    const retry = await call(server, 'POST', '/privacy/requests', { token: who.token, body, headers: { 'Idempotency-Key': key } });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const other = await call(server, 'POST', '/privacy/requests', { token: who.token, body: { ...body, type: 'access' }, headers: { 'Idempotency-Key': key } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await mine(who)).body.items).toHaveLength(1);

    // A double tap: both taps carry the same key and code; one request, the same answer to both.
    const tapKey = randomUUID();
    const tapBody = { type: 'access', details: '请提供我的浏览记录副本', code: await requestCode(server, who.phone) };
    const taps = await Promise.all([0, 1].map(() => call(server, 'POST', '/privacy/requests', { token: who.token, body: tapBody, headers: { 'Idempotency-Key': tapKey } })));
    expect(taps.map((t) => t.status)).toEqual([201, 201]);
    expect(taps[0]!.body.id).toBe(taps[1]!.body.id);
    expect((await mine(who)).body.items).toHaveLength(2);
  });

  it('is open to a person whose registration is still pending', async () => {
    const who = await login(server);
    expect((await register(server, who.token)).status).toBe(201);
    expect((await call(server, 'GET', '/me', { token: who.token })).body.status).toBe('pending');
    const res = await file(who, { type: 'explanation', details: '请说明为什么需要上传工牌照片' });
    expect(res.status).toBe(201);
    expect((await mine(who)).body.items).toHaveLength(1);
  });

  it('is open to a person whose account is being cancelled and who signed in again', async () => {
    const who = await approvedStaff(server, admin, BJ, ENDO, '冯雪');
    const cancelled = await call(server, 'POST', '/me/cancellation', { token: who.token, body: { confirm: true, code: await requestCode(server, who.phone) } });
    expect(cancelled.status).toBe(200);
    const again = await login(server, who.phone);
    expect((await call(server, 'GET', '/me', { token: again.token })).body.status).toBe('cancelling');
    const res = await file(again, { type: 'deletion', details: '注销后请删除我全部的工单照片' });
    expect(res.status).toBe(201);
    expect((await mine(again)).body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
  });

  it('does not depend on consenting to the policy first: exercising one’s rights is never behind the consent gate', async () => {
    const who = await login(server, undefined, { consent: false });
    expect((await call(server, 'GET', '/hospitals?q=北京', { token: who.token })).body.code).toBe('CONSENT_REQUIRED');
    const res = await file(who, { type: 'complaint', details: '我不同意隐私政策中向经销商提供信息的条款' });
    expect(res.status).toBe(201);
    expect((await mine(who)).status).toBe(200);
  });

  it('keeps the details sealed in the table: the raw rows hold no plain text', async () => {
    const who = await login(server);
    const secret = '我在仁和医院心内科的手机号是13912345678请更正';
    const req = await filed(who, { details: secret });
    const taken = await adminPost(req.id, 'take');
    expect(taken.status).toBe(200);
    expect((await adminPost(req.id, 'note', { note: '已核对科室登记记录，正在更正' })).status).toBe(200);
    expect((await adminPost(req.id, 'complete', { outcome: '已将您的手机号更正为新的号码' })).status).toBe(200);

    const [row] = await rows<Record<string, unknown>>(orm(), 'select * from privacy_request where id = ?', [req.id]);
    const dump = JSON.stringify(row);
    expect(dump).not.toContain('仁和医院');
    expect(dump).not.toContain('13912345678');
    expect(dump).not.toContain('已将您的手机号');
    expect(String(row!.details_sealed)).toMatch(/^v1\./);
    expect(String(row!.outcome_sealed)).toMatch(/^v1\./);
    const events = await rows<Record<string, unknown>>(orm(), 'select * from privacy_request_event where request_id = ?', [req.id]);
    expect(JSON.stringify(events)).not.toContain('科室登记');
    expect(events.filter((e) => e.note_sealed !== null).every((e) => String(e.note_sealed).startsWith('v1.'))).toBe(true);
    // Nor does the notice the person gets: it tells the kind of step only.
    const notices = await rows<{ title: string; body: string }>(orm(), "select title, body from notification where kind = 'privacy_update'");
    expect(JSON.stringify(notices)).not.toMatch(/仁和医院|科室登记|已将您的手机号/);
    // The API opens them again for the person.
    const view = (await mine(who)).body.items[0];
    expect(view).toMatchObject({ details: secret, outcome: '已将您的手机号更正为新的号码' });
  });
});

describe('handling a request', () => {
  it('runs the whole flow: take, note, complete; each step is an event, an audit row and an in-app notice; the person sees the history', async () => {
    const who = await approvedStaff(server, admin, BJ, ENDO, '吴倩');
    const whoId = (await call(server, 'GET', '/me', { token: who.token })).body.id;
    const req = await filed(who);

    const open = await queue();
    expect(open.status).toBe(200);
    const listed = open.body.items.find((r: { id: string }) => r.id === req.id);
    expect(listed).toMatchObject({ status: 'received', details: DETAILS, user: { id: whoId, name: '吴倩', hospital: BJ }, handledById: null, overdue: false });

    const taken = await adminPost(req.id, 'take');
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'in_progress', handledById: adminId });
    const noted = await adminPost(req.id, 'note', { note: '需要您所在科室出具职称证明，已联系科室秘书' });
    expect(noted.status).toBe(200);
    expect(noted.body.status).toBe('in_progress');
    const done = await adminPost(req.id, 'complete', { outcome: '已核实并将您的职称更正为主任医师' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: '已核实并将您的职称更正为主任医师', refusalReason: null, closedAt: expect.any(String), overdue: false });

    const detail = await call(server, 'GET', `/admin/privacy/requests/${req.id}`, { token: admin });
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e: { kind: string; by: string }) => `${e.kind}:${e.by}`)).toEqual(['received:user', 'taken:admin', 'note:admin', 'completed:admin']);

    // The person's view: the same history, the team named only as such.
    const view = (await mine(who)).body.items.find((r: { id: string }) => r.id === req.id);
    expect(view).toMatchObject({ status: 'completed', outcome: '已核实并将您的职称更正为主任医师' });
    expect(view.events).toEqual([
      { kind: 'received', note: null, by: 'user', createdAt: expect.any(String) },
      { kind: 'taken', note: null, by: 'admin', createdAt: expect.any(String) },
      { kind: 'note', note: '需要您所在科室出具职称证明，已联系科室秘书', by: 'admin', createdAt: expect.any(String) },
      { kind: 'completed', note: '已核实并将您的职称更正为主任医师', by: 'admin', createdAt: expect.any(String) },
    ]);
    const own = await call(server, 'GET', `/privacy/requests/${req.id}`, { token: who.token });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain(adminId);
    expect(JSON.stringify(own.body)).not.toContain('赵敏');
    expect(own.body).not.toHaveProperty('handledById');

    const audits = await rows<{ action: string; actor_id: string }>(
      orm(),
      "select action, actor_id from audit_event where subject_user_id = ? and action like 'privacy_request.%' order by id",
      [whoId],
    );
    expect(audits).toEqual([
      { action: 'privacy_request.taken', actor_id: adminId },
      { action: 'privacy_request.note', actor_id: adminId },
      { action: 'privacy_request.completed', actor_id: adminId },
    ]);
    expect(await count('select count(*) as n from privacy_request_event where request_id = ?', [req.id])).toBe(4);

    const notices = await eventually(async () => {
      const list = await call(server, 'GET', '/notifications?limit=50', { token: who.token });
      const items = (list.body.items as { kind: string; title: string; body: string }[]).filter((n) => n.kind === 'privacy_update');
      expect(items).toHaveLength(3);
      return items;
    });
    expect(notices.map((n) => n.title).sort()).toEqual(['个人信息申请已办结', '个人信息申请已受理', '个人信息申请有新的说明'].sort());
    expect(notices.find((n) => n.title === '个人信息申请已受理')!.body).toBe(`您的「更正」申请正在处理，我们会在 ${shanghaiDate(req.dueAt)} 前答复`);
  });

  it('refuses only on a listed legal ground, with an explanation; anything else is a 422 and changes nothing', async () => {
    const who = await login(server);
    const req = await filed(who, { type: 'deletion', details: '请删除我去年报修工单里的全部记录' });
    expect((await adminPost(req.id, 'take')).status).toBe(200);

    for (const body of [
      { reason: 'too_busy', outcome: '我们现在太忙，以后再说' },
      { reason: '', outcome: '没有理由的拒绝不被接受' },
      { outcome: '没有理由的拒绝不被接受' },
    ]) {
      const res = await adminPost(req.id, 'refuse', body);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'reason', message: '拒绝必须选择法定理由' }]);
    }
    const noWhy = await adminPost(req.id, 'refuse', { reason: 'legal_retention' });
    expect(noWhy.status).toBe(422);
    expect(noWhy.body.errors.map((e: { path: string }) => e.path)).toEqual(['outcome']);
    expect((await call(server, 'GET', `/admin/privacy/requests/${req.id}`, { token: admin })).body.status).toBe('in_progress');

    expect(REFUSAL_REASONS).toContain('legal_retention');
    const refused = await adminPost(req.id, 'refuse', { reason: 'legal_retention', outcome: '维修记录依法须保存五年，到期后将删除' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'legal_retention', outcome: '维修记录依法须保存五年，到期后将删除', closedAt: expect.any(String) });
    const view = (await mine(who)).body.items[0];
    expect(view).toMatchObject({ status: 'refused', refusalReason: 'legal_retention', outcome: '维修记录依法须保存五年，到期后将删除' });
    expect(view.events.map((e: { kind: string }) => e.kind)).toEqual(['received', 'taken', 'refused']);
    const [row] = await rows<{ refusal_reason: string }>(orm(), 'select refusal_reason from privacy_request where id = ?', [req.id]);
    expect(row!.refusal_reason).toBe('legal_retention');
    await eventually(async () => {
      const items = (await call(server, 'GET', '/notifications?limit=50', { token: who.token })).body.items as { kind: string; title: string }[];
      expect(items.filter((n) => n.kind === 'privacy_update').map((n) => n.title)).toEqual(['个人信息申请未予办理', '个人信息申请已受理']);
    });
  });

  it('answers state conflicts with 409 and moves a request once, even when two admins press at once', async () => {
    const who = await login(server);
    const req = await filed(who);

    const early = await adminPost(req.id, 'complete', { outcome: '已处理完毕，谢谢您的耐心' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'CONFLICT', detail: '请先受理这条申请，再办结' });
    expect((await adminPost(req.id, 'refuse', { reason: 'identity_unverified', outcome: '无法核实您的身份信息' })).status).toBe(409);

    const takes = await Promise.all([adminPost(req.id, 'take'), adminPost(req.id, 'take')]);
    expect(takes.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await adminPost(req.id, 'take')).body).toMatchObject({ code: 'CONFLICT', detail: '这条申请处理中，只有待受理的申请可以受理' });

    const closes = await Promise.all([
      adminPost(req.id, 'complete', { outcome: '已处理完毕，谢谢您的耐心' }),
      adminPost(req.id, 'complete', { outcome: '已处理完毕，谢谢您的耐心' }),
      adminPost(req.id, 'refuse', { reason: 'unfounded_or_repeated', outcome: '与上一次申请内容相同' }),
    ]);
    expect(closes.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const closedEvents = await count("select count(*) as n from privacy_request_event where request_id = ? and kind in ('completed', 'refused')", [req.id]);
    expect(closedEvents).toBe(1);
    expect(await count("select count(*) as n from audit_event where action in ('privacy_request.completed', 'privacy_request.refused') and reason like ?", [`%${req.id}%`])).toBe(1);

    const after = await adminPost(req.id, 'complete', { outcome: '再次办结这条申请' });
    expect(after.status).toBe(409);
    expect(after.body.detail).toMatch(/^这条申请已(办结|拒绝)，不能再办结$/);
    expect((await adminPost(req.id, 'note', { note: '补充一条说明' })).status).toBe(409);
    expect((await adminPost(randomUUID(), 'take')).status).toBe(404);
  });

  it('lists the queue by status with pagination; closed ones most recently closed first', async () => {
    const who = await login(server);
    const a = await filed(who, { details: '第一条申请，请更正我的科室' });
    const b = await filed(who, { details: '第二条申请，请更正我的职务' });
    for (const r of [a, b]) expect((await adminPost(r.id, 'take')).status).toBe(200);
    expect((await adminPost(a.id, 'complete', { outcome: '科室已更正为消化内镜中心' })).status).toBe(200);
    expect((await adminPost(b.id, 'complete', { outcome: '职务已更正为护士长' })).status).toBe(200);

    const completed = await queue('?status=completed');
    const ids = completed.body.items.map((r: { id: string }) => r.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(completed.body.items.every((r: { status: string }) => r.status === 'completed')).toBe(true);
    expect(typeof completed.body.overdueCount).toBe('number');

    // Page by page, nothing lost or repeated.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof queue>> = await queue(`?status=completed&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);

    expect((await queue('?status=received')).body.items.every((r: { status: string }) => r.status === 'received')).toBe(true);
    expect((await queue('?status=closed')).status).toBe(422);
  });
});

describe('who may see what', () => {
  it('keeps the queue to admins and each person to their own requests', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO, '郑丽');
    const other = await login(server);
    const req = await filed(staff);

    for (const res of [
      await queue('', staff.token),
      await call(server, 'GET', `/admin/privacy/requests/${req.id}`, { token: staff.token }),
      await adminPost(req.id, 'take', undefined, staff.token),
      await adminPost(req.id, 'note', { note: '我自己受理' }, staff.token),
      await adminPost(req.id, 'complete', { outcome: '我自己办结了这条申请' }, staff.token),
      await adminPost(req.id, 'refuse', { reason: 'public_interest', outcome: '我自己拒绝了这条申请' }, staff.token),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const engineer = (await login(server, '13800000002')).token;
    expect((await queue('', engineer)).status).toBe(403);

    expect((await call(server, 'GET', `/privacy/requests/${req.id}`, { token: other.token })).status).toBe(404);
    expect((await mine(other)).body.items).toEqual([]);
    expect((await call(server, 'GET', `/privacy/requests/${req.id}`, { token: staff.token })).status).toBe(200);
    expect((await call(server, 'GET', '/privacy/requests')).status).toBe(401);
    expect((await call(server, 'POST', '/privacy/requests', { body: { type: 'access', details: '请提供我的资料', code: '123456' } })).status).toBe(401);
    expect((await call(server, 'GET', '/admin/privacy/requests')).status).toBe(401);
  });
});

describe('notices', () => {
  it('tells the person in the app only: no WeChat copy, even with an OpenID and allowances (no_template)', async () => {
    // The demo staff member 李静 signs in through WeChat, binds her phone and accepts every template.
    const phone = '13800000004';
    await login(server, phone, { consent: ['service'] });
    const standIn = server.running.wechatStandIn!;
    const wx = await call(server, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode('oWx_privacy_0001').code, consent: await consentFor(server, ['service']) } });
    expect((await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode(phone).code } })).status).toBe(200);
    const token = wx.body.token as string;
    const accepted = await call(server, 'POST', '/notifications/subscriptions', {
      token,
      body: { results: { ticket_status: 'accept', ticket_comment: 'accept', sla_warning: 'accept', order_status: 'accept' } },
    });
    expect(accepted.status).toBe(200);
    const sentBefore = standIn.sentMessages().length;

    const req = await filed({ token, phone });
    expect((await adminPost(req.id, 'take')).status).toBe(200);
    const notice = await eventually(async () => {
      const list = await call(server, 'GET', '/notifications?limit=50', { token });
      const found = (list.body.items as { kind: string; title: string; read: boolean }[]).find((n) => n.kind === 'privacy_update');
      expect(found).toBeDefined();
      return found!;
    });
    expect(notice).toMatchObject({ title: '个人信息申请已受理', read: false, ticketId: null });
    await eventually(async () => {
      const [row] = await rows<{ wechat_state: string | null }>(orm(), "select wechat_state from notification where dedupe_key like 'privacy-request-event:%' and title = ? order by id desc", ['个人信息申请已受理']);
      expect(row!.wechat_state).toBe('skipped');
    });
    expect(server.logs.some((l) => l.msg === 'WeChat copy skipped' && l.kind === 'privacy_update' && l.reason === 'no_template')).toBe(true);
    expect(standIn.sentMessages().filter((m) => m.touser === 'oWx_privacy_0001')).toHaveLength(0);
    expect(standIn.sentMessages().length).toBe(sentBefore);
    expect((await call(server, 'GET', '/notifications/subscriptions', { token })).body.allowances).toEqual({ ticket_status: 1, ticket_comment: 1, sla_warning: 1, order_status: 1 });
  });
});

describe('due dates', () => {
  it('flags an open request 16 days old as overdue and not one 14 days old; closing it clears the flag', async () => {
    const who = await login(server);
    const old = await filed(who, { details: '较早的申请：请更正我的性别登记' });
    clock.advance(2 * DAY);
    const young = await filed(who, { details: '较晚的申请：请说明数据保存多久' });
    // Sessions idle out after 14 days: keep both in use as people would.
    for (let i = 0; i < 2; i++) {
      clock.advance(7 * DAY);
      expect((await call(server, 'GET', '/me', { token: admin })).status).toBe(200);
      expect((await call(server, 'GET', '/me', { token: who.token })).status).toBe(200);
    }
    // Now `old` is 16 days old, `young` 14.
    const views = (await mine(who)).body.items as { id: string; overdue: boolean }[];
    expect(views.find((r) => r.id === old.id)!.overdue).toBe(true);
    expect(views.find((r) => r.id === young.id)!.overdue).toBe(false);
    // Newest first for the person.
    expect(views.map((r) => r.id)).toEqual([young.id, old.id]);

    const overdue = await queue('?overdue=true&limit=100');
    const overdueIds = overdue.body.items.map((r: { id: string }) => r.id);
    expect(overdueIds).toContain(old.id);
    expect(overdueIds).not.toContain(young.id);
    expect(overdue.body.items.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
    const flagged = overdue.body.overdueCount as number;
    expect(flagged).toBeGreaterThanOrEqual(1);
    const notOverdue = (await queue('?overdue=false&limit=100')).body.items.map((r: { id: string }) => r.id);
    expect(notOverdue).toContain(young.id);
    expect(notOverdue).not.toContain(old.id);

    // The open queue puts the earliest due first.
    const open = (await queue('?limit=100')).body.items as { id: string; dueAt: string }[];
    expect(open.findIndex((r) => r.id === old.id)).toBeLessThan(open.findIndex((r) => r.id === young.id));
    const dues = open.map((r) => Date.parse(r.dueAt));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));

    expect((await adminPost(old.id, 'take')).status).toBe(200);
    expect((await adminPost(old.id, 'complete', { outcome: '性别登记已更正，感谢您的反馈' })).body).toMatchObject({ status: 'completed', overdue: false });
    const after = await queue('?overdue=true&limit=100');
    expect(after.body.items.map((r: { id: string }) => r.id)).not.toContain(old.id);
    expect(after.body.overdueCount).toBe(flagged - 1);
    expect((await mine(who)).body.items.find((r: { id: string }) => r.id === old.id).overdue).toBe(false);
  });
});

/** `2026-12-07` in Beijing time. */
function shanghaiDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}
