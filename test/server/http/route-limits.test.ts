import { createApp } from '../../../server/src/app';
import type { AppDeps } from '../../../server/src/app-deps';
import { parseEnv } from '../../../server/src/config/env';
import { systemClock } from '../../../server/src/core/clock';
import { createLogger } from '../../../server/src/core/logger';
import { routeLimitKind } from '../../../server/src/http/route-limits';
import { call, cameraJpeg, freshPhone, login, upload } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('every sign-in and costly route declares a request-rate limit', () => {
  const { routes } = createApp({ env: parseEnv({ NODE_ENV: 'test' }), logger: createLogger({ level: 'silent' }), clock: systemClock, version: '0.0.0' } as unknown as AppDeps);
  const all = [...routes.values()];

  it.each(all.filter((r) => r.path.startsWith('/auth')).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s is limited per address', (_n, r) => {
    expect(routeLimitKind(r)).toBe('auth');
  });
  it.each(all.filter((r) => r.upload).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s is limited as an upload', (_n, r) => {
    expect(routeLimitKind(r)).toBe('upload');
  });
  it.each(all.filter((r) => r.method !== 'get').map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s is limited', (_n, r) => {
    expect(routeLimitKind(r)).not.toBeNull();
  });
  it('exports are limited as exports', () => {
    expect(routeLimitKind(routes.get('GET /me/export')!)).toBe('export');
    expect(routeLimitKind(routes.get('GET /admin/redemptions/export.csv')!)).toBe('export');
  });
});

const expectLimited = async (res: Awaited<ReturnType<typeof call>>) => {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.code).toBe('RATE_LIMITED');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
};

describe('a sign-in route over its limit answers 429 problem+json with Retry-After and changes nothing', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_RATE_PER_MINUTE: '6' }, background: { outbox: false } });
  }, 60_000);
  afterAll(() => server.close());

  it('per address: the seventh code request in a minute is refused and no code is made', async () => {
    for (let i = 0; i < 6; i++) expect((await call(server, 'POST', '/auth/sms/send', { body: { phone: freshPhone(), purpose: 'login' } })).status).toBe(202);
    const [before] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from sms_code');
    await expectLimited(await call(server, 'POST', '/auth/sms/send', { body: { phone: freshPhone(), purpose: 'login' } }));
    const [after] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from sms_code');
    expect(Number(after!.n)).toBe(Number(before!.n));
  });
});

describe('writes and uploads over their limits answer 429 problem+json and store nothing', () => {
  let server: TestServer;
  let staff: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { DEMO_SEED: 'true', WRITE_RATE_PER_MINUTE: '3', UPLOAD_RATE_PER_MINUTE: '2' }, background: { outbox: false } });
    staff = (await login(server, '13800000004', { consent: ['service', 'fault_media'] })).token;
  }, 60_000);
  afterAll(() => server.close());

  it('writes, per person: the fourth report in a minute is refused and not stored; another person is not held back', async () => {
    const colleague = (await login(server, '13800000005', { consent: ['service'] })).token;
    const me = await call(server, 'GET', '/me', { token: staff });
    const body = { departmentId: me.body.profile.department.id, model: 'GIF-H290', serial: 'RL0001', description: '限流测试：图像有黑点。', contactName: '李静', contactPhone: '13800000004', contactConsent: false };
    for (let i = 0; i < 3; i++) expect((await call(server, 'POST', '/tickets', { token: staff, body })).status).toBe(201);
    const count = async () => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from ticket where description = ?', [body.description]))[0]!.n);
    expect(await count()).toBe(3);
    await expectLimited(await call(server, 'POST', '/tickets', { token: staff, body }));
    expect(await count()).toBe(3);

    const theirs = await call(server, 'GET', '/me', { token: colleague });
    const other = await call(server, 'POST', '/tickets', { token: colleague, body: { ...body, departmentId: theirs.body.profile.department.id, contactPhone: '13800000005' } });
    expect(other.status).toBe(201);
    expect(await count()).toBe(4);
  });

  it('uploads, per person: the third file in a minute is refused before it is read', async () => {
    const photo = await cameraJpeg();
    const [before] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from stored_file');
    for (let i = 0; i < 2; i++) expect((await upload(server, staff, 'ticket_photo', photo)).status).toBe(201);
    await expectLimited(await upload(server, staff, 'ticket_photo', photo));
    const [after] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from stored_file');
    expect(Number(after!.n)).toBe(Number(before!.n) + 2);
  });
});
