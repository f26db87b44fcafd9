import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

export function addressRoutes(deps: AppDeps): AnyRoute[] {
  void deps;
  return [];
}
