import type { EarningReason, PointsReason } from '@shared/schemas/points.schema'
// Types only from the order contract: this file is also read by the 我的 page (main package),
// which must not pull in the region data the address schema carries.
import type { OrderStatus } from '@shared/schemas/redemptions.schema'

/** Why points moved, as a ledger line says it. */
export const POINTS_REASON_LABELS: Record<PointsReason, string> = {
  registration_approved: '注册审核通过',
  ticket_rated: '工单评价',
  document_first_read: '首次阅读资料',
  admin_adjustment: '管理员调整',
  redemption: '兑换礼品',
  redemption_refund: '取消兑换退回',
}

/** The earning rules table (积分规则). */
export const EARNING_RULE_LABELS: Record<EarningReason, string> = {
  registration_approved: '注册审核通过',
  ticket_rated: '工单评价',
  document_first_read: '首次阅读资料（每类）',
}

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: '待发货',
  shipped: '已发货',
  delivered: '已签收',
  cancelled: '已取消',
}

/** NutUI tag type per status; `muted` is drawn grey. */
export const ORDER_STATUS_TAG: Record<OrderStatus, 'warning' | 'primary' | 'success' | 'muted'> = {
  pending: 'warning',
  shipped: 'primary',
  delivered: 'success',
  cancelled: 'muted',
}

/** The tabs of 我的兑换, in order. */
export const ORDER_TABS: readonly { key: OrderStatus | 'all'; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'pending', label: '待发货' },
  { key: 'shipped', label: '已发货' },
  { key: 'delivered', label: '已签收' },
  { key: 'cancelled', label: '已取消' },
]

/** The anti-bribery rule in plain words, shown wherever the cap is. */
export function valueCapExplanation(capYuan: number): string {
  return `为遵守医疗卫生行业反商业贿赂的规定，每人每年兑换的礼品参考价值合计不超过 ¥${capYuan}；取消的兑换不计入。积分的获得与使用记录您和管理员都可查看。`
}

/** Why 立即兑换 is off (gifts.ts giftBlock). */
export const GIFT_BLOCK_LABELS = {
  unavailable: '暂不可兑换',
  sold_out: '已兑完',
  limit: '已达兑换上限',
  points: '积分不足',
} as const

/** What to do after a refusal of the redemption (409): shown under the reason. */
export const REDEEM_REFUSAL_HINTS = {
  GIFT_UNAVAILABLE: '该礼品已下架或不在兑换时间内，请选择其他礼品。',
  GIFT_LIMIT_REACHED: '每人限兑件数已用完（已取消的兑换不计入）。',
  GIFT_VALUE_CAP_REACHED: '本年度已兑换礼品的参考价值加上本单将超过上限，可减少数量或选择价值更低的礼品。',
  INSUFFICIENT_POINTS: '当前积分不足以兑换该数量，可减少数量后再试。',
  OUT_OF_STOCK: '礼品库存不足，可减少数量或稍后再来看看。',
} as const
