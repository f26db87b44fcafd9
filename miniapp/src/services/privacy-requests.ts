import {
  PrivacyRequestListSchema,
  PrivacyRequestViewSchema,
  type PrivacyRequestCreate,
  type PrivacyRequestView,
} from '@shared/schemas/privacy-requests.schema'
import { requestParsed } from './http'
import { createIdempotencyKey } from './idempotency'

export type { PrivacyRequestCreate, PrivacyRequestView }

/** GET /privacy/requests: my requests with their status, due date, history and answer; newest first. */
export async function listPrivacyRequests(): Promise<PrivacyRequestView[]> {
  const list = await requestParsed(PrivacyRequestListSchema, '/privacy/requests')
  return list.items
}

/** GET /privacy/requests/:id: one of mine (404 for anyone else's), e.g. opened from a notification. */
export function getPrivacyRequest(id: string): Promise<PrivacyRequestView> {
  return requestParsed(PrivacyRequestViewSchema, `/privacy/requests/${encodeURIComponent(id)}`)
}

/**
 * POST /privacy/requests `{type, details, code}` with an Idempotency-Key: the
 * code is a fresh `login` code to one's own number (identity re-verification).
 */
export function createPrivacyRequest(body: PrivacyRequestCreate, idempotencyKey: string): Promise<PrivacyRequestView> {
  return requestParsed(PrivacyRequestViewSchema, '/privacy/requests', { method: 'POST', body, idempotencyKey })
}

/** One visit of the form: one Idempotency-Key for every send from it. */
export interface PrivacyRequestAttempt {
  readonly key: string
  send: (body: PrivacyRequestCreate) => Promise<PrivacyRequestView>
}

/**
 * Made once when the form opens. A double tap, or a retry after a lost
 * answer (whose code the server already used), sends the same key and gets
 * the first request back instead of filing a second one.
 */
export function startPrivacyRequest(): PrivacyRequestAttempt {
  const key = createIdempotencyKey()
  return { key, send: (body) => createPrivacyRequest(body, key) }
}

/** Open requests first (the soonest due on top), then the answered ones, newest first. */
export function sortRequests(items: readonly PrivacyRequestView[]): PrivacyRequestView[] {
  const open = (r: PrivacyRequestView) => r.status === 'received' || r.status === 'in_progress'
  return [...items].sort((a, b) => {
    if (open(a) !== open(b)) return open(a) ? -1 : 1
    if (open(a)) return Date.parse(a.dueAt) - Date.parse(b.dueAt)
    return Date.parse(b.createdAt) - Date.parse(a.createdAt)
  })
}
