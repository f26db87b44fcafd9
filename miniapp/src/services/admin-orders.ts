import type { z } from 'zod'
import {
  AdminOrderPageSchema,
  OrderViewSchema,
  type AdminOrderView,
  type OrderStatus,
  type OrderView,
  type ShipInput,
} from '@shared/schemas/redemptions.schema'
import { ADMIN_ORDER_STATUS_LABELS } from '../labels/orders.admin.zh'
import { isApiError } from './api-error'
import { messageOf } from './errors.zh'
import { request, requestParsed } from './http'

export type { AdminOrderView, OrderStatus, OrderView, ShipInput }
export type AdminOrderPage = z.infer<typeof AdminOrderPageSchema>

const orderPath = (id: string, action: string) => `/admin/redemptions/${encodeURIComponent(id)}/${action}`

/** `GET /admin/redemptions/export.csv`: the packing list (pending orders by default). */
export const ORDER_EXPORT_PATH = '/admin/redemptions/export.csv'

export interface AdminOrderQuery {
  /** Omitted: every status. */
  status?: OrderStatus
  /** Order number (exact or prefix) or tracking number; blank is not sent. */
  q?: string
  cursor?: string
  limit?: number
}

/** GET /admin/redemptions: one page of orders, newest first, with the count of orders per status for the tabs. */
export function listAdminOrders({ status, q, cursor, limit = 20 }: AdminOrderQuery = {}): Promise<AdminOrderPage> {
  return requestParsed(AdminOrderPageSchema, '/admin/redemptions', { query: { status, q: q?.trim() || undefined, cursor, limit } })
}

/** The order if the server answered with it (with or without `user`), else null (the caller reloads). */
function orderOrNull(data: unknown): OrderView | null {
  const parsed = OrderViewSchema.safeParse(data)
  return parsed.success ? parsed.data : null
}

/** POST /admin/redemptions/:id/ship: pending → shipped with the carrier and tracking number the user will see. */
export async function shipOrder(id: string, body: ShipInput): Promise<OrderView | null> {
  return orderOrNull(await request(orderPath(id, 'ship'), { method: 'POST', body }))
}

/** POST /admin/redemptions/:id/deliver: shipped → delivered (signed for). */
export async function deliverOrder(id: string): Promise<OrderView | null> {
  return orderOrNull(await request(orderPath(id, 'deliver'), { method: 'POST', body: {} }))
}

/** POST /admin/redemptions/:id/cancel: the user's points are refunded and the stock restored; the reason is shown to the user. */
export async function cancelOrderAsAdmin(id: string, reason: string): Promise<OrderView | null> {
  return orderOrNull(await request(orderPath(id, 'cancel'), { method: 'POST', body: { reason } }))
}

/** Applies an action's answer to the row on screen (the answer may lack `user`). */
export function mergeOrder(row: AdminOrderView, updated: OrderView): AdminOrderView {
  return { ...row, ...updated, user: row.user }
}

/**
 * The Chinese message for a failed ship / deliver / cancel. A 409 means the
 * order is no longer in the state the button assumed (another admin, or the
 * user cancelling): the page reloads the list.
 */
export function orderActionMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'CONFLICT') return '订单状态已变化（可能已被其他管理员或用户处理），列表已刷新'
  if (isApiError(err) && err.code === 'NOT_FOUND') return '订单不存在，列表已刷新'
  return messageOf(err)
}

/** A failure after which the list on screen is stale and should reload. */
export function isStaleOrderError(err: unknown): boolean {
  return isApiError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** `礼品订单-待发货-20261122.csv` (Shanghai date): the name when the server's Content-Disposition cannot be read. */
export function orderExportFileName(status: OrderStatus = 'pending', now: number = Date.now()): string {
  const day = new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '')
  return `礼品订单-${ADMIN_ORDER_STATUS_LABELS[status]}-${day}.csv`
}

/** The file name in a Content-Disposition header (`filename*=UTF-8''…` preferred), or null. */
export function fileNameOfDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // Badly encoded: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header)
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim()
  return name || null
}
