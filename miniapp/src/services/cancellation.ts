import { CancellationViewSchema, type CancellationRequest, type CancellationView } from '@shared/schemas/cancellation.schema'
import { requestParsed } from './http'

export type { CancellationView }

/** GET /me/cancellation: whether the account is being cancelled, when the purge may run, and the grace period in days. */
export function getCancellation(): Promise<CancellationView> {
  return requestParsed(CancellationViewSchema, '/me/cancellation')
}

/**
 * POST /me/cancellation `{confirm: true, code}`: the code is a fresh `login`
 * code sent to one's own number. Every session of the account ends at once,
 * this one included: the caller then forgets the session locally. Resolves
 * to the new state, with `purgeAfter` (when the personal data goes).
 */
export function cancelAccount(code: string): Promise<CancellationView> {
  const body: CancellationRequest = { confirm: true, code: code.trim() }
  return requestParsed(CancellationViewSchema, '/me/cancellation', { method: 'POST', body })
}

/** DELETE /me/cancellation: signed in again within the grace period, the person keeps the account (reload /me after). */
export function undoCancellation(): Promise<CancellationView> {
  return requestParsed(CancellationViewSchema, '/me/cancellation', { method: 'DELETE' })
}

/** Whole days from `now` until `iso` (at least 0), for 「还有 N 天」. */
export function daysUntil(iso: string | null, now: number = Date.now()): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return null
  return Math.max(0, Math.ceil((ms - now) / 86_400_000))
}
