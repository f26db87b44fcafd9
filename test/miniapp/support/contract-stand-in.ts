import type { z } from 'zod';
import { probe } from '../../support/probes';
import { startTestServer, type TestServer } from '../../support/test-server';
import type { AnyRoute, Method } from '../../../server/src/http/route';

/**
 * A server that answers only the routes a test declares, at their real paths,
 * through the real pipeline (validation against the shared schemas,
 * problem+json). The mini-program's services are then tested against the
 * contracts while the feature routes are still being built; the real routes
 * are left out, so a declared path never clashes with one.
 */
export interface Recorded {
  method: string;
  path: string;
  params: unknown;
  query: unknown;
  body: unknown;
  idempotencyKey: string;
}

export interface StandIn {
  server: TestServer;
  calls: Recorded[];
}

export interface StandInRoute {
  method: Method;
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  reply: (input: { params: never; query: never; body: never }) => unknown;
}

export async function startStandIn(routes: StandInRoute[]): Promise<StandIn> {
  const calls: Recorded[] = [];
  const probes: AnyRoute[] = routes.map((r) =>
    probe({
      method: r.method,
      path: r.path,
      params: r.params,
      query: r.query,
      body: r.body,
      response: r.response,
      status: r.status,
      handler: async ({ params, query, body, ctx }) => {
        calls.push({ method: r.method.toUpperCase(), path: ctx.path, params, query, body, idempotencyKey: ctx.get('idempotency-key') });
        return r.reply({ params: params as never, query: query as never, body: body as never });
      },
    }),
  );
  const server = await startTestServer({ app: { routes: () => probes } });
  return { server, calls };
}

/**
 * The app's modules, loaded as a build with TARO_APP_API_BASE=base would see
 * them, in one module registry with the `@tarojs/taro` stand-in they use (so a
 * test can add a WeChat API to it).
 */
export function loadApp<T extends Record<string, unknown>>(base: string, paths: { [K in keyof T]: string }): T & { taro: Record<string, unknown> } {
  process.env.TARO_APP_API_BASE = base;
  const out: Record<string, unknown> = {};
  jest.isolateModules(() => {
    out.taro = require('@tarojs/taro').default;
    for (const [name, path] of Object.entries(paths)) out[name] = require(path);
  });
  return out as T & { taro: Record<string, unknown> };
}
