import { FleetQuerySchema, FleetSchema } from '../../../../shared/schemas/fleet.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute, type AnyRoute } from '../../http/route';
import { fleet } from './fleet.service';

/** Admin console — the fleet view of advanced staff (issue 9). */
export function fleetRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/fleet',
      summary:
        'Advanced staff: every unit in the departments they manage (or one of them, departmentId), with repairs, days out of service over the last 365 days, open tickets and coverage; sort by outOfService (default), repairs, coveredUntil or serial. 403 for anyone else, 404 for a department not managed',
      tags: ['fleet'],
      access: { permission: 'tickets.read' },
      query: FleetQuerySchema,
      response: FleetSchema,
      errors: [403, 404],
      handler: ({ query, state }) => fleet(deps, state.em, state.actor!, query),
    }),
  ];
}
