import type { EntityManager } from '@mikro-orm/core';
import type { AppDeps } from '../../app-deps';
import { NotFoundError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { visibleChatFilter, type ChatActor } from './chat.policy';
import { selectChats, type ChatRow } from './chat.read';

export function chatActor(actor: Actor): ChatActor {
  return { userId: actor.userId, role: actor.user.role };
}

/**
 * One conversation the actor may see, with the actor's unread count; 404
 * otherwise (another staff member's, one outside the window — no hint it
 * exists). The same query as the list, so the two cannot disagree.
 */
export async function visibleChat(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<ChatRow> {
  const filter = visibleChatFilter(chatActor(actor), deps.clock.now(), deps.env.VISIBILITY_WINDOW_DAYS);
  const [row] = await selectChats(em, deps.env.database.dialect, actor.userId, filter, { id, limit: 1 });
  if (!row) throw new NotFoundError('No such conversation.');
  return row;
}

/** Whether the actor may see the conversation (for files sent in it). */
export async function seesChat(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<boolean> {
  return visibleChat(deps, em, actor, id).then(
    () => true,
    (err: unknown) => (err instanceof NotFoundError ? false : Promise.reject(err)),
  );
}
