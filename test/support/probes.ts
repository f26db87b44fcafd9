import { defaultRoutes, type CreateAppOptions } from '../../server/src/app';
import { defineRoute, type AnyRoute, type RouteDef } from '../../server/src/http/route';

/**
 * The real API plus test-only probe routes, mounted through the same
 * pipeline (validation, access, problem+json) as every feature route.
 */
export function withProbes(...probes: AnyRoute[]): CreateAppOptions {
  return { routes: (deps) => [...defaultRoutes(deps), ...probes] };
}

/** A public probe under /probe; only its shape varies between tests. */
export function probe(def: Omit<AnyRoute, 'summary' | 'tags' | 'access'> & Partial<Pick<RouteDef, 'access'>>): AnyRoute {
  return defineRoute({ summary: 'test probe', tags: ['test'], access: { public: true }, ...def } as AnyRoute);
}
