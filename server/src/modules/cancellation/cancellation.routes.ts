import type { AppDeps } from '../../app-deps';
import type { AnyRoute } from '../../http/route';

export function cancellationRoutes(deps: AppDeps): AnyRoute[] {
  void deps;
  return [];
}
