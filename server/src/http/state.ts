import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { Permission } from '../../../shared/permissions';
import type { ActorUser } from '../modules/auth/session-actor.read';
import type { Session } from '../modules/auth/session.entity';
import type { ConsentBlock } from '../modules/privacy/consent.service';
import type { User } from '../modules/users/user.entity';

/** What middleware puts on `ctx.state` for the handlers below it. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** The request's own EntityManager fork. */
  em: EntityManager;
  /** Set by authenticate() for a live session; absent for anonymous requests. */
  actor?: Actor;
}

/**
 * The signed-in user as this request sees them: read fresh in one statement
 * for every request, never cached across requests (decision 014). The
 * plain `user` serves reads; code that changes the user or the session
 * loads the managed entity on demand (once per request).
 */
export interface Actor {
  userId: string;
  sessionId: string;
  user: ActorUser;
  /** Departments an advanced staff member manages right now (revoked grants excluded); empty for everyone else. */
  managedDepartmentIds: readonly string[];
  permissions: ReadonlySet<Permission>;
  /** Consent that must be given before anything but the consent flow. */
  consentBlock: ConsentBlock;
  /** The managed User entity in the request's EntityManager, for writes. */
  loadUser(): Promise<User>;
  /** The managed Session entity, for logout and account merges. */
  loadSession(): Promise<Session>;
}
