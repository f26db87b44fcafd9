import path from 'node:path';
import fs from 'node:fs';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import Koa, { type Middleware } from 'koa';
import compose from 'koa-compose';
import helmet from 'koa-helmet';
import serve from 'koa-static';
import { z } from 'zod';
import type { AppDeps } from './app-deps';
import { MalformedBodyError, MethodNotAllowedError, PayloadTooLargeError, RouteNotFoundError } from './core/errors';
import { buildOpenApi } from './http/openapi';
import { problemFunnel } from './http/problem';
import { requestContext } from './http/request-context';
import { defineRoute, mountRoutes, type AnyRoute } from './http/route';
import { createRouteLimiter } from './http/route-limits';
import { corsAllowList } from './http/cors';
import { credentialProbe, type CredentialListener } from './http/credential-probe';
import type { AppState } from './http/state';
import { authenticate } from './http/authenticate';
import { queryProbe, type QueryListener } from './http/query-probe';
import { accessRoutes } from './modules/access/access.routes';
import { accountRoutes } from './modules/accounts/accounts.routes';
import { authRoutes } from './modules/auth/auth.routes';
import type { ChatWakeups } from './modules/chat/chat-wakeups';
import { chatRoutes } from './modules/chat/chat.routes';
import { dealerRoutes } from './modules/dealers/dealers.routes';
import { equipmentRoutes } from './modules/equipment/equipment.routes';
import { fileRoutes } from './modules/files/files.routes';
import { healthRoutes } from './modules/health/health.routes';
import { hospitalRoutes } from './modules/hospitals/hospitals.routes';
import { jobRoutes } from './modules/jobs/jobs.routes';
import { libraryRoutes } from './modules/library/library.routes';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { pointsRoutes } from './modules/points/points.routes';
import { giftRoutes } from './modules/gifts/gifts.routes';
import { addressRoutes } from './modules/addresses/addresses.routes';
import { redemptionRoutes } from './modules/redemptions/redemptions.routes';
import { cancellationRoutes } from './modules/cancellation/cancellation.routes';
import { myDataRoutes } from './modules/my-data/my-data.routes';
import { privacyRequestRoutes } from './modules/privacy-requests/privacy-requests.routes';
import { privacyRoutes } from './modules/privacy/privacy.routes';
import { registrationRoutes } from './modules/registration/registration.routes';
import { ticketRoutes } from './modules/tickets/tickets.routes';
import { userRoutes } from './modules/users/users.routes';
import { directoryRoutes } from './modules/directory/directory.routes';
import { adminUserRoutes } from './modules/accounts/admin-users.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { fleetRoutes } from './modules/fleet/fleet.routes';

export const API_PREFIX = '/api/v1';

function openApiRoute(routes: () => Iterable<AnyRoute>, deps: AppDeps): AnyRoute {
  let doc: Record<string, unknown> | undefined;
  return defineRoute({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['health'],
    access: { public: true },
    response: z.record(z.string(), z.unknown()),
    handler: async () => (doc ??= buildOpenApi(routes(), { version: deps.version, serverUrl: deps.env.PUBLIC_BASE_URL })),
  });
}

/** A method the path does not take is a 405 with Allow; a path nobody declared is a 404. */
function unmatchedApi(): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    if (ctx.status === 405 || ctx.status === 501) {
      throw new MethodNotAllowedError(ctx.response.get('Allow').split(/,\s*/).filter(Boolean));
    }
  };
}

function apiNotFound(): Middleware<AppState> {
  return async (ctx) => {
    if (!ctx.matched?.length) throw new RouteNotFoundError(`No route ${ctx.method} ${ctx.path}.`);
  };
}

/** The H5 app is a single page with hash routing: every non-API GET gets the file or index.html. */
function h5App(dir: string): Middleware<AppState>[] {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  return [
    serve(root, { maxage: 0, index: 'index.html' }),
    async (ctx) => {
      if (ctx.method !== 'GET' || !fs.existsSync(index)) return;
      ctx.type = 'html';
      ctx.body = fs.createReadStream(index);
    },
  ];
}

/**
 * The API as it ships; a caller may compose more (tests mount probes through
 * the same pipeline) or hand in its own chat wake-ups to watch them.
 */
export function defaultRoutes(deps: AppDeps, parts: { chatWakeups?: ChatWakeups } = {}): AnyRoute[] {
  return [
    ...healthRoutes(deps),
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...privacyRoutes(deps),
    ...hospitalRoutes(),
    ...fileRoutes(deps),
    ...registrationRoutes(deps),
    ...ticketRoutes(deps),
    ...dealerRoutes(),
    ...equipmentRoutes(deps),
    ...accessRoutes(deps),
    ...accountRoutes(deps),
    ...jobRoutes(deps),
    ...notificationRoutes(deps),
    ...chatRoutes(deps, parts.chatWakeups),
    ...libraryRoutes(deps),
    ...pointsRoutes(deps),
    ...giftRoutes(deps),
    ...addressRoutes(deps),
    ...redemptionRoutes(deps),
    ...cancellationRoutes(deps),
    ...myDataRoutes(deps),
    ...privacyRequestRoutes(deps),
    ...directoryRoutes(deps),
    ...adminUserRoutes(deps),
    ...auditRoutes(deps),
    ...dashboardRoutes(deps),
    ...fleetRoutes(deps),
  ];
}

export interface CreateAppOptions {
  routes?: (deps: AppDeps) => AnyRoute[];
  /** Test-only: hears the SQL statements each API request ran (test/server/perf/query-count.test.ts). */
  onQueries?: QueryListener;
  /** Test-only: hears the credentials each request carried or was given, so a test can prove none reaches a log. */
  onCredentials?: CredentialListener;
}

export function createApp(deps: AppDeps, options: CreateAppOptions = {}) {
  const app = new Koa<AppState>();
  app.proxy = deps.env.NODE_ENV === 'production';
  app.silent = true; // the problem funnel logs errors; Koa's default handler would print them again

  const router = new Router<AppState>({ prefix: API_PREFIX });
  const routes: AnyRoute[] = (options.routes ?? defaultRoutes)(deps);
  routes.push(openApiRoute(() => declared.values(), deps));
  const declared = mountRoutes(router, routes, deps.rateLimits ? createRouteLimiter(deps.rateLimits, deps.env) : undefined);

  if (options.onCredentials) app.use(credentialProbe(options.onCredentials));
  app.use(requestContext(deps.logger));
  // Outside the problem funnel, so a refusal to an allowed origin carries the header too and its problem+json can be read.
  if (deps.env.CORS_ORIGINS.length) app.use(corsAllowList(deps.env.CORS_ORIGINS));
  app.use(problemFunnel());
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));

  const api = compose<Parameters<Middleware<AppState>>[0]>([
    ...(options.onQueries ? [queryProbe(deps.orm, options.onQueries)] : []),
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '256kb',
      onError: (err: Error & { type?: string }) => {
        if (err.type === 'entity.too.large') throw new PayloadTooLargeError('The request body is too large.');
        throw new MalformedBodyError('The request body is not valid JSON.', { cause: err });
      },
    }) as Middleware<AppState>,
    async (ctx, next) => {
      ctx.state.em = deps.orm.em.fork();
      await next();
    },
    authenticate(deps.clock),
    unmatchedApi(),
    router.routes() as Middleware<AppState>,
    router.allowedMethods() as Middleware<AppState>,
    apiNotFound(),
  ]);
  app.use((ctx, next) => (ctx.path === '/api' || ctx.path.startsWith('/api/') ? api(ctx, next) : next()));

  if (deps.env.SERVE_H5) for (const mw of h5App(deps.env.H5_DIR)) app.use(mw);

  return { app, router, routes: declared };
}
