import { call, cameraJpeg, consentFor, login, register, upload } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  adminToken = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

describe('consent before collection', () => {
  it('serves the current policy in Chinese with separate purposes, sensitive ones marked', async () => {
    const res = await call(server, 'GET', '/privacy/policy');
    expect(res.status).toBe(200);
    expect(res.body.text).toContain('个人信息');
    const keys = res.body.purposes.map((p: { key: string }) => p.key);
    expect(keys).toEqual(['service', 'badge_photo', 'fault_media', 'location', 'dealer_sharing']);
    const required = res.body.purposes.filter((p: { required: boolean }) => p.required).map((p: { key: string }) => p.key);
    expect(required).toEqual(['service']);
    expect(res.body.purposes.find((p: { key: string }) => p.key === 'badge_photo').sensitive).toBe(true);
  });

  it('lets a person without consent see /me but refuses to store a profile (CONSENT_REQUIRED)', async () => {
    const { token } = await login(server, undefined, { consent: false });
    const me = await call(server, 'GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.consents).toEqual({ policyVersion: null, reconsentRequired: false, purposes: [], adult: false });
    const patch = await call(server, 'PATCH', '/me', { token, body: { name: '王五' } });
    expect(patch.status).toBe(403);
    expect(patch.body.code).toBe('CONSENT_REQUIRED');
    const reg = await call(server, 'POST', '/registration', { token, body: { name: '王五' } });
    expect(reg.body.code).toBe('CONSENT_REQUIRED');
    const granted = await call(server, 'POST', '/privacy/consents', { token, body: await consentFor(server, ['service']) });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ purposes: ['service'], adult: true });
    expect((await call(server, 'PATCH', '/me', { token, body: { name: '王五' } })).status).toBe(200);
  });

  it('requires the 18+ statement and the policy itself', async () => {
    const { token } = await login(server, undefined, { consent: false });
    const version = (await consentFor(server)).policyVersion;
    const noAdult = await call(server, 'POST', '/privacy/consents', { token, body: { policyVersion: version, purposes: ['service'], adult: false } });
    expect(noAdult.status).toBe(422);
    expect(noAdult.body.errors).toEqual([expect.objectContaining({ path: 'adult' })]);
    const noService = await call(server, 'POST', '/privacy/consents', { token, body: { policyVersion: version, purposes: ['location'], adult: true } });
    expect(noService.status).toBe(403);
    expect(noService.body.code).toBe('CONSENT_REQUIRED');
  });

  it('refuses consent to a policy version that is not the current one (409)', async () => {
    const { token } = await login(server, undefined, { consent: false });
    const res = await call(server, 'POST', '/privacy/consents', { token, body: { policyVersion: '0.9', purposes: ['service'], adult: true } });
    expect(res.status).toBe(409);
  });

  it('asks separately for the badge photo; withdrawing it stops badge uploads but nothing else', async () => {
    const { token } = await login(server, undefined, { consent: ['service'] });
    const refused = await upload(server, token, 'badge', await cameraJpeg());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CONSENT_REQUIRED');
    await call(server, 'POST', '/privacy/consents', { token, body: await consentFor(server, ['badge_photo']) });
    expect((await upload(server, token, 'badge', await cameraJpeg())).status).toBe(201);
    const withdrawn = await call(server, 'DELETE', '/privacy/consents/badge_photo', { token });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.purposes).toEqual(['service']);
    expect((await upload(server, token, 'badge', await cameraJpeg())).body.code).toBe('CONSENT_REQUIRED');
    expect((await call(server, 'GET', '/hospitals?q=上海', { token })).status).toBe(200);
  });

  it('cannot withdraw the policy itself while the account exists', async () => {
    const { token } = await login(server);
    expect((await call(server, 'DELETE', '/privacy/consents/service', { token })).status).toBe(409);
  });

  it('keeps every grant and withdrawal in an append-only log with the hash of the text shown', async () => {
    const { token, user } = await login(server, undefined, { consent: ['service', 'location'] });
    void user;
    const me = await call(server, 'GET', '/me', { token });
    await call(server, 'DELETE', '/privacy/consents/location', { token });
    const events = await rows<{ action: string; purposes: string; text_hash: string }>(
      server.running.orm,
      'select action, purposes, text_hash from consent_event where user_id = ? order by created_at, id',
      [me.body.id],
    );
    expect(events.map((e) => e.action)).toEqual(['grant', 'withdraw']);
    expect(events[0]!.text_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('re-consent after a material policy change', () => {
  it('blocks every call but the consent flow until the new version is accepted', async () => {
    const own = await startTestServer({ env: { DEMO_SEED: 'true' } });
    try {
      const admin = (await login(own, '13800000001')).token;
      const user = (await login(own)).token;
      expect((await call(own, 'GET', '/hospitals?q=北京', { token: user })).status).toBe(200);

      const minor = await call(own, 'POST', '/admin/privacy/policies', {
        token: admin,
        body: { version: '1.1', title: 'ScopeDesk 隐私政策', text: '仅修改了错别字，不影响您的权利和我们的处理方式。'.repeat(2), material: false },
      });
      expect(minor.status).toBe(201);
      expect((await call(own, 'GET', '/hospitals?q=北京', { token: user })).status).toBe(200);

      const material = await call(own, 'POST', '/admin/privacy/policies', {
        token: admin,
        body: { version: '2.0', title: 'ScopeDesk 隐私政策', text: '新增：向受托经销商提供工单信息的范围调整为……'.repeat(3), material: true },
      });
      expect(material.status).toBe(201);
      const blocked = await call(own, 'GET', '/hospitals?q=北京', { token: user });
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('RECONSENT_REQUIRED');
      const me = await call(own, 'GET', '/me', { token: user });
      expect(me.status).toBe(200);
      expect(me.body.consents.reconsentRequired).toBe(true);
      expect((await call(own, 'GET', '/privacy/policy')).body.version).toBe('2.0');

      const accepted = await call(own, 'POST', '/privacy/consents', { token: user, body: { policyVersion: '2.0', purposes: ['service'], adult: true } });
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ policyVersion: '2.0', reconsentRequired: false });
      expect((await call(own, 'GET', '/hospitals?q=北京', { token: user })).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('lets only privacy admins publish a policy', async () => {
    const { token } = await login(server);
    const res = await call(server, 'POST', '/admin/privacy/policies', { token, body: { version: '9.0', title: 'x', text: 'y'.repeat(30), material: true } });
    expect(res.status).toBe(403);
    void adminToken;
  });
});
