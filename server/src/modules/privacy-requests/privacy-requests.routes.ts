import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

export function privacyRequestRoutes(deps: AppDeps): AnyRoute[] {
  void deps;
  return [];
}
