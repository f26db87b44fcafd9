import type { EntityManager } from '@mikro-orm/core';
import type { Middleware } from 'koa';
import { permissionsFor, type Permission } from '../../../shared/permissions';
import type { Clock } from '../core/clock';
import { AccountDisabledError } from '../core/errors';
import type { SessionActorRow } from '../modules/auth/session-actor.read';
import { SessionSchema } from '../modules/auth/session.entity';
import { resolveSession, touchSession } from '../modules/auth/sessions.service';
import { blockFor } from '../modules/privacy/consent.service';
import { UserSchema } from '../modules/users/user.entity';
import type { Actor, AppState } from './state';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

/** The permission table is static: one set per (status, role), built once. Nothing about a person is cached. */
const permissionSets = new Map<string, ReadonlySet<Permission>>();
function permissionsOf(status: string, role: Actor['user']['role']): ReadonlySet<Permission> {
  const key = `${status}|${role}`;
  let set = permissionSets.get(key);
  if (!set) permissionSets.set(key, (set = new Set(permissionsFor({ status, roles: [role] }))));
  return set;
}

function actorOf(em: EntityManager, found: SessionActorRow): Actor {
  let user: ReturnType<Actor['loadUser']> | undefined;
  let session: ReturnType<Actor['loadSession']> | undefined;
  return {
    userId: found.user.id,
    sessionId: found.session.id,
    user: found.user,
    managedDepartmentIds: found.managedDepartmentIds,
    permissions: permissionsOf(found.user.status, found.user.role),
    consentBlock: blockFor(found.user, found.reconsentPending),
    loadUser: () => (user ??= em.findOneOrFail(UserSchema, { id: found.user.id })),
    loadSession: () => (session ??= em.findOneOrFail(SessionSchema, { id: found.session.id })),
  };
}

/**
 * Resolves `Authorization: Bearer` to an actor on every request: session,
 * user, managed departments and consent state are read fresh in one
 * statement, so a revocation or a new policy takes effect on the very next
 * request (decision 014). A bad token simply leaves the request anonymous;
 * routes that need a session answer 401.
 */
export function authenticate(clock: Clock): Middleware<AppState> {
  return async (ctx, next) => {
    const match = BEARER.exec(ctx.get('Authorization'));
    if (match) {
      const em = ctx.state.em;
      const now = clock.now();
      const found = await resolveSession(em, match[1]!, now);
      // A cancelling account signed in again sees only its profile and privacy centre (permissionsFor);
      // a purged one is gone: its sessions are deleted, and any that slipped through count for nothing.
      // Disabling revokes every session; one that slipped through (a request
      // racing the disable) is refused outright rather than served anonymously,
      // so the client can tell the person why (ACCOUNT_DISABLED).
      if (found && !found.purgedAt && found.disabledAt) throw new AccountDisabledError('This account has been disabled.');
      if (found && !found.purgedAt) {
        await touchSession(em, found.session, now);
        ctx.state.actor = actorOf(em, found);
      }
    }
    await next();
  };
}
