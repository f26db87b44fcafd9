import type { ParameterizedContext } from 'koa';
import type { Env } from '../config/env';
import type { LimitSpec, RateLimits } from './rate-limit';
import type { AppState } from './state';

/**
 * The request-rate limit a route falls under. Every sign-in route is limited
 * per address (codes and WeChat logins are what an attacker would replay);
 * every upload, write and export per person (per address when anonymous).
 * Reads are not limited here. Their cost is held by page sizes and the SQL
 * scoping, and SMS and the personal export keep their own stricter limits
 * in their services.
 */
export type RouteLimitKind = 'auth' | 'upload' | 'write' | 'export';

interface LimitedRoute {
  method: string;
  path: string;
  upload?: unknown;
  rateLimit?: RouteLimitKind;
}

/** Which limit a route is under: its own declaration, else what its path and method make it. */
export function routeLimitKind(route: LimitedRoute): RouteLimitKind | null {
  if (route.rateLimit) return route.rateLimit;
  if (route.path === '/auth' || route.path.startsWith('/auth/')) return 'auth';
  if (route.upload) return 'upload';
  if (route.method.toLowerCase() !== 'get') return 'write';
  return null;
}

function routeLimitSpecs(env: Pick<Env, 'AUTH_RATE_PER_MINUTE' | 'UPLOAD_RATE_PER_MINUTE' | 'WRITE_RATE_PER_MINUTE' | 'EXPORT_RATE_PER_MINUTE'>): Record<RouteLimitKind, LimitSpec> {
  return {
    auth: { name: 'route-auth-ip', points: env.AUTH_RATE_PER_MINUTE, durationSeconds: 60 },
    upload: { name: 'route-upload', points: env.UPLOAD_RATE_PER_MINUTE, durationSeconds: 60 },
    write: { name: 'route-write', points: env.WRITE_RATE_PER_MINUTE, durationSeconds: 60 },
    export: { name: 'route-export', points: env.EXPORT_RATE_PER_MINUTE, durationSeconds: 60 },
  };
}

export type RouteLimiter = (kind: RouteLimitKind, ctx: ParameterizedContext<AppState>) => Promise<void>;

/**
 * Spends one point of the route's limit before anything of the request is
 * read or written: a refused request (429 with Retry-After) changes nothing.
 * Shared across instances through Redis when it is configured (rate-limit.ts).
 */
export function createRouteLimiter(limits: RateLimits, env: Parameters<typeof routeLimitSpecs>[0]): RouteLimiter {
  const specs = routeLimitSpecs(env);
  return (kind, ctx) => {
    const who = kind !== 'auth' && ctx.state.actor ? `user:${ctx.state.actor.userId}` : `ip:${ctx.ip}`;
    return limits.consume(specs[kind], who);
  };
}
