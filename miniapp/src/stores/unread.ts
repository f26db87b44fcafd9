import { useSyncExternalStore } from 'react'
import { listNotifications } from '../services/notifications'
import { showUnreadOnTab } from '../services/tab-badge'
import type { SessionState } from './session'

/** How many notifications the user has not read; null until first known (no badge meanwhile). */
let unread: number | null = null
const subscribers = new Set<() => void>()

export function setUnread(count: number | null): void {
  if (count === unread) return
  unread = count
  showUnreadOnTab(count ?? 0)
  for (const notify of subscribers) notify()
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

const read = () => unread

export function useUnread(): number | null {
  return useSyncExternalStore(subscribe, read, read)
}

let inflight: Promise<void> | undefined

/** Asks the server (one notification is enough: the page carries the total); a failure keeps the last count. */
export function refreshUnread(): Promise<void> {
  inflight ??= listNotifications({ limit: 1 })
    .then((page) => setUnread(page.unread))
    .catch(() => undefined)
    .finally(() => {
      inflight = undefined
    })
  return inflight
}

/** After sign-out: no badge for the next user. */
export function clearUnread(): void {
  setUnread(null)
}

/** After /me loaded (a tab shown): only an active account has notifications to count. */
export function refreshUnreadFor(state: SessionState): Promise<void> {
  return state.phase === 'ready' && state.me.status === 'active' ? refreshUnread() : Promise.resolve()
}
