import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { z } from 'zod';
import type { ChatClose, ChatCreate, ChatListQuerySchema, ChatPage, ChatReadSchema, ChatSummary } from '../../../../shared/schemas/chat.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { visibleTicket } from '../tickets/tickets.service';
import { ChatMessageSchema } from './chat-message.entity';
import { ChatReadSchema as ChatReadEntity } from './chat-read.entity';
import { ChatSessionSchema } from './chat-session.entity';
import { chatSummaries, messageBodyRef } from './chat-views';
import { chatActor, visibleChat } from './chat-visibility';
import type { ChatWakeups } from './chat-wakeups';
import { chatFilter, claimDecision, isAnswerer, mayClose, mayWriteQuickAnswer, unreadRelevance } from './chat.policy';
import { selectChats, selectUnreadTotal, type ChatCursor, type ChatRow } from './chat.read';
import { checkText, logTextCheck } from './content-security';
import { QuickAnswerSchema } from './quick-answer.entity';

type ListQuery = z.infer<typeof ChatListQuerySchema>;
type ReadInput = z.infer<typeof ChatReadSchema>;

/** The summary of one conversation as the actor sees it now (re-read: unread counts and claims change). */
export async function chatSummaryFor(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<ChatSummary> {
  const [summary] = await chatSummaries(deps, em, [await visibleChat(deps, em, actor, id)]);
  return summary!;
}

/** `<ms>_<id>` of the last row, opaque to the client. */
function encodeCursor(row: ChatRow): string {
  return Buffer.from(`${row.lastMessageAt.getTime()}_${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): ChatCursor {
  const match = /^(\d{1,15})_([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new ValidationError([{ path: 'cursor', message: '分页参数无效，请刷新列表' }]);
  return { lastMessageAt: new Date(Number(match[1])), id: match[2]! };
}

/** A staff member's conversation may be about a ticket they reported; any other ticket is a field error, not a hint it exists. */
async function requireOwnTicket(deps: AppDeps, em: EntityManager, actor: Actor, ticketId: string): Promise<void> {
  const own = await visibleTicket(deps, em, actor, ticketId).then(
    ({ row }) => row.reporterId === actor.userId,
    (err: unknown) => (err instanceof NotFoundError ? false : Promise.reject(err)),
  );
  if (!own) throw new ValidationError([{ path: 'ticketId', message: '只能就您本人报修的工单发起咨询' }]);
}

/**
 * Opens a conversation with its first question (staff; engineers and admins
 * answer, they do not open). The text passes content security first; with a
 * `clientId` a retried open returns the first conversation.
 */
export async function createChat(deps: AppDeps, em: EntityManager, actor: Actor, input: ChatCreate): Promise<ChatSummary> {
  const who = chatActor(actor);
  if (isAnswerer(who.role)) throw new ForbiddenError('Engineers and admins answer conversations; staff open them.');
  if (input.ticketId) await requireOwnTicket(deps, em, actor, input.ticketId);
  const verdict = await checkText(deps, actor.user, input.text, {});

  const created = await once(em, { userId: who.userId, route: 'POST /chats', key: input.clientId, body: input }, async (tx) => {
    const now = deps.clock.now();
    const chatId = newId();
    const messageId = newId();
    tx.create(ChatSessionSchema, {
      id: chatId,
      createdAt: now,
      ownerId: who.userId,
      ticketId: input.ticketId ?? null,
      status: 'open',
      claimedById: null,
      lastMessageAt: now,
      closedAt: null,
    });
    tx.create(ChatMessageSchema, {
      id: messageId,
      createdAt: now,
      chat: tx.getReference(ChatSessionSchema, chatId),
      authorId: who.userId,
      kind: 'text',
      bodySealed: deps.cipher.seal(messageBodyRef(messageId), input.text),
      fileId: null,
      clientId: input.clientId ?? null,
    });
    await tx.flush();
    return { id: chatId, messageId };
  });
  logTextCheck(deps, verdict, { chatId: created.id, messageId: created.messageId });
  return chatSummaryFor(deps, em, actor, created.id);
}

/**
 * The actor's conversations (access-matrix.md), most recent activity first,
 * keyset-paged; `unreadTotal` is the badge over everything that can be
 * unread for them, whatever the page's scope.
 */
export async function listChats(deps: AppDeps, em: EntityManager, actor: Actor, query: ListQuery): Promise<ChatPage> {
  const who = chatActor(actor);
  const now = deps.clock.now();
  const windowDays = deps.env.VISIBILITY_WINDOW_DAYS;
  const dialect = deps.env.database.dialect;
  const filter = chatFilter(who, query.scope, query.status, now, windowDays);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await selectChats(em, dialect, who.userId, filter, { after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: await chatSummaries(deps, em, page),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
    unreadTotal: await selectUnreadTotal(em, dialect, who.userId, unreadRelevance(who, now, windowDays)),
  };
}

const CLOSED = '咨询已结束';
const CLAIMED_BY_OTHER = '该咨询已由其他工程师接待';
export const CHANGED_MEANWHILE = '咨询状态已变化，请刷新后重试';

export function conflictFor(reason: 'closed' | 'claimed_by_other'): ConflictError {
  return new ConflictError(reason === 'closed' ? CLOSED : CLAIMED_BY_OTHER);
}

/**
 * An engineer or admin takes a conversation to answer. Taking one a
 * colleague has is 409, except for admins (who reassign by taking it).
 * The update is conditional on the claim read, so two engineers claiming
 * at once get one success and one 409.
 */
export async function claimChat(deps: AppDeps, wakeups: ChatWakeups, em: EntityManager, actor: Actor, id: string): Promise<ChatSummary> {
  const who = chatActor(actor);
  if (!isAnswerer(who.role)) throw new ForbiddenError('Only engineers and admins claim conversations.');
  const row = await visibleChat(deps, em, actor, id);
  const decision = claimDecision(who, row);
  if (!decision.ok) throw conflictFor(decision.reason);
  if (decision.changes) {
    const updated = await em.nativeUpdate(ChatSessionSchema, { id, status: 'open', claimedById: row.claimedById }, { claimedById: who.userId });
    if (updated !== 1) throw new ConflictError(CHANGED_MEANWHILE);
    wakeups.signal(id);
  }
  return chatSummaryFor(deps, em, actor, id);
}

/**
 * Ends a conversation (the owner, the claimant, or an admin). An engineer
 * or admin may save the exchange as a quick answer in their own words; it
 * is offered to later askers, so it passes content security like any text.
 */
export async function closeChat(deps: AppDeps, wakeups: ChatWakeups, em: EntityManager, actor: Actor, id: string, input: ChatClose): Promise<ChatSummary> {
  const who = chatActor(actor);
  const row = await visibleChat(deps, em, actor, id);
  if (!mayClose(who, row)) throw new ForbiddenError('Only the asker, the engineer who claimed it, or an admin closes a conversation.');
  const qa = input.quickAnswer;
  if (qa && !mayWriteQuickAnswer(who)) throw new ValidationError([{ path: 'quickAnswer', message: '常见问答由接待的工程师填写' }]);
  if (row.status !== 'open') throw conflictFor('closed');
  if (qa) await checkText(deps, actor.user, `${qa.question}\n${qa.answer}`, { chatId: id });

  await em.transactional(async (tx) => {
    const now = deps.clock.now();
    const updated = await tx.nativeUpdate(ChatSessionSchema, { id, status: 'open' }, { status: 'closed', closedAt: now });
    if (updated !== 1) throw conflictFor('closed');
    if (qa) {
      tx.create(QuickAnswerSchema, {
        id: newId(),
        createdAt: now,
        question: qa.question,
        answer: qa.answer,
        sourceChatId: id,
        createdById: who.userId,
        active: true,
        updatedAt: now,
      });
      await tx.flush();
    }
  });
  wakeups.signal(id);
  return chatSummaryFor(deps, em, actor, id);
}

/**
 * Records how far the actor has read (per participant; it only moves
 * forward). The id must be a message of this conversation.
 */
export async function markChatRead(deps: AppDeps, em: EntityManager, actor: Actor, id: string, input: ReadInput): Promise<ChatSummary> {
  await visibleChat(deps, em, actor, id);
  const lastReadId = input.lastReadId.toLowerCase();
  const message = await em.findOne(ChatMessageSchema, { id: lastReadId, chat: id }, { fields: ['id'] as never });
  if (!message) throw new ValidationError([{ path: 'lastReadId', message: '不是该咨询中的消息' }]);
  await em.fork().transactional(async (tx) => {
    // Write first: on SQLite a transaction that reads before it writes can be refused while another connection writes.
    await (tx as SqlEntityManager)
      .createQueryBuilder(ChatReadEntity)
      .insert({ id: newId(), createdAt: deps.clock.now(), chatId: id, userId: actor.userId, lastReadId })
      .onConflict(['chatId', 'userId'])
      .ignore()
      .execute();
    const marker = await tx.findOneOrFail(ChatReadEntity, { chatId: id, userId: actor.userId });
    // Compared here, not in SQL: the column is text, and text order in PostgreSQL follows the collation.
    if (marker.lastReadId < lastReadId) {
      marker.lastReadId = lastReadId;
      await tx.flush();
    }
  });
  return chatSummaryFor(deps, em, actor, id);
}
