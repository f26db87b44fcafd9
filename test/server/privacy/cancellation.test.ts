import type { AppDeps } from '../../../server/src/app-deps';
import { parseEnv } from '../../../server/src/config/env';
import { runJob } from '../../../server/src/core/jobs/job-runner';
import { nightlyPeriod } from '../../../server/src/core/jobs/periods';
import { createLogger } from '../../../server/src/core/logger';
import { createStorage } from '../../../server/src/integrations/storage/storage.factory';
import { cancellationPurgeJob } from '../../../server/src/modules/cancellation/cancellation-purge.job';
import { UserPii } from '../../../server/src/modules/users/user.pii';
import { approvedStaff, call, consentFor, freshPhone, login, requestCode } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, testDialect, TestClock, type TestServer } from '../../support/test-server';

/**
 * Account cancellation (privacy.md, "Deletion and account cancellation";
 * PIPL Art. 47): confirmed with a fresh SMS code to one's own number, every
 * session ends at once, signing in again during the grace period lands on
 * the cancelling account (profile and privacy centre only) which may undo
 * it; afterwards the purge job deletes it. The full purge is purge.test.ts.
 */
const DAY = 24 * 3600_000;
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

const clock = new TestClock();
let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({
    clock,
    env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_PHONE_DAILY_LIMIT: '100', SMS_COOLDOWN_SECONDS: '1' },
  });
  admin = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

const standIn = () => server.running.wechatStandIn!;
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const cancel = (token: string, body: unknown) => call(server, 'POST', '/me/cancellation', { token, body });
const userRow = async (id: string) =>
  (
    await rows<{ status: string; status_before_cancellation: string | null; purge_after: unknown; phone_index: string | null; purged_at: unknown }>(
      server.running.orm,
      'select status, status_before_cancellation, purge_after, phone_index, purged_at from app_user where id = ?',
      [id],
    )
  )[0];
const audits = async (userId: string, action: string) =>
  rows(server.running.orm, 'select id from audit_event where subject_user_id = ? and action = ?', [userId, action]);
const runPurge = async () => {
  const res = await call(server, 'POST', '/admin/jobs/cancellation-purge/run', { token: admin });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ job: 'cancellation-purge', status: 'succeeded' });
  return res.body.result as Record<string, number>;
};

async function wechatLogin(openid: string) {
  const { code } = standIn().issueLoginCode(openid);
  return call(server, 'POST', '/auth/wechat', { body: { code, consent: await consentFor(server, ['service']) } });
}

let staff: { token: string; phone: string; id: string };
let unregistered: { phone: string; openid: string; id: string };

describe('GET /me/cancellation', () => {
  it('shows no cancellation, and the grace period the user is promised', async () => {
    staff = await approvedStaff(server, admin, BJ, ENDO, '周敏');
    const res = await call(server, 'GET', '/me/cancellation', { token: staff.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'none', requestedAt: null, purgeAfter: null, graceDays: 15 });
    expect((await call(server, 'GET', '/me/cancellation')).status).toBe(401);
  });
});

describe('POST /me/cancellation', () => {
  it('needs the confirmation and a fresh code sent to the person’s own number; otherwise nothing changes', async () => {
    const code = await requestCode(server, staff.phone);
    const unconfirmed = await cancel(staff.token, { confirm: false, code });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.errors).toEqual([expect.objectContaining({ path: 'confirm' })]);

    const wrong = await cancel(staff.token, { confirm: true, code: wrongCode(code) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('VERIFICATION_FAILED');

    // A valid code for somebody else's number proves nothing about this person.
    const otherCode = await requestCode(server, freshPhone());
    expect((await cancel(staff.token, { confirm: true, code: otherCode })).body.code).toBe('VERIFICATION_FAILED');

    expect((await userRow(staff.id))!.status).toBe('active');
    expect((await call(server, 'GET', '/tickets', { token: staff.token })).status).toBe(200);
  });

  it('cancels: the account is cancelling until now + 15 days, and every session ends at once — this one on its next request', async () => {
    const second = await login(server, staff.phone);
    const code = await requestCode(server, staff.phone);
    const before = clock.now().getTime();
    const res = await cancel(staff.token, { confirm: true, code });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'cancelling', requestedAt: expect.any(String), purgeAfter: expect.any(String), graceDays: 15 });
    const purgeAfter = Date.parse(res.body.purgeAfter);
    expect(purgeAfter).toBeGreaterThanOrEqual(before + 15 * DAY);
    expect(purgeAfter).toBeLessThanOrEqual(clock.now().getTime() + 15 * DAY);

    for (const token of [staff.token, second.token]) {
      const me = await call(server, 'GET', '/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('UNAUTHENTICATED');
    }
    expect(await userRow(staff.id)).toMatchObject({ status: 'cancelling', status_before_cancellation: 'active', purged_at: null });
    const live = await rows(server.running.orm, 'select id from user_session where user_id = ? and revoked_at is null', [staff.id]);
    expect(live).toEqual([]);
    expect(await audits(staff.id, 'account.cancel')).toHaveLength(1);
  });

  it('signing in again during the grace period lands on the cancelling account: its profile and privacy centre, nothing else', async () => {
    const back = await login(server, staff.phone);
    expect(back.user).toMatchObject({ id: staff.id, status: 'cancelling' });
    const me = await call(server, 'GET', '/me', { token: back.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: staff.id, status: 'cancelling', profile: { name: '周敏' } });
    expect(me.body.permissions).not.toContain('tickets.read');

    const view = await call(server, 'GET', '/me/cancellation', { token: back.token });
    expect(view.body).toMatchObject({ status: 'cancelling', purgeAfter: expect.any(String) });
    expect((await call(server, 'GET', '/me/provisions', { token: back.token })).status).toBe(200);

    for (const [method, path] of [['GET', '/tickets'], ['GET', '/points'], ['GET', '/chats'], ['GET', '/redemptions'], ['GET', '/addresses']] as const) {
      const res = await call(server, method, path, { token: back.token });
      expect([path, res.status]).toEqual([path, 403]);
    }
    const again = await cancel(back.token, { confirm: true, code: await requestCode(server, staff.phone) });
    expect(again.status).toBe(409);
    staff.token = back.token;
  });

  it('a WeChat-only account must first bind a phone to re-verify (no code can reach it)', async () => {
    const wx = await wechatLogin('oWx_cancel_nophone_01');
    const res = await cancel(wx.body.token, { confirm: true, code: '123456' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VERIFICATION_FAILED');
    expect(res.body.detail).toContain('绑定手机号');
  });
});

describe('DELETE /me/cancellation', () => {
  it('undoes it during the grace period: the status the account had comes back, and so does everything it may do', async () => {
    const res = await call(server, 'DELETE', '/me/cancellation', { token: staff.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'none', requestedAt: null, purgeAfter: null, graceDays: 15 });
    expect(await userRow(staff.id)).toMatchObject({ status: 'active', status_before_cancellation: null, purge_after: null });
    expect((await call(server, 'GET', '/me', { token: staff.token })).body.status).toBe('active');
    expect((await call(server, 'GET', '/tickets', { token: staff.token })).status).toBe(200);
    expect(await audits(staff.id, 'account.cancel.undo')).toHaveLength(1);
  });

  it('answers 409 when the account is not being cancelled', async () => {
    const res = await call(server, 'DELETE', '/me/cancellation', { token: staff.token });
    expect(res.status).toBe(409);
  });
});

describe('a person who never registered', () => {
  it('may cancel too (a WeChat account with a bound phone), and signs in again by WeChat onto the cancelling account', async () => {
    const openid = 'oWx_cancel_unreg_02';
    const phone = freshPhone();
    const wx = await wechatLogin(openid);
    const { code: phoneCode } = standIn().issuePhoneCode(phone);
    expect((await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: phoneCode } })).status).toBe(200);
    const id = (await call(server, 'GET', '/me', { token: wx.body.token })).body.id;
    unregistered = { phone, openid, id };

    const res = await cancel(wx.body.token, { confirm: true, code: await requestCode(server, phone) });
    expect(res.status).toBe(200);
    expect((await call(server, 'GET', '/me', { token: wx.body.token })).status).toBe(401);
    expect(await userRow(id)).toMatchObject({ status: 'cancelling', status_before_cancellation: 'unregistered' });

    const again = await wechatLogin(openid);
    expect(again.status).toBe(200);
    expect(again.body.user).toMatchObject({ id, status: 'cancelling' });
    expect((await call(server, 'GET', '/me/cancellation', { token: again.body.token })).body.status).toBe('cancelling');
  });

  it('is left alone by the purge before the grace period ends', async () => {
    const result = await runPurge();
    expect(result.accounts).toBe(0);
    expect((await userRow(unregistered.id))!.phone_index).not.toBeNull();
  });

  it('is removed whole by the purge after it; the same phone or WeChat then starts from nothing, and an undone cancellation is untouched', async () => {
    clock.advance(15 * DAY + 3600_000);
    admin = (await login(server, '13800000001')).token; // the old session idled out meanwhile
    const result = await runPurge();
    expect(result).toMatchObject({ accounts: 1, accountsDeleted: 1 });
    expect(await userRow(unregistered.id)).toBeUndefined();
    expect(await audits(unregistered.id, 'account.purge')).toHaveLength(1);
    expect(await rows(server.running.orm, 'select id from user_session where user_id = ?', [unregistered.id])).toEqual([]);

    const bySms = await login(server, unregistered.phone);
    expect(bySms.user).toBeNull();
    const fresh = (await call(server, 'GET', '/me', { token: bySms.token })).body;
    expect(fresh.id).not.toBe(unregistered.id);
    expect(fresh).toMatchObject({ status: 'unregistered', profile: { wechatBound: false } });
    const byWechat = await wechatLogin(unregistered.openid);
    expect((await call(server, 'GET', '/me', { token: byWechat.body.token })).body.id).not.toBe(unregistered.id);

    // The account whose cancellation was undone kept everything.
    const kept = await login(server, staff.phone);
    expect(kept.user).toMatchObject({ id: staff.id, status: 'active', profile: { name: '周敏' } });

    // Nothing is due any more: a second run finds nothing.
    expect((await runPurge()).accounts).toBe(0);
  });
});

describe('the nightly run', () => {
  /** What the scheduler hands the job: this server's database, keys, storage and clock. */
  function jobDeps(): AppDeps {
    const env = parseEnv({ NODE_ENV: 'test', DATABASE_URL: testDialect() === 'postgresql' ? 'postgres://127.0.0.1/unused' : 'sqlite::memory:' });
    const cipher = server.running.cipher;
    return {
      env,
      orm: server.running.orm,
      clock,
      logger: createLogger({ level: 'silent' }),
      cipher,
      pii: new UserPii(cipher),
      storage: createStorage({ driver: 'local', dataDir: server.dataDir }),
    } as unknown as AppDeps;
  }

  it('purges what is due once per night, like any scheduled job', async () => {
    const person = await approvedStaff(server, admin, BJ, ENDO, '陶然');
    expect((await cancel(person.token, { confirm: true, code: await requestCode(server, person.phone) })).status).toBe(200);
    clock.advance(15 * DAY + 60_000);

    const deps = jobDeps();
    const period = nightlyPeriod(clock.now());
    expect(period).toMatch(/^night:\d{4}-\d{2}-\d{2}$/);
    const first = await runJob(deps, cancellationPurgeJob, { period, trigger: 'schedule' });
    expect(first.ran).toBe(true);
    expect(first.record).toMatchObject({ status: 'succeeded', trigger: 'schedule', result: { accounts: 1, accountsDeleted: 0 } });
    expect(await userRow(person.id)).toMatchObject({ status: 'cancelling', phone_index: null });
    expect((await userRow(person.id))!.purged_at).not.toBeNull();

    const again = await runJob(deps, cancellationPurgeJob, { period, trigger: 'schedule' });
    expect(again.ran).toBe(false);
    expect(again.record.id).toBe(first.record.id);

    // The purged account is gone for signing in: its number starts a new person.
    const back = await login(server, person.phone);
    expect(back.user).toBeNull();
    expect((await call(server, 'GET', '/me', { token: back.token })).body.id).not.toBe(person.id);
  });
});
