import { HealthSchema, ReadySchema, type Ready } from '../../../../shared/schemas/health.schema';
import { ServiceUnavailableError } from '../../core/errors';
import type { AppDeps } from '../../app-deps';
import { databaseUnavailableError } from '../../db/unavailable';
import { defineRoute } from '../../http/route';
import { pingRedis } from '../../integrations/redis/redis.client';

export function healthRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      summary: 'Liveness, data region and version',
      tags: ['health'],
      access: { public: true },
      response: HealthSchema,
      handler: async () => ({ status: 'ok' as const, region: deps.env.DATA_REGION, version: deps.version }),
    }),
    defineRoute({
      method: 'get',
      path: '/ready',
      summary: 'Readiness: the database (and Redis, when configured) answer',
      tags: ['health'],
      access: { public: true },
      response: ReadySchema,
      errors: [503],
      handler: async ({ state }) => {
        try {
          await state.em.getConnection().execute('select 1');
        } catch (err) {
          throw databaseUnavailableError(err);
        }
        const checks: Ready['checks'] = { database: 'ok' };
        if (deps.redis) {
          try {
            await pingRedis(deps.redis);
          } catch (err) {
            throw new ServiceUnavailableError('Redis is not reachable.', { cause: err });
          }
          checks.redis = 'ok';
        }
        return { status: 'ready' as const, checks };
      },
    }),
  ];
}
