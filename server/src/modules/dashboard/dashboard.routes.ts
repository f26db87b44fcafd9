import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

/** Admin console — the admin dashboard aggregates (issue 9). */
export function dashboardRoutes(_deps: AppDeps): AnyRoute[] {
  return [];
}
