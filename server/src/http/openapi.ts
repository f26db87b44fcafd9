import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ERROR_CODES } from '../../../shared/errors';
import type { AnyRoute } from './route';
import { routeLimitKind } from './route-limits';

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.enum(ERROR_CODES),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  instance: z.string().optional(),
});

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Builds the OpenAPI 3.1 document from the route declarations: the zod schemas are the contract. */
export function buildOpenApi(routes: Iterable<AnyRoute>, info: { version: string; serverUrl?: string }): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'http', scheme: 'bearer' });
  for (const route of routes) {
    const responses: Record<string, ReturnType<typeof problemResponse> | { description: string; content: object }> = {
      [String(route.status ?? 200)]: route.produces
        ? { description: 'Success', content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } }
        : { description: 'Success', content: { 'application/json': { schema: route.response } } },
    };
    if (route.params || route.query || route.body) responses['422'] = problemResponse('Invalid input');
    if (!('public' in route.access)) {
      responses['401'] = problemResponse('No valid session');
      responses['403'] = problemResponse(`Requires permission ${route.access.permission}`);
    }
    const limit = routeLimitKind(route);
    if (limit) responses['429'] = problemResponse(`Too many requests (limit "${limit}"); see Retry-After`);
    for (const status of route.errors ?? []) responses[String(status)] ??= problemResponse('See `code`');
    registry.registerPath({
      method: route.method,
      path: `/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`,
      summary: route.summary,
      tags: route.tags,
      security: 'public' in route.access ? [] : [{ session: [] }],
      'x-permission': 'public' in route.access ? 'public' : route.access.permission,
      request: {
        params: route.params,
        query: route.query,
        body: route.body
          ? { content: { [route.upload ? 'multipart/form-data' : 'application/json']: { schema: route.body } } }
          : undefined,
      },
      responses,
    });
  }
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'ScopeDesk API', version: info.version },
    servers: info.serverUrl ? [{ url: info.serverUrl }] : undefined,
  });
  return doc as unknown as Record<string, unknown>;
}
