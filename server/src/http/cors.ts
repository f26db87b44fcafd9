import cors from '@koa/cors';
import type { Middleware } from 'koa';

/**
 * CORS for the origins the operator lists (CORS_ORIGINS) and no other: an
 * unlisted origin gets no Access-Control-* header, so its browser keeps the
 * answer from the page. Sessions are bearer tokens, never cookies, so
 * credentials are not allowed.
 */
export function corsAllowList(origins: readonly string[]): Middleware {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After', 'Content-Disposition'],
    maxAge: 600,
  }) as Middleware;
}
