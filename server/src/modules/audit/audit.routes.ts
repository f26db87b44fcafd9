import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

/** Admin console — the admin-action audit log search (issue 9). */
export function auditRoutes(_deps: AppDeps): AnyRoute[] {
  return [];
}
