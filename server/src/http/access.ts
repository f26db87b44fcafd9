import type { RouteAccess } from '../../../shared/permissions';
import { ForbiddenError, UnauthenticatedError } from '../core/errors';
import { throwForBlock } from '../modules/privacy/consent.service';
import type { AppState } from './state';

/**
 * Route-level checks, the first of two layers: is there a session, does its
 * role ever have this permission, and has the user consented to the current
 * policy (unless the route is part of the consent flow itself)? Record-level
 * policies (may this actor see this ticket?) run in the services and answer
 * 404, not 403.
 */
export function enforceAccess(state: AppState, access: RouteAccess, options: { consentExempt?: boolean } = {}): void {
  if ('public' in access) return;
  if (!state.actor) throw new UnauthenticatedError('Sign in to continue.');
  if (!state.actor.permissions.has(access.permission)) {
    throw new ForbiddenError('Your account does not have access to this function.');
  }
  if (!options.consentExempt) throwForBlock(state.actor.consentBlock);
}
