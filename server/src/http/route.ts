import type Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import type { z } from 'zod';
import type { RouteAccess } from '../../../shared/permissions';
import { UnsupportedMediaTypeError } from '../core/errors';
import { enforceAccess } from './access';
import type { AppState } from './state';
import { validate } from './validate';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  state: AppState;
  ctx: ParameterizedContext<AppState>;
}

/**
 * A route is a declaration: its path, who may call it, the shapes of what
 * comes in and goes out, and one handler that calls a service. Nothing is
 * mounted without `access`; the route inventory test holds every route to it.
 */
export interface RouteDef<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Koa-style path below /api/v1, e.g. `/tickets/:id`. */
  path: string;
  summary: string;
  tags: string[];
  access: RouteAccess;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status; 200 unless said. */
  status?: number;
  /** Responses that are problem+json by design, for the OpenAPI document. */
  errors?: number[];
  handler: (input: RouteInput<P, Q, B>) => Promise<z.infer<R>>;
}

// The variance of the handler makes a precise union impractical; declarations stay typed where written.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any, any, any>;

export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(def: RouteDef<P, Q, B, R>): RouteDef<P, Q, B, R> {
  return def;
}

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** Mounts declared routes; returns the declarations by `METHOD /path` for the inventory and OpenAPI. */
export function mountRoutes(router: Router<AppState>, routes: AnyRoute[]): Map<string, AnyRoute> {
  const declared = new Map<string, AnyRoute>();
  for (const route of routes) {
    const key = routeKey(route.method, route.path);
    if (declared.has(key)) throw new Error(`route declared twice: ${key}`);
    if (!route.access || !('public' in route.access || 'permission' in route.access)) {
      throw new Error(`route ${key} declares neither public nor a permission`);
    }
    declared.set(key, route);
    router[route.method](route.path, async (ctx) => {
      enforceAccess(ctx.state, route.access);
      const params = route.params ? validate(route.params, ctx.params, 'params') : undefined;
      const query = route.query ? validate(route.query, ctx.query, 'query') : undefined;
      let body: unknown;
      if (route.body) {
        if (ctx.request.length && !ctx.is('application/json', '+json')) {
          throw new UnsupportedMediaTypeError('Send the body as application/json.');
        }
        body = validate(route.body, ctx.request.body ?? {}, 'body');
      }
      const result = await route.handler({ params, query, body, state: ctx.state, ctx });
      ctx.status = route.status ?? 200;
      // Parsing the output drops any field the schema does not name: a
      // response never carries more than it declares.
      ctx.body = route.response.parse(result);
    });
  }
  return declared;
}
