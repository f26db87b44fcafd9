import { ConsentStateSchema, type Me } from '@shared/schemas/me.schema'
import { PolicySchema, type ConsentPurpose, type ConsentRequest, type Policy } from '@shared/schemas/privacy.schema'
import { request, requestParsed } from './http'

export type ConsentState = Me['consents']

let cachedPolicy: Promise<Policy> | undefined

/** The current policy. Cached for the app's life unless `fresh` (the consent page always asks). */
export function getPolicy(fresh = false): Promise<Policy> {
  if (fresh || !cachedPolicy) {
    const loading = requestParsed(PolicySchema, '/privacy/policy')
    cachedPolicy = loading
    loading.catch(() => {
      if (cachedPolicy === loading) cachedPolicy = undefined
    })
  }
  return cachedPolicy
}

/** Adds the listed purposes for that policy version; returns the new consent state. */
export function grantConsents(consent: ConsentRequest): Promise<ConsentState> {
  return requestParsed(ConsentStateSchema, '/privacy/consents', { method: 'POST', body: consent })
}

export async function withdrawConsent(purpose: ConsentPurpose): Promise<void> {
  await request(`/privacy/consents/${encodeURIComponent(purpose)}`, { method: 'DELETE' })
}
