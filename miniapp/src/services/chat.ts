import {
  ChatMessagesPageSchema,
  ChatMessageViewSchema,
  ChatPageSchema,
  ChatSummarySchema,
  SuggestionsSchema,
  type ChatClose,
  type ChatMessageCreate,
  type ChatMessagesPage,
  type ChatMessageView,
  type ChatPage,
  type ChatSummary,
  type Suggestions,
} from '@shared/schemas/chat.schema'
import { request, requestParsed } from './http'

export type { ChatMessagesPage, ChatMessageView, ChatPage, ChatSummary, Suggestions }
export type ChatScope = 'mine' | 'unclaimed' | 'claimed' | 'all'
export type ChatStatus = ChatSummary['status']

/** The server holds a long-poll this long (seconds, ≤ 25 by contract). */
export const LONG_POLL_SECONDS = 25
/** The request outlives the server's hold by a margin, so a held answer is never cut off as a network error. */
const LONG_POLL_TIMEOUT_MS = (LONG_POLL_SECONDS + 15) * 1000

const chatPath = (id: string, rest = '') => `/chats/${encodeURIComponent(id)}${rest}`

/** POST /chats: opens a conversation with its first question; `clientId` makes a resent open store it once. */
export function createChat(body: { text: string; ticketId?: string; clientId: string }): Promise<ChatSummary> {
  return requestParsed(ChatSummarySchema, '/chats', { method: 'POST', body })
}

/** GET /chats: staff get their own; engineers and admins choose a scope. `unreadTotal` is for the badge. */
export function listChats({ status, scope, cursor, limit = 20 }: { status?: ChatStatus; scope?: ChatScope; cursor?: string; limit?: number } = {}): Promise<ChatPage> {
  return requestParsed(ChatPageSchema, '/chats', { query: { status, scope, cursor, limit } })
}

/**
 * GET /chats/:id/messages: messages newer than `after` (oldest first) and the
 * conversation as it is now. With `wait` the server holds the request until
 * something newer exists (a long-poll) and answers empty on timeout.
 */
export function getMessages(chatId: string, { after, wait = 0, limit }: { after?: string; wait?: number; limit?: number } = {}): Promise<ChatMessagesPage> {
  return requestParsed(ChatMessagesPageSchema, chatPath(chatId, '/messages'), {
    query: { after, wait: wait > 0 ? wait : undefined, limit },
    timeoutMs: wait > 0 ? LONG_POLL_TIMEOUT_MS : undefined,
  })
}

/**
 * POST /chats/:id/messages. The same `clientId` on a retry stores the message
 * once. Refusals: 422 `CONTENT_REJECTED` (WeChat content security), 409 (closed).
 */
export function sendMessage(chatId: string, body: ChatMessageCreate): Promise<ChatMessageView> {
  return requestParsed(ChatMessageViewSchema, chatPath(chatId, '/messages'), { method: 'POST', body })
}

/** The conversation if the server answered with it, else null (the caller reloads). */
function summaryOrNull(data: unknown): ChatSummary | null {
  const parsed = ChatSummarySchema.safeParse(data)
  return parsed.success ? parsed.data : null
}

/** POST /chats/:id/claim: an engineer or admin takes the conversation. */
export async function claimChat(chatId: string): Promise<ChatSummary | null> {
  return summaryOrNull(await request(chatPath(chatId, '/claim'), { method: 'POST' }))
}

/** POST /chats/:id/close, optionally saving the exchange as a quick answer (rewritten without personal details). */
export async function closeChat(chatId: string, body: ChatClose = {}): Promise<ChatSummary | null> {
  return summaryOrNull(await request(chatPath(chatId, '/close'), { method: 'POST', body }))
}

/** POST /chats/:id/read: everything up to `lastReadId` has been seen. */
export async function markChatRead(chatId: string, lastReadId: string): Promise<void> {
  await request(chatPath(chatId, '/read'), { method: 'POST', body: { lastReadId } })
}

/** GET /help/suggestions: documents and past answers that may answer a question before it is asked. */
export function getSuggestions(q: string): Promise<Suggestions> {
  return requestParsed(SuggestionsSchema, '/help/suggestions', { query: { q } })
}

/** Suggestions are looked up from this many characters on (trimmed). */
export const SUGGEST_MIN_CHARS = 2
