import type { ChatMessageView } from './chat'
import type { Outgoing } from './chat-outgoing'

/** Oldest first: by time, then by id (time-ordered ids break ties). */
function byTime(a: ChatMessageView, b: ChatMessageView): number {
  const ta = Date.parse(a.createdAt)
  const tb = Date.parse(b.createdAt)
  if (ta !== tb) return ta - tb
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The conversation after new messages arrived (a poll, a send's answer):
 * each message once, oldest first, whichever way it came in first.
 */
export function mergeMessages(shown: readonly ChatMessageView[], incoming: readonly ChatMessageView[]): ChatMessageView[] {
  if (incoming.length === 0) return shown as ChatMessageView[]
  const byId = new Map(shown.map((m) => [m.id, m]))
  for (const m of incoming) byId.set(m.id, m)
  return [...byId.values()].sort(byTime)
}

/** Pending bubbles whose message the server now has (by clientId) are done: the server's copy takes their place. */
export function settlePending(pending: readonly Outgoing[], messages: readonly ChatMessageView[]): Outgoing[] {
  const stored = new Set(messages.flatMap((m) => (m.mine && m.clientId ? [m.clientId] : [])))
  const left = pending.filter((o) => !stored.has(o.clientId))
  return left.length === pending.length ? (pending as Outgoing[]) : left
}

/** The id to report as read: the newest message. */
export function lastMessageId(messages: readonly ChatMessageView[]): string | undefined {
  return messages[messages.length - 1]?.id
}
