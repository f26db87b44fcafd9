import type { Logger } from 'pino';
import type { EntityManager } from '@mikro-orm/core';

/** What middleware puts on `ctx.state` for the handlers below it. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** The request's own EntityManager fork. */
  em: EntityManager;
  /** Set by authentication once sessions exist; absent for anonymous requests. */
  actor?: Actor;
}

/** The signed-in user as the permission checks see them. */
export interface Actor {
  userId: string;
  permissions: ReadonlySet<string>;
}
