import { call, consentFor, freshPhone, login, requestCode } from '../../support/api';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';

const clock = new TestClock();
let server: TestServer;
beforeAll(async () => {
  // A 1 s cooldown lets one phone sign in twice here; the 60 s default has its own test below.
  server = await startTestServer({ clock, env: { SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' } });
});
afterAll(() => server.close());

const verify = (phone: string, code: string) => call(server, 'POST', '/auth/sms/verify', { body: { phone, code } });

describe('SMS sign-in', () => {
  it('sends a 6-digit code (shown by the development provider) and signs a new person in as unregistered', async () => {
    const phone = freshPhone();
    const sent = await call(server, 'POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ cooldownSeconds: 1, devCode: expect.stringMatching(/^\d{6}$/) });
    const res = await verify(phone, sent.body.devCode);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String), user: null });
    expect(Buffer.from(res.body.token, 'base64url')).toHaveLength(32);
    const me = await call(server, 'GET', '/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ status: 'unregistered', roles: ['staff'], profile: { phone: `${phone.slice(0, 3)}****${phone.slice(7)}` } });
  });

  it('refuses a wrong code, and kills the code after five wrong tries', async () => {
    const phone = freshPhone();
    const code = await requestCode(server, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await verify(phone, wrong);
    expect(first.status).toBe(422);
    expect(first.body.code).toBe('VERIFICATION_FAILED');
    for (let i = 0; i < 4; i++) expect((await verify(phone, wrong)).status).toBe(422);
    expect((await verify(phone, code)).status).toBe(422);
  });

  it('uses a code once', async () => {
    const phone = freshPhone();
    const code = await requestCode(server, phone);
    expect((await verify(phone, code)).status).toBe(200);
    expect((await verify(phone, code)).body.code).toBe('VERIFICATION_FAILED');
  });

  it('lets a code expire after five minutes', async () => {
    const phone = freshPhone();
    const code = await requestCode(server, phone);
    clock.advance(5 * 60_000 + 1000);
    expect((await verify(phone, code)).body.code).toBe('VERIFICATION_FAILED');
  });

  it('accepts exactly one of two simultaneous uses of a code', async () => {
    const phone = freshPhone();
    const code = await requestCode(server, phone);
    const results = await Promise.all([verify(phone, code), verify(phone, code), verify(phone, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422, 422]);
  });

  it('refuses a malformed phone number or code with field errors', async () => {
    const res = await call(server, 'POST', '/auth/sms/send', { body: { phone: '12345', purpose: 'login' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'phone' })]);
    const bad = await verify(freshPhone(), 'abc');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'code' })]);
  });

  it('issues a new token on every sign-in; logout ends that session at once and only that one', async () => {
    const phone = freshPhone();
    const a = await login(server, phone);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await login(server, phone);
    expect(a.token).not.toBe(b.token);
    expect((await call(server, 'POST', '/auth/logout', { token: a.token })).status).toBe(204);
    const after = await call(server, 'GET', '/me', { token: a.token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await call(server, 'GET', '/me', { token: b.token })).status).toBe(200);
  });

  it('ends a session left idle for 14 days', async () => {
    const { token } = await login(server);
    expect((await call(server, 'GET', '/me', { token })).status).toBe(200);
    clock.advance(14 * 24 * 3600_000 + 60_000);
    expect((await call(server, 'GET', '/me', { token })).status).toBe(401);
  });

  it('records the consent sent with the first sign-in', async () => {
    const phone = freshPhone();
    const code = await requestCode(server, phone);
    const consent = await consentFor(server, ['service', 'location']);
    const res = await call(server, 'POST', '/auth/sms/verify', { body: { phone, code, consent } });
    const me = await call(server, 'GET', '/me', { token: res.body.token });
    expect(me.body.consents).toEqual({ policyVersion: consent.policyVersion, reconsentRequired: false, purposes: ['service', 'location'], adult: true });
  });

  it('keeps phone numbers and codes out of the log', async () => {
    const phone = freshPhone();
    const code = await requestCode(server, phone);
    await verify(phone, code);
    const logText = JSON.stringify(server.logs.filter((l) => l.msg !== 'dev SMS' && !String(l.msg).includes('dev SMS')));
    expect(logText).not.toContain(phone);
  });
});

describe('SMS sending caps', () => {
  it('makes a phone wait 60 s between codes: 429 with Retry-After', async () => {
    const strict = await startTestServer();
    try {
      const phone = freshPhone();
      const first = await call(strict, 'POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
      expect(first.body.cooldownSeconds).toBe(60);
      const again = await call(strict, 'POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
      expect(again.status).toBe(429);
      expect(again.body.code).toBe('RATE_LIMITED');
      const retryAfter = Number(again.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
    } finally {
      await strict.close();
    }
  });

  it('caps codes per client IP per day', async () => {
    const capped = await startTestServer({ env: { SMS_IP_DAILY_LIMIT: '2' } });
    try {
      await requestCode(capped, freshPhone());
      await requestCode(capped, freshPhone());
      const third = await call(capped, 'POST', '/auth/sms/send', { body: { phone: freshPhone(), purpose: 'login' } });
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(3600);
    } finally {
      await capped.close();
    }
  });
});
