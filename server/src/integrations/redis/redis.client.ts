import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The shared Redis connection (rate limits, locks, caches when several
 * instances run). Commands fail fast while it is down instead of queueing, so
 * a Redis outage shows up in /ready and in errors, not as hung requests.
 */
export function createRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let reported = false;
  redis.on('error', (err) => {
    if (!reported) logger.warn({ err: err.message }, 'redis unavailable; retrying');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('redis reachable again');
    reported = false;
  });
  return redis;
}

export async function pingRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  if (redis.status === 'wait') await redis.connect().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
