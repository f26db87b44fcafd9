import { createApp } from '../../server/src/app';
import { systemClock } from '../../server/src/core/clock';
import { parseEnv } from '../../server/src/config/env';
import { createLogger } from '../../server/src/core/logger';
import { routeKey } from '../../server/src/http/route';
import { PERMISSIONS } from '../../shared/permissions';
import type { AppDeps } from '../../server/src/app-deps';

/**
 * Every route the router knows must declare `public` or a known permission
 * (access-matrix.md). A route added with router.get(...) directly, bypassing
 * the declaration, fails here.
 */
describe('route inventory', () => {
  // Routes are only declared here, never called: the services behind them are not needed.
  const { router, routes } = createApp({
    env: parseEnv({ NODE_ENV: 'test' }),
    logger: createLogger({ level: 'silent' }),
    clock: systemClock,
    version: '0.0.0',
  } as unknown as AppDeps);

  const layers = router.stack.filter((layer) => layer.methods.length > 0);

  it('knows some routes', () => {
    expect(layers.length).toBeGreaterThanOrEqual(3);
  });

  it.each(layers.map((l) => [`${l.methods.filter((m) => m !== 'HEAD').join(',')} ${l.path}`, l] as const))(
    '%s declares public or a permission',
    (_name, layer) => {
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        const path = String(layer.path).replace(/^\/api\/v1/, '');
        const declared = routes.get(routeKey(method, path));
        expect(declared).toBeDefined();
        const access = declared!.access;
        if ('permission' in access) expect(PERMISSIONS).toContain(access.permission);
        else expect(access.public).toBe(true);
      }
    },
  );
});
