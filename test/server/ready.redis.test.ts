import { startTestServer } from '../support/test-server';
import { body } from '../support/http';

/** Runs only when TEST_REDIS_URL is set (the `server:redis` project). */
const REDIS_URL = process.env.TEST_REDIS_URL!;

describe('readiness with Redis configured', () => {
  it('checks Redis next to the database', async () => {
    const server = await startTestServer({ env: { REDIS_URL } });
    try {
      const res = await fetch(server.api('/ready'));
      expect(res.status).toBe(200);
      expect(await body(res)).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    } finally {
      await server.close();
    }
  });

  it('is not ready, and says so as problem+json, while Redis cannot be reached', async () => {
    const server = await startTestServer({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await fetch(server.api('/ready'));
      expect(res.status).toBe(503);
      expect(await body(res)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'Redis is not reachable.' });
      // Liveness does not depend on Redis.
      expect((await fetch(server.api('/health'))).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
