import type { RouteAccess } from '../../../shared/permissions';
import { ForbiddenError, UnauthenticatedError } from '../core/errors';
import type { AppState } from './state';

/**
 * Route-level check, the first of two layers: is there a session, and does
 * its role ever have this permission? Record-level policies (may this actor
 * see this ticket?) run in the services and answer 404, not 403.
 */
export function enforceAccess(state: AppState, access: RouteAccess): void {
  if ('public' in access) return;
  if (!state.actor) throw new UnauthenticatedError('Sign in to continue.');
  if (!state.actor.permissions.has(access.permission)) {
    throw new ForbiddenError('Your account does not have access to this function.');
  }
}
