import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoredAccessToken, TokenStore } from './access-token.store';

const LOCK_TTL_MS = 10_000;
const LOCK_POLL_MS = 50;
/** Deletes the lock only if we still hold it (a slow holder must not free someone else's). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * The access token shared by every instance through Redis, refreshed under a
 * Redis lock (SET NX PX), so N instances make one stable_token call, not N.
 */
export function createRedisTokenStore(redis: Redis, appid: string): TokenStore {
  const key = `wechat:access-token:${appid}`;
  const lockKey = `${key}:lock`;
  return {
    async get() {
      const raw = await redis.get(key);
      return raw ? (JSON.parse(raw) as StoredAccessToken) : undefined;
    },
    async set(token) {
      await redis.set(key, JSON.stringify(token), 'PXAT', token.expiresAt);
    },
    async withLock(fn) {
      const holder = randomBytes(12).toString('hex');
      const deadline = Date.now() + LOCK_TTL_MS;
      while ((await redis.set(lockKey, holder, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
        if (Date.now() > deadline) throw new Error('timed out waiting for the WeChat access-token lock');
        await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
      }
      try {
        return await fn();
      } finally {
        await redis.eval(RELEASE, 1, lockKey, holder);
      }
    },
  };
}
