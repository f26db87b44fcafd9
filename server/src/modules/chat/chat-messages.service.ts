import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import type { ChatMessageCreate, ChatMessagesPage, ChatMessagesQuerySchema, ChatMessageView } from '../../../../shared/schemas/chat.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { claimFile } from '../files/files.service';
import { isImage } from '../files/file.policy';
import { StoredFileSchema } from '../files/stored-file.entity';
import { notifyUser } from '../notifications/notify';
import { ChatMessageSchema, type ChatMessage } from './chat-message.entity';
import { ChatSessionSchema } from './chat-session.entity';
import { chatSummaries, messageBodyRef, messageView, peopleOf } from './chat-views';
import { chatActor, visibleChat } from './chat-visibility';
import type { ChatWakeups } from './chat-wakeups';
import { notifiesOwner, sendDecision } from './chat.policy';
import { CHANGED_MEANWHILE, conflictFor } from './chats.service';
import { checkText, logTextCheck } from './content-security';

type MessagesQuery = z.infer<typeof ChatMessagesQuerySchema>;

async function views(deps: AppDeps, em: EntityManager, viewerId: string, messages: ChatMessage[]): Promise<ChatMessageView[]> {
  const people = await peopleOf(deps, em, messages.map((m) => m.authorId));
  return messages.map((m) => messageView(deps, viewerId, m, people));
}

/** Messages after `after` in order; without it, the latest page (oldest of them first). */
async function selectMessages(em: EntityManager, chatId: string, after: string | undefined, limit: number): Promise<ChatMessage[]> {
  if (after) return em.find(ChatMessageSchema, { chat: chatId, id: { $gt: after } }, { orderBy: { id: 'asc' }, limit });
  const latest = await em.find(ChatMessageSchema, { chat: chatId }, { orderBy: { id: 'desc' }, limit });
  return latest.reverse();
}

/**
 * A conversation's messages, and its summary. With `after` and `wait`, a
 * long-poll: when nothing is newer the request is held (no database
 * connection, no transaction) until a message arrives, the conversation is
 * claimed or closed, `wait` seconds pass, or the client goes away.
 */
export async function chatMessages(
  deps: AppDeps,
  wakeups: ChatWakeups,
  em: EntityManager,
  actor: Actor,
  chatId: string,
  query: MessagesQuery,
  signal: AbortSignal,
): Promise<ChatMessagesPage> {
  const row = await visibleChat(deps, em, actor, chatId);
  const after = query.after?.toLowerCase();
  let items = await selectMessages(em, chatId, after, query.limit);
  if (items.length || !after || query.wait === 0) {
    return { items: await views(deps, em, actor.userId, items), chat: (await chatSummaries(deps, em, [row]))[0]! };
  }

  // Ready before waiting, so a client that leaves costs no more queries.
  const [before] = await chatSummaries(deps, em, [row]);
  const started = Date.now();
  const outcome = await wakeups.wait({ chatId, after, userId: actor.userId, timeoutMs: query.wait * 1000, signal });
  deps.logger.debug({ chatId, outcome, waitedMs: Date.now() - started }, 'chat long-poll ended');
  if (outcome === 'aborted') return { items: [], chat: before! };

  // Seen again: the conversation may have been closed or claimed, or left the window, meanwhile.
  const now = await visibleChat(deps, em, actor, chatId);
  items = await selectMessages(em, chatId, after, query.limit);
  return { items: await views(deps, em, actor.userId, items), chat: (await chatSummaries(deps, em, [now]))[0]! };
}

/** An image or voice message carries the sender's own, not yet used, `chat` upload of the right kind. */
async function requireUsableFile(em: EntityManager, ownerId: string, fileId: string, kind: 'image' | 'voice'): Promise<void> {
  const file = await em.findOne(StoredFileSchema, { id: fileId, ownerId, purpose: 'chat', deletedAt: null, chatId: null });
  const fits = file && (kind === 'image' ? isImage(file.mime) : file.mime.startsWith('audio/'));
  if (!fits) throw new ValidationError([{ path: 'fileId', message: kind === 'image' ? '图片无效，请重新上传' : '语音无效，请重新录制' }]);
}

const byClientId = (em: EntityManager, chatId: string, authorId: string, clientId: string) =>
  em.findOne(ChatMessageSchema, { chat: chatId, authorId, clientId });

/**
 * Sends a message in a conversation the actor may see and post in
 * (chat.policy.ts `sendDecision`): 409 once closed or when a colleague has
 * claimed it; an engineer or admin answering an unclaimed one claims it.
 * Text passes content security before anything is stored. A retry with
 * the same `clientId` returns the stored message (still 201), without a
 * second check, notification or wake-up. The asker hears of an answer
 * through a notification, in the same transaction as the message.
 */
export async function sendMessage(
  deps: AppDeps,
  wakeups: ChatWakeups,
  em: EntityManager,
  actor: Actor,
  chatId: string,
  input: ChatMessageCreate,
): Promise<ChatMessageView> {
  const who = chatActor(actor);
  const row = await visibleChat(deps, em, actor, chatId);
  const replay = await byClientId(em, chatId, who.userId, input.clientId);
  if (replay) return (await views(deps, em, who.userId, [replay]))[0]!;

  const decision = sendDecision(who, row);
  if (!decision.ok) throw conflictFor(decision.reason);
  const fileId = input.kind === 'text' ? null : input.fileId!;
  if (fileId) await requireUsableFile(em, who.userId, fileId, input.kind as 'image' | 'voice');
  const verdict = input.kind === 'text' ? await checkText(deps, actor.user, input.text!, { chatId }) : undefined;

  const messageId = newId();
  try {
    await em.fork().transactional(async (tx) => {
      const now = deps.clock.now();
      // Written first (SQLite: a transaction that reads before it writes can be refused while another connection writes).
      await tx.insert(ChatMessageSchema, {
        id: messageId,
        createdAt: now,
        chat: chatId,
        authorId: who.userId,
        kind: input.kind,
        bodySealed: input.kind === 'text' ? deps.cipher.seal(messageBodyRef(messageId), input.text!) : null,
        fileId,
        clientId: input.clientId,
      });
      // Conditional on the state the decision was made on: a concurrent close or claim makes this a 409, not a lost update.
      const updated = await tx.nativeUpdate(
        ChatSessionSchema,
        { id: chatId, status: 'open', claimedById: row.claimedById },
        { lastMessageAt: now, ...(decision.claim ? { claimedById: who.userId } : {}) },
      );
      if (updated !== 1) throw new ConflictError(CHANGED_MEANWHILE);
      if (fileId && !(await claimFile(tx, who.userId, fileId, 'chat', now, { chatId }))) {
        throw new ValidationError([{ path: 'fileId', message: '文件已被使用，请重新上传' }]);
      }
      if (notifiesOwner(who, row)) {
        await notifyUser(tx, now, {
          userId: row.ownerId,
          kind: 'chat_reply',
          ticketId: null,
          title: '客服已回复您的咨询',
          body: '您的咨询有新的回复，请打开查看。',
          dedupeKey: `chat-message:${messageId}:${row.ownerId}`,
          // The conversation page of the mini-program (miniapp/src/routes.ts chatUrl).
          page: `packages/chat/conversation/index?id=${chatId}`,
        });
      }
      await tx.flush();
    });
  } catch (err) {
    // The same clientId sent twice at once: the second insert meets the first's unique key.
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    const first = await byClientId(em.fork(), chatId, who.userId, input.clientId);
    if (!first) throw err;
    return (await views(deps, em, who.userId, [first]))[0]!;
  }
  logTextCheck(deps, verdict, { chatId, messageId });
  wakeups.signal(chatId, messageId);
  const stored = await em.findOneOrFail(ChatMessageSchema, { id: messageId });
  return (await views(deps, em, who.userId, [stored]))[0]!;
}
