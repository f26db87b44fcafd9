import Taro from '@tarojs/taro'
import { onApiError } from './services/http'
import { endSession, getSession, needsConsent } from './stores/session'
import { ROUTES } from './routes'

// App-wide reactions to API failures, so no page has to know about them:
// - 401 on a request that carried a token: the session ended (expired, revoked); forget it.
// - 403 RECONSENT_REQUIRED: a material new policy version exists; show the consent
//   page over the current one, and come back here once accepted (the page retries).

let consentOpen = false
const acceptedListeners = new Set<() => void>()

/** Pages whose request failed with RECONSENT_REQUIRED retry when the new policy is accepted. */
export function onConsentAccepted(listener: () => void): () => void {
  acceptedListeners.add(listener)
  return () => acceptedListeners.delete(listener)
}

export function notifyConsentAccepted(): void {
  for (const listener of acceptedListeners) listener()
}

/** The consent page for a logged-in user; `updated` says a new version replaced the accepted one. */
export function reconsentUrl(updated: boolean): string {
  return updated ? `${ROUTES.consent}?reason=updated` : ROUTES.consent
}

/** The consent page says when it is showing, so parallel failures open it once. */
export function setReconsentOpen(open: boolean): void {
  consentOpen = open
}

let installed = false

export function installApiErrorHandlers(): void {
  if (installed) return
  installed = true
  onApiError(({ error, path, authenticated }) => {
    if (!authenticated) return
    if (error.code === 'UNAUTHENTICATED' && path !== '/auth/logout') {
      endSession()
      return
    }
    // CONSENT_REQUIRED is usually one sensitive purpose, which the page asks for in place;
    // only a missing policy consent (the session says so) needs the consent page.
    const session = getSession()
    const policyMissing = error.code === 'CONSENT_REQUIRED' && session.phase === 'ready' && needsConsent(session.me)
    if ((error.code === 'RECONSENT_REQUIRED' || policyMissing) && !consentOpen) {
      consentOpen = true
      void Taro.navigateTo({ url: reconsentUrl(error.code === 'RECONSENT_REQUIRED') }).catch(() => {
        consentOpen = false
      })
    }
  })
}
