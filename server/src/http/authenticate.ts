import type { Middleware } from 'koa';
import { permissionsFor } from '../../../shared/permissions';
import type { Clock } from '../core/clock';
import { AccountDisabledError } from '../core/errors';
import { resolveSession } from '../modules/auth/sessions.service';
import { consentBlock } from '../modules/privacy/consent.service';
import { UserSchema } from '../modules/users/user.entity';
import type { AppState } from './state';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

/**
 * Resolves `Authorization: Bearer` to an actor on every request: session,
 * user, permissions and consent state are read fresh, so a revocation or a
 * new policy takes effect on the very next request. A bad token simply
 * leaves the request anonymous; routes that need a session answer 401.
 */
export function authenticate(clock: Clock): Middleware<AppState> {
  return async (ctx, next) => {
    const match = BEARER.exec(ctx.get('Authorization'));
    if (match) {
      const em = ctx.state.em;
      const session = await resolveSession(em, match[1]!, clock.now());
      const user = session ? await em.findOne(UserSchema, { id: session.userId }) : null;
      // A cancelling account signed in again sees only its profile and privacy centre (permissionsFor);
      // a purged one is gone: its sessions are deleted, and any that slipped through count for nothing.
      // Disabling revokes every session; one that slipped through (a request
      // racing the disable) is refused outright rather than served anonymously,
      // so the client can tell the person why (ACCOUNT_DISABLED).
      if (session && user && !user.purgedAt && user.disabledAt) throw new AccountDisabledError('This account has been disabled.');
      if (session && user && !user.purgedAt) {
        ctx.state.actor = {
          userId: user.id,
          user,
          session,
          permissions: new Set(permissionsFor({ status: user.status, roles: [user.role] })),
          consentBlock: await consentBlock(em, user),
        };
      }
    }
    await next();
  };
}
