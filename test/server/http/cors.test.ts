import { startTestServer, type TestServer } from '../../support/test-server';

const CONSOLE = 'https://console.scopedesk.example.cn';
const STRANGER = 'https://evil.example.com';

describe('CORS: the listed origins may read answers from a browser, no other', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { CORS_ORIGINS: `${CONSOLE}, https://ops.scopedesk.example.cn` } });
  });
  afterAll(() => server.close());

  it('answers a listed origin with its own name, and varies on Origin', async () => {
    const res = await fetch(server.api('/health'), { headers: { origin: CONSOLE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('lets a listed origin read a refusal too (problem+json with the header)', async () => {
    const res = await fetch(server.api('/me'), { headers: { origin: CONSOLE } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
  });

  it('allows a listed origin to send a signed-in, idempotent write (preflight)', async () => {
    const res = await fetch(server.api('/tickets'), {
      method: 'OPTIONS',
      headers: { origin: CONSOLE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
  });

  it('gives an unlisted origin no Access-Control header, on a request or a preflight', async () => {
    const simple = await fetch(server.api('/health'), { headers: { origin: STRANGER } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(server.api('/tickets'), { method: 'OPTIONS', headers: { origin: STRANGER, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('without CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('no origin is allowed, and every answer carries the security headers', async () => {
    const res = await fetch(server.api('/health'), { headers: { origin: CONSOLE } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    // helmet: no sniffing, no framing by other sites, HTTPS remembered, no referrer leaking ids in URLs.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('CORS_ORIGINS is checked at start', () => {
  it('refuses something that is not an origin, naming the setting', async () => {
    await expect(startTestServer({ env: { CORS_ORIGINS: 'https://console.example.cn/app/' } })).rejects.toThrow(/CORS_ORIGINS/);
  });
});
