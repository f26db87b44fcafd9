import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

/** Admin console — directory: hospitals, departments, equipment models and units, CSV import, QR labels (issue 9). */
export function directoryRoutes(_deps: AppDeps): AnyRoute[] {
  return [];
}
