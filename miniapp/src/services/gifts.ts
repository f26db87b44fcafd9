import { z } from 'zod'
import { GiftViewSchema, type GiftView } from '@shared/schemas/gifts.schema'
import { MAX_QUANTITY_PER_ORDER } from '@shared/schemas/redemptions.schema'
import { API_BASE } from './api-base'
import { requestParsed } from './http'

export type { GiftView }

export interface GiftPage {
  items: GiftView[]
  nextCursor: string | null
}

// gifts.schema.ts has no catalog list schema: the usual `{items, nextCursor}` is
// expected (a plain array or a missing cursor are read as one complete page).
const GiftPageSchema = z.union([
  z.object({ items: z.array(GiftViewSchema), nextCursor: z.string().nullable().optional() }).transform((p): GiftPage => ({ items: p.items, nextCursor: p.nextCursor ?? null })),
  z.array(GiftViewSchema).transform((items): GiftPage => ({ items, nextCursor: null })),
])

const giftPath = (id: string) => `/gifts/${encodeURIComponent(id)}`

/** GET /gifts: the catalog as the caller sees it (`available`, `redeemedByMe`). */
export function listGifts({ cursor, limit = 20 }: { cursor?: string; limit?: number } = {}): Promise<GiftPage> {
  return requestParsed(GiftPageSchema, '/gifts', { query: { cursor, limit } })
}

/** GET /gifts/:id; 404 NOT_FOUND when it is not (or no longer) in the catalog. */
export function getGift(id: string): Promise<GiftView> {
  return requestParsed(GiftViewSchema, giftPath(id))
}

/** An image URL an <Image> can load: the server's paths are made absolute for weapp (H5 is same-origin). */
export function giftImageSrc(url: string | null | undefined): string | null {
  if (!url) return null
  if (/^(https?:)?\/\//.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return url
  return `${API_BASE}${url.startsWith('/') ? '' : '/'}${url}`
}

/** The cover: the first image, or null (the page draws a placeholder). */
export function giftCover(gift: Pick<GiftView, 'images'>): string | null {
  return giftImageSrc(gift.images[0]?.url)
}

/** Units the caller may still redeem of this gift under its per-person limit. */
export function remainingForMe(gift: Pick<GiftView, 'perPersonLimit' | 'redeemedByMe'>): number {
  return Math.max(0, gift.perPersonLimit - gift.redeemedByMe)
}

/** Why 立即兑换 is off, in the order the server refuses (decision 011); null when it may be tried. */
export type GiftBlock = 'unavailable' | 'sold_out' | 'limit' | 'points'

export function giftBlock(gift: GiftView, balance: number | null): GiftBlock | null {
  if (gift.stock <= 0) return 'sold_out'
  if (!gift.available) return 'unavailable'
  if (remainingForMe(gift) <= 0) return 'limit'
  if (balance !== null && balance < gift.pointsPrice) return 'points'
  return null
}

/**
 * The most one order may ask for: stock, the per-person limit, the per-order
 * limit and (when known) what the balance pays for; at least 1 so a stepper
 * always has a value (the button is off when the gift is blocked).
 */
export function maxQuantity(gift: GiftView, balance: number | null): number {
  const byPoints = balance === null || gift.pointsPrice <= 0 ? MAX_QUANTITY_PER_ORDER : Math.floor(balance / gift.pointsPrice)
  return Math.max(1, Math.min(MAX_QUANTITY_PER_ORDER, gift.stock, remainingForMe(gift), byPoints))
}
