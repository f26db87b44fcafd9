import { call, freshPhone } from '../support/api';
import { startTestServer, testDatabase } from '../support/test-server';

/** Runs only when TEST_REDIS_URL is set (the `server:redis` project). */
const REDIS_URL = process.env.TEST_REDIS_URL!;

describe('rate limits shared through Redis', () => {
  it('holds the SMS cooldown across two server instances', async () => {
    const database = await testDatabase({ file: true });
    const a = await startTestServer({ database, env: { REDIS_URL } });
    const b = await startTestServer({ database, env: { REDIS_URL } });
    try {
      const phone = freshPhone();
      const first = await call(a, 'POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
      expect(first.status).toBe(202);
      const second = await call(b, 'POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(50);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});
