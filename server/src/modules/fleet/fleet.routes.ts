import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

/** Admin console — the fleet view of advanced staff (issue 9). */
export function fleetRoutes(_deps: AppDeps): AnyRoute[] {
  return [];
}
