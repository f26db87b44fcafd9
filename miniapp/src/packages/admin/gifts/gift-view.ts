import type { AdminGiftView } from '../../../services/admin-gifts'
import { formatShanghai } from '../../../utils/format'

/** Below this many units the stock shows orange (at 0, red). */
export const LOW_STOCK = 5

export type StockLevel = 'out' | 'low' | 'ok'

export function stockLevel(stock: number): StockLevel {
  return stock <= 0 ? 'out' : stock < LOW_STOCK ? 'low' : 'ok'
}

export type ShelfState = 'on' | 'scheduled' | 'ended' | 'off'

/** Is the gift on the shelf now: switched on and inside its window (stock aside). */
export function shelfState(gift: Pick<AdminGiftView, 'active' | 'activeFrom' | 'activeUntil'>, now: number = Date.now()): ShelfState {
  if (!gift.active) return 'off'
  if (gift.activeFrom && Date.parse(gift.activeFrom) > now) return 'scheduled'
  if (gift.activeUntil && Date.parse(gift.activeUntil) <= now) return 'ended'
  return 'on'
}

export const SHELF_LABELS: Record<ShelfState, string> = {
  on: '上架中',
  scheduled: '未到上架时间',
  ended: '已过下架时间',
  off: '已下架',
}

export const SHELF_TAG: Record<ShelfState, 'success' | 'primary' | 'warning' | 'default'> = {
  on: 'success',
  scheduled: 'primary',
  ended: 'warning',
  off: 'default',
}

/** `2026-11-01 00:00 至 2026-12-31 23:59`, `2026-11-01 00:00 起`, `至 …`, or `长期有效`. */
export function windowText(gift: Pick<AdminGiftView, 'activeFrom' | 'activeUntil'>): string {
  const from = formatShanghai(gift.activeFrom)
  const until = formatShanghai(gift.activeUntil)
  if (from && until) return `${from} 至 ${until}`
  if (from) return `${from} 起`
  if (until) return `至 ${until}`
  return '长期有效'
}

/** Asks before switching a gift off: staff stop seeing it at once. */
export const DEACTIVATE_CONFIRM = (name: string) => ({
  title: '下架礼品',
  content: `下架后员工将看不到“${name}”，也不能再兑换；已有订单不受影响，可随时重新上架。确定下架吗？`,
  confirmText: '下架',
  confirmColor: '#f53f3f',
})
