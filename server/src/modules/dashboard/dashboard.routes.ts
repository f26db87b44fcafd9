import { DashboardQuerySchema, DashboardSchema } from '../../../../shared/schemas/dashboard.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute, type AnyRoute } from '../../http/route';
import { dashboard } from './dashboard.service';

/** Admin console — the admin dashboard aggregates (issue 9). */
export function dashboardRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/dashboard',
      summary:
        'Admin dashboard for a period of Asia/Shanghai dates (from, to, both included, at most a year) and optionally a province (two digits): open tickets by status and hospital, tickets created, SLA breaches, acceptance and resolution trend (by day up to 31 days, else by ISO week), engineer workload, ratings, points issued and redeemed, gifts low on stock, privacy requests due',
      tags: ['admin', 'dashboard'],
      access: { permission: 'admin.dashboard' },
      query: DashboardQuerySchema,
      response: DashboardSchema,
      errors: [422],
      handler: ({ query, state }) => dashboard(deps, state.em, query),
    }),
  ];
}
