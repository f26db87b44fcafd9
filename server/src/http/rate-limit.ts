import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../core/errors';

export interface LimitSpec {
  /** Stable name: the Redis key prefix, shared by every instance. */
  name: string;
  points: number;
  durationSeconds: number;
}

export interface RateLimits {
  /** Spends one point for `key`; throws RateLimitedError (429 with Retry-After) when none are left. */
  consume(spec: LimitSpec, key: string): Promise<void>;
  /** Gives points back, e.g. when the action failed for a reason that is not the caller's. */
  reward(spec: LimitSpec, key: string): Promise<void>;
}

/**
 * rate-limiter-flexible, in memory by default and in Redis when REDIS_URL is
 * set (shared across instances). While Redis is unreachable each instance
 * falls back to its own memory limiter rather than failing the request.
 */
export function createRateLimits(redis?: Redis): RateLimits {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (spec: LimitSpec) => {
    let l = limiters.get(spec.name);
    if (!l) {
      const opts = { keyPrefix: `rl:${spec.name}`, points: spec.points, duration: spec.durationSeconds };
      l = redis
        ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: false, insuranceLimiter: new RateLimiterMemory(opts) })
        : new RateLimiterMemory(opts);
      limiters.set(spec.name, l);
    }
    return l;
  };
  return {
    async consume(spec, key) {
      try {
        await limiter(spec).consume(key);
      } catch (res) {
        if (res instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
        throw res;
      }
    },
    async reward(spec, key) {
      await limiter(spec).reward(key);
    },
  };
}
