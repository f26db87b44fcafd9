import { useSyncExternalStore } from 'react'
import { listChats } from '../services/chat'

/** Unread chat messages for the 首页 card: null until known. */
let unread: number | null = null
const subscribers = new Set<() => void>()

export function setChatUnread(count: number | null): void {
  if (count === unread) return
  unread = count
  for (const notify of subscribers) notify()
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

const read = () => unread

export function useChatUnread(): number | null {
  return useSyncExternalStore(subscribe, read, read)
}

let inflight: Promise<void> | undefined

/**
 * Staff (no scope): unread answers in their own conversations. Engineers and
 * admins (`claimed`): unread messages in the conversations they took. A
 * failure keeps the last count.
 */
export function refreshChatUnread(scope?: 'claimed'): Promise<void> {
  inflight ??= listChats({ scope, limit: 1 })
    .then((page) => setChatUnread(page.unreadTotal))
    .catch(() => undefined)
    .finally(() => {
      inflight = undefined
    })
  return inflight
}
