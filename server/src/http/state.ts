import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { Permission } from '../../../shared/permissions';
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

/** The signed-in user as this request sees them: computed fresh, never cached across requests. */
export interface Actor {
  userId: string;
  user: User;
  session: Session;
  permissions: ReadonlySet<Permission>;
  /** Consent that must be given before anything but the consent flow. */
  consentBlock: ConsentBlock;
}
