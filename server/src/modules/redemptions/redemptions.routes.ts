import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

export function redemptionRoutes(deps: AppDeps): AnyRoute[] {
  void deps;
  return [];
}
