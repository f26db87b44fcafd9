import {
  OrderPageSchema,
  OrderViewSchema,
  type OrderStatus,
  type OrderView,
  type RedeemInput,
} from '@shared/schemas/redemptions.schema'
import type { ErrorCode } from '@shared/errors'
import { isApiError } from './api-error'
import { requestParsed } from './http'
import { createIdempotencyKey } from './idempotency'

export type { OrderStatus, OrderView, RedeemInput }

export interface OrderPage {
  items: OrderView[]
  nextCursor: string | null
}

const orderPath = (id: string, rest = '') => `/redemptions/${encodeURIComponent(id)}${rest}`

/**
 * POST /redemptions → the order, `pending`. The key is made once per confirm
 * page and reused on every retry, so a double tap, a retry after a lost
 * answer, or a resend never makes a second order (the server replays the first).
 */
export function redeem(body: RedeemInput, idempotencyKey: string): Promise<OrderView> {
  return requestParsed(OrderViewSchema, '/redemptions', { method: 'POST', body, idempotencyKey })
}

/** GET /redemptions?status=: the caller's orders, newest first. */
export function listOrders({ status, cursor, limit = 20 }: { status?: OrderStatus; cursor?: string; limit?: number } = {}): Promise<OrderPage> {
  return requestParsed(OrderPageSchema, '/redemptions', { query: { status, cursor, limit } })
}

/** GET /redemptions/:id; 404 for an order that is not the caller's. */
export function getOrder(id: string): Promise<OrderView> {
  return requestParsed(OrderViewSchema, orderPath(id))
}

/** POST /redemptions/:id/cancel while pending: points refunded and stock returned; 409 once it has shipped. */
export function cancelOrder(id: string, reason?: string): Promise<OrderView> {
  const trimmed = reason?.trim()
  return requestParsed(OrderViewSchema, orderPath(id, '/cancel'), { method: 'POST', body: trimmed ? { reason: trimmed } : {} })
}

/** The refusals of a redemption that the user can act on (decision 011); each has its own text. */
export const REDEEM_REFUSALS = ['GIFT_UNAVAILABLE', 'GIFT_LIMIT_REACHED', 'GIFT_VALUE_CAP_REACHED', 'INSUFFICIENT_POINTS', 'OUT_OF_STOCK'] as const satisfies readonly ErrorCode[]
export type RedeemRefusal = (typeof REDEEM_REFUSALS)[number]

export function redeemRefusalOf(err: unknown): RedeemRefusal | null {
  if (!isApiError(err)) return null
  return REDEEM_REFUSALS.find((c) => c === err.code) ?? null
}

/** One confirm-page visit: one Idempotency-Key for every send from it, whatever is retried. */
export interface RedemptionAttempt {
  readonly key: string
  send: (body: RedeemInput) => Promise<OrderView>
}

/**
 * Made once when the confirm page opens. Every tap of 确认兑换 on that page
 * sends the same key: a double tap, or a retry after the answer was lost,
 * returns the first order instead of placing a second. A refusal (409) leaves
 * nothing behind on the server, so the same key may then carry a changed
 * quantity or address; after a success the page is left.
 */
export function startRedemption(): RedemptionAttempt {
  const key = createIdempotencyKey()
  return { key, send: (body) => redeem(body, key) }
}
