import { z } from 'zod'
import { SmsSendResultSchema, type SmsSendResult } from '@shared/schemas/auth.schema'
import { ConsentStateSchema, type Me } from '@shared/schemas/me.schema'
import { PolicySchema, type ConsentPurpose, type ConsentRequest, type Policy } from '@shared/schemas/privacy.schema'
import { requestParsed } from './http'

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

/**
 * DELETE /privacy/consents/:purpose: withdraw one purpose (as easy as
 * granting it); returns the new consent state. Withdrawing a purpose that
 * was not granted changes nothing; `service` answers 409 (cancel the account instead).
 */
export function withdrawConsent(purpose: ConsentPurpose): Promise<ConsentState> {
  return requestParsed(ConsentStateSchema, `/privacy/consents/${encodeURIComponent(purpose)}`, { method: 'DELETE' })
}

/** Grants one purpose again, under the current policy version (the 18+ statement was made at registration). */
export async function regrantConsent(purpose: ConsentPurpose): Promise<ConsentState> {
  const policy = await getPolicy()
  return grantConsents({ policyVersion: policy.version, purposes: [purpose], adult: true })
}

/**
 * GET /me/provisions, as server/src/modules/privacy/privacy.routes.ts answers
 * it (not in shared/schemas yet): which dealer received which fields of which
 * of my tickets, when and why. Newest first, at most 200.
 */
export const ProvisionViewSchema = z.object({
  ticketNumber: z.string(),
  dealer: z.string(),
  purpose: z.string(),
  fields: z.array(z.string()),
  at: z.string(),
})
export type ProvisionView = z.infer<typeof ProvisionViewSchema>
export const ProvisionListSchema = z.object({ items: z.array(ProvisionViewSchema) })

export async function listMyProvisions(): Promise<ProvisionView[]> {
  const page = await requestParsed(ProvisionListSchema, '/me/provisions')
  return page.items
}

/**
 * A fresh code to one's own number (POST /me/sms-code, sent as a `login` code):
 * cancelling the account and privacy requests re-verify the person with it.
 */
export function sendOwnPhoneCode(): Promise<SmsSendResult> {
  // POST /me/sms-code: the server knows the number; the app only holds it masked.
  return requestParsed(SmsSendResultSchema, '/me/sms-code', { method: 'POST' })
}
