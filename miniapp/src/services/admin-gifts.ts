import { z } from 'zod'
import {
  AdminGiftViewSchema,
  StockChangePageSchema,
  StockChangeViewSchema,
  type AdminGiftView,
  type GiftCreate,
  type GiftPatch,
  type StockChangeInput,
  type StockChangeView,
} from '@shared/schemas/gifts.schema'
import { isApiError } from './api-error'
import { API_BASE } from './api-base'
import { messageOf } from './errors.zh'
import { requestParsed } from './http'

export type { AdminGiftView, GiftCreate, GiftPatch, StockChangeInput, StockChangeView }
export type StockChangePage = z.infer<typeof StockChangePageSchema>

const AdminGiftListSchema = z.object({ items: z.array(AdminGiftViewSchema) })

const giftPath = (id: string, rest = '') => `/admin/gifts/${encodeURIComponent(id)}${rest}`

/** GET /admin/gifts: every gift (the whole catalog, tens of rows), switched off ones included, newest first. */
export async function listAdminGifts(): Promise<AdminGiftView[]> {
  return (await requestParsed(AdminGiftListSchema, '/admin/gifts')).items
}

/** GET /admin/gifts/:id: one gift for the edit page, in any state. */
export function getAdminGift(id: string): Promise<AdminGiftView> {
  return requestParsed(AdminGiftViewSchema, giftPath(id))
}

/** POST /admin/gifts: the starting stock becomes the first stock change. One key per form, so a resent save creates one gift. */
export function createGift(body: GiftCreate, idempotencyKey?: string): Promise<AdminGiftView> {
  return requestParsed(AdminGiftViewSchema, '/admin/gifts', { method: 'POST', body, idempotencyKey })
}

/** PATCH /admin/gifts/:id: any subset of the fields (the server applies only those sent); stock moves only through stock changes. */
export function updateGift(id: string, body: GiftPatch): Promise<AdminGiftView> {
  return requestParsed(AdminGiftViewSchema, giftPath(id), { method: 'PATCH', body })
}

/**
 * POST /admin/gifts/:id/stock-changes: add (delta > 0) or remove units with a
 * note; resolves to the change with the stock it left. The key makes a resent
 * adjustment count once; 409 OUT_OF_STOCK when more would go out than there is.
 */
export function addStockChange(id: string, body: StockChangeInput, idempotencyKey?: string): Promise<StockChangeView> {
  return requestParsed(StockChangeViewSchema, giftPath(id, '/stock-changes'), { method: 'POST', body, idempotencyKey })
}

/** GET /admin/gifts/:id/stock-changes: newest first, keyset paged. */
export function listStockChanges(id: string, { cursor, limit = 20 }: { cursor?: string; limit?: number } = {}): Promise<StockChangePage> {
  return requestParsed(StockChangePageSchema, giftPath(id, '/stock-changes'), { query: { cursor, limit } })
}

/** A gift image URL an <Image> can load on both targets (weapp needs the absolute address). */
export function giftImageSrc(url: string): string {
  return url.startsWith('/') ? `${API_BASE}${url}` : url
}

/** The Chinese message for a failed stock adjustment. */
export function stockChangeMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'OUT_OF_STOCK') return '库存不足：减少的数量不能超过当前库存'
  if (isApiError(err) && err.code === 'CONFLICT') return '库存刚被其他操作改变，请刷新后重试'
  if (isApiError(err) && err.code === 'NOT_FOUND') return '礼品不存在或已被删除'
  return messageOf(err)
}

/** The Chinese message for a failed save of the gift form (field errors are shown under their fields). */
export function giftSaveMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'CONFLICT') return '礼品刚被其他管理员修改，请刷新后再保存（您填写的内容仍保留在页面上）'
  if (isApiError(err) && err.code === 'IDEMPOTENCY_CONFLICT') return '该礼品已提交过，请返回礼品列表查看'
  return messageOf(err)
}
