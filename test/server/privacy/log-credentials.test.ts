import { credentialLeaks } from '../../support/log-scan';
import { call, login, requestCode } from '../../support/api';
import { startTestServer } from '../../support/test-server';

/**
 * privacy.md: tokens and codes are never logged. Every test server of the
 * run collects the credentials its requests carried or were given and, when
 * it closes, scans every log line it wrote (at debug level) for them
 * (test/support/test-server.ts). These tests show the scan finds a leak.
 */
describe('the log scan', () => {
  const token = 'kq3V9yZ0c1xYp7hT5aW2mN8rB4dF6gJ0';

  it('finds a token anywhere in a line, and a code as a word in a string', () => {
    expect(credentialLeaks([{ msg: 'signed in', auth: `Bearer ${token}` }], [token])).toHaveLength(1);
    expect(credentialLeaks([{ msg: 'sms sent', detail: 'your code is 482913.' }], ['482913'])).toHaveLength(1);
    expect(credentialLeaks([{ msg: 'verify', body: { code: '482913' } }], ['482913'])).toHaveLength(1);
  });

  it('does not mistake six digits inside an id, a longer number or a number field for a code', () => {
    const lines = [{ msg: 'x', id: '01a20348-2913-7000-8000-000482913abc', phone: '13848291300', bytes: 482913, ms: 4829130 }];
    expect(credentialLeaks(lines, ['482913'])).toEqual([]);
  });

  it('fails a test server that logged a token or a code it handed out, when it closes', async () => {
    const server = await startTestServer({ env: { DEMO_SEED: 'true' } });
    let closed = false;
    try {
      const { token: issued } = await login(server, '13800000004', { consent: ['service'] });
      expect((await call(server, 'GET', '/me', { token: issued })).status).toBe(200);
      const code = await requestCode(server, '13800000005');
      expect(credentialLeaks(server.logs, [issued, code])).toEqual([]);
      server.logs.push({ level: 30, msg: 'debugging a sign-in', token: issued });
      server.logs.push({ level: 30, msg: `sms code ${code} sent` });
      closed = true;
      await expect(server.close()).rejects.toThrow(/credentials in the server's log \(2\)/);
    } finally {
      if (!closed) await server.close().catch(() => undefined);
    }
  });
});
