import type Router from '@koa/router';
import multer from '@koa/multer';
import type { ParameterizedContext } from 'koa';
import type { z } from 'zod';
import type { RouteAccess } from '../../../shared/permissions';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../core/errors';
import { enforceAccess } from './access';
import { routeLimitKind, type RouteLimiter, type RouteLimitKind } from './route-limits';
import type { AppState } from './state';
import { validate } from './validate';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface UploadedFile {
  buffer: Buffer;
  size: number;
  originalName: string;
  /** What the client claimed; never trusted (the content decides). */
  claimedType: string;
}

export interface RouteInput<P, Q, B> {
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  /** The multipart file, for routes with `upload`. */
  file?: UploadedFile;
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
  /** A multipart route: one file in `field` of at most `maxBytes`; `body` validates the other fields. */
  upload?: { field: string; maxBytes: number };
  /** The handler returns bytes of this media type (set exactly with ctx.type) instead of JSON. */
  produces?: string;
  /** Part of the consent flow (policy, consent, /me, logout): reachable before the policy is accepted. */
  consentExempt?: boolean;
  /** Responses that are problem+json by design, for the OpenAPI document. */
  errors?: number[];
  /** The request-rate limit, when not the one its path and method give it (route-limits.ts). */
  rateLimit?: RouteLimitKind;
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
export function mountRoutes(router: Router<AppState>, routes: AnyRoute[], limit?: RouteLimiter): Map<string, AnyRoute> {
  const declared = new Map<string, AnyRoute>();
  for (const route of routes) {
    const key = routeKey(route.method, route.path);
    if (declared.has(key)) throw new Error(`route declared twice: ${key}`);
    if (!route.access || !('public' in route.access || 'permission' in route.access)) {
      throw new Error(`route ${key} declares neither public nor a permission`);
    }
    declared.set(key, route);
    const receive = route.upload ? receiveUpload(route.upload) : undefined;
    const limitKind = routeLimitKind(route);
    router[route.method](route.path, async (ctx) => {
      enforceAccess(ctx.state, route.access, { consentExempt: route.consentExempt });
      if (limit && limitKind) await limit(limitKind, ctx);
      const file = receive ? await receive(ctx) : undefined;
      const params = route.params ? validate(route.params, ctx.params, 'params') : undefined;
      const query = route.query ? validate(route.query, ctx.query, 'query') : undefined;
      let body: unknown;
      if (route.body) {
        const hasBody = Boolean(ctx.request.length) || Boolean(ctx.get('transfer-encoding'));
        if (!route.upload && hasBody && !ctx.is('application/json', '+json')) {
          throw new UnsupportedMediaTypeError('Send the body as application/json.');
        }
        body = validate(route.body, ctx.request.body ?? {}, 'body');
      }
      const result = await route.handler({ params, query, body, file, state: ctx.state, ctx });
      ctx.status = route.status ?? 200;
      // Parsing the output drops any field the schema does not name: a
      // response never carries more than it declares.
      ctx.body = route.produces ? result : route.response.parse(result);
    });
  }
  return declared;
}

/**
 * Reads one multipart file into memory (uploads are small and are re-encoded
 * anyway), after the access check so anonymous callers never stream bytes in.
 */
function receiveUpload(spec: { field: string; maxBytes: number }) {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: spec.maxBytes, files: 1, fields: 10, fieldSize: 1024 } }).single(spec.field);
  return async (ctx: ParameterizedContext<AppState>): Promise<UploadedFile> => {
    if (!ctx.is('multipart/form-data')) throw new UnsupportedMediaTypeError('Send the file as multipart/form-data.');
    try {
      await parse(ctx as never, async () => undefined);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE') throw new PayloadTooLargeError(`The file is larger than ${Math.round(spec.maxBytes / 1024 / 1024)} MB.`);
      throw new ValidationError([{ path: spec.field, message: 'The upload could not be read.' }], undefined);
    }
    const f = (ctx as unknown as { file?: { buffer: Buffer; size: number; originalname: string; mimetype: string } }).file;
    if (!f) throw new ValidationError([{ path: spec.field, message: 'A file is required.' }]);
    return { buffer: f.buffer, size: f.size, originalName: f.originalname, claimedType: f.mimetype };
  };
}
