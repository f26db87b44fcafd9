import { call, login } from '../../support/api';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * `POST /me/sms-code`: re-verification texts the number the server holds —
 * the app only ever has it masked — and the code proves the person before
 * cancelling the account or filing a privacy request.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { SMS_COOLDOWN_SECONDS: '1', SMS_IP_DAILY_LIMIT: '1000' } });
});
afterAll(() => server.close());

it('sends a code to the caller’s own number, which then confirms a cancellation', async () => {
  const person = await login(server);
  await new Promise((r) => setTimeout(r, 1100)); // the sign-in code's cooldown
  const sent = await call(server, 'POST', '/me/sms-code', { token: person.token });
  expect(sent.status).toBe(202);
  expect(sent.body.devCode).toMatch(/^\d{6}$/);
  // The body names no number: nothing for a client to tamper with.
  expect(JSON.stringify(sent.body)).not.toContain(person.phone);

  const wrong = await call(server, 'POST', '/me/cancellation', { token: person.token, body: { confirm: true, code: sent.body.devCode === '000000' ? '111111' : '000000' } });
  expect(wrong.status).toBe(422);
  const cancelled = await call(server, 'POST', '/me/cancellation', { token: person.token, body: { confirm: true, code: sent.body.devCode } });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelling');
});

it('is for signed-in people only', async () => {
  expect((await call(server, 'POST', '/me/sms-code', {})).status).toBe(401);
});
