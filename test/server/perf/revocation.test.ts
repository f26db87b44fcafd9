import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { call, consentFor, login } from '../../support/api';
import { startTestServer, testDatabase, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * Decision 014: each request resolves its actor in one statement and keeps
 * nothing between requests, so a change made through one server instance is
 * in force on the very next request to another. Two instances on one
 * database: every change goes through A, the next request goes to B (which
 * has just served the same token, so anything it cached would show).
 */
const ENV = { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_PHONE_DAILY_LIMIT: '100', SMS_COOLDOWN_SECONDS: '1' };
const BJ = '北京东华医院';

let database: ScratchDatabase;
let a: TestServer;
let b: TestServer;
let admin: string;

beforeAll(async () => {
  database = await testDatabase({ file: true });
  a = await startTestServer({ env: ENV, database });
  b = await startTestServer({ env: ENV, database });
  admin = (await login(a, '13800000001')).token;
});
afterAll(async () => {
  await a.close();
  await b.close();
  await database.drop();
});

const me = (server: TestServer, token: string) => call(server, 'GET', '/me', { token });
const descriptions = async (server: TestServer, token: string) =>
  ((await call(server, 'GET', '/tickets?limit=100', { token })).body.items as { description: string }[]).map((t) => t.description).sort();

it('logout and sign-out-everywhere end the session on the other instance', async () => {
  const one = await login(a, '13800000004');
  const two = await login(a, '13800000004');
  expect((await me(b, one.token)).status).toBe(200);
  expect((await call(a, 'POST', '/auth/logout', { token: one.token })).status).toBe(204);
  expect((await me(b, one.token)).status).toBe(401);

  const id = (await me(b, two.token)).body.id;
  expect((await call(a, 'POST', `/admin/accounts/${id}/revoke-sessions`, { token: admin, body: { reason: '手机遗失' } })).status).toBe(200);
  expect((await me(b, two.token)).status).toBe(401);
});

it('a disabled account is refused by the other instance on its next request', async () => {
  const person = await login(a, '13800000003');
  expect((await call(b, 'GET', '/tickets', { token: person.token })).status).toBe(200);
  const id = (await me(b, person.token)).body.id;
  expect((await call(a, 'POST', `/admin/accounts/${id}/disable`, { token: admin, body: { reason: '离职' } })).status).toBe(200);
  expect((await call(b, 'GET', '/tickets', { token: person.token })).status).toBe(401);
  expect((await call(a, 'POST', `/admin/accounts/${id}/enable`, { token: admin, body: {} })).status).toBe(200);
});

it('a role change applies on the other instance, both ways, with the same token', async () => {
  const engineer = await login(a, '13800000002');
  const id = (await me(b, engineer.token)).body.id;
  expect((await call(b, 'GET', '/admin/accounts', { token: engineer.token })).status).toBe(403);
  expect((await call(a, 'POST', `/admin/accounts/${id}/role`, { token: admin, body: { role: 'admin', reason: '调任' } })).status).toBe(200);
  expect((await call(b, 'GET', '/admin/accounts', { token: engineer.token })).status).toBe(200);
  expect((await call(a, 'POST', `/admin/accounts/${id}/role`, { token: admin, body: { role: 'engineer', reason: '回到维修' } })).status).toBe(200);
  expect((await call(b, 'GET', '/admin/accounts', { token: engineer.token })).status).toBe(403);
});

it('revoking advanced access hides the managed departments’ tickets on the other instance', async () => {
  const head = await login(a, '13800000005');
  await insertTicket(a.running.orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName: '消化内镜中心', description: 'managed-only' });
  expect(await descriptions(b, head.token)).toContain('managed-only');
  const id = (await me(b, head.token)).body.id;
  expect((await call(a, 'POST', `/admin/users/${id}/revoke-advanced`, { token: admin, body: { reason: '岗位调整' } })).status).toBe(204);
  expect(await descriptions(b, head.token)).not.toContain('managed-only');
  expect((await me(b, head.token)).body).toMatchObject({ tier: 'general', managedDepartments: [] });
});

it('withdrawing dealer sharing hides the reporter’s tickets from the dealer on the other instance', async () => {
  const staff = await login(a, '13800000004', { consent: ['service', 'dealer_sharing'] });
  const dealer = await login(a, '13800000003');
  await insertTicket(a.running.orm, {
    reporterPhone: '13800000004',
    hospitalName: BJ,
    departmentName: '消化内镜中心',
    description: 'shared-with-dealer',
    delegatedTo: { dealerName: '华东医疗器械技术服务有限公司', purpose: 'onsite_check' },
  });
  expect(await descriptions(b, dealer.token)).toContain('shared-with-dealer');
  expect((await call(a, 'DELETE', '/privacy/consents/dealer_sharing', { token: staff.token })).status).toBe(200);
  expect(await descriptions(b, dealer.token)).not.toContain('shared-with-dealer');
});

it('a material policy published on one instance asks for consent again on the other', async () => {
  const staff = await login(a, '13800000004');
  expect((await call(b, 'GET', '/tickets', { token: staff.token })).status).toBe(200);
  const published = await call(a, 'POST', '/admin/privacy/policies', {
    token: admin,
    body: { version: '9.0', title: 'ScopeDesk 隐私政策', text: '新增：向受托经销商提供工单信息的范围调整为……'.repeat(3), material: true },
  });
  expect(published.status).toBe(201);
  const blocked = await call(b, 'GET', '/tickets', { token: staff.token });
  expect(blocked.status).toBe(403);
  expect(blocked.body.code).toBe('RECONSENT_REQUIRED');
  expect((await me(b, staff.token)).body.consents.reconsentRequired).toBe(true);
  expect((await call(b, 'POST', '/privacy/consents', { token: staff.token, body: await consentFor(b, ['service']) })).status).toBe(201);
  expect((await call(a, 'GET', '/tickets', { token: staff.token })).status).toBe(200);
});
