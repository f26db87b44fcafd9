import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

/** Admin console — users: search, profile, role change, disable, revoke sessions, bulk actions (issue 9). */
export function adminUserRoutes(_deps: AppDeps): AnyRoute[] {
  return [];
}
