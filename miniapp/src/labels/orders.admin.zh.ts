import type { StockChangeReason } from '@shared/schemas/gifts.schema'
import type { OrderStatus } from '@shared/schemas/redemptions.schema'

/** A gift order's status as the admin console names it (the work to do: 待发货). */
export const ADMIN_ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: '待发货',
  shipped: '已发货',
  delivered: '已签收',
  cancelled: '已取消',
}

export const ORDER_STATUS_TAG: Record<OrderStatus, 'warning' | 'primary' | 'success' | 'default'> = {
  pending: 'warning',
  shipped: 'primary',
  delivered: 'success',
  cancelled: 'default',
}

/** Why a gift's stock moved. */
export const STOCK_REASON_LABELS: Record<StockChangeReason, string> = {
  initial: '初始库存',
  admin_adjustment: '手动调整',
  redemption: '兑换出库',
  cancellation: '取消退回',
}
