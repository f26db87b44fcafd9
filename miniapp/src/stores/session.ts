import { useSyncExternalStore } from 'react'
import type { Session } from '@shared/schemas/auth.schema'
import type { Me } from '@shared/schemas/me.schema'
import type { Permission } from '@shared/permissions'
import { isApiError } from '../services/api-error'
import { logout } from '../services/auth'
import { clearFileUrls } from '../services/file-url'
import { getMe } from '../services/me'
import { clearToken, getToken, setToken } from '../services/token'
import { clearPendingConsent } from './consent'
import { setChatUnread } from './chat-unread'
import { clearUnread } from './unread'

/** Who is using the app: the one place pages read `me` from. */
export type SessionState =
  | { phase: 'loading' }
  | { phase: 'anonymous' }
  | { phase: 'ready'; me: Me }
  /** /me failed for another reason than an ended session (network, server). */
  | { phase: 'error'; error: unknown }

let state: SessionState = { phase: getToken() ? 'loading' : 'anonymous' }
let inflight: Promise<SessionState> | undefined
let loadedOnce = false
const subscribers = new Set<() => void>()

function set(next: SessionState): void {
  state = next
  for (const notify of subscribers) notify()
}

export function getSession(): SessionState {
  return state
}

export function subscribeSession(notify: () => void): () => void {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession, getSession)
}

/** Loads /me when a token exists. `force` reloads; otherwise the first load is reused. */
export function loadSession(force = false): Promise<SessionState> {
  if (inflight) return inflight
  if (loadedOnce && !force) return Promise.resolve(state)
  if (!getToken()) {
    loadedOnce = true
    set({ phase: 'anonymous' })
    return Promise.resolve(state)
  }
  if (state.phase !== 'ready') set({ phase: 'loading' })
  inflight = getMe()
    .then((me) => set({ phase: 'ready', me }))
    .catch((error: unknown) => {
      if (isApiError(error) && error.code === 'UNAUTHENTICATED') endSession()
      else if (state.phase !== 'ready') set({ phase: 'error', error })
    })
    .then(() => {
      loadedOnce = true
      inflight = undefined
      return state
    })
  return inflight
}

export function setMe(me: Me): void {
  loadedOnce = true
  set({ phase: 'ready', me })
}

export function updateConsents(consents: Me['consents']): void {
  if (state.phase === 'ready') set({ phase: 'ready', me: { ...state.me, consents } })
}

/** After /auth/sms/verify or /auth/wechat: keep the token, drop the sent consent, load /me. */
export async function startSession(session: Session): Promise<Me> {
  setToken(session.token)
  // The server recorded the consent with the account; the server's record is the truth from now on.
  clearPendingConsent()
  const me = await getMe()
  setMe(me)
  return me
}

/** Forget the session locally (expired token, logout). */
export function endSession(): void {
  clearToken()
  clearPendingConsent()
  clearFileUrls()
  clearUnread()
  setChatUnread(null)
  loadedOnce = true
  set({ phase: 'anonymous' })
}

/** POST /auth/logout, then forget the session even if the server could not be reached. */
export async function signOut(): Promise<void> {
  try {
    await logout()
  } finally {
    endSession()
  }
}

export function hasPermission(session: SessionState, permission: Permission): boolean {
  return session.phase === 'ready' && session.me.permissions.includes(permission)
}

/** The consent screen must come first: no record, no 18+ statement, or a newer material version. */
export function needsConsent(me: Me): boolean {
  const c = me.consents
  return c.reconsentRequired || !c.policyVersion || !c.adult || !c.purposes.includes('service')
}
