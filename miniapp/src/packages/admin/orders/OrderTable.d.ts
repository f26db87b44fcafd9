// Platform entry for OrderTable.h5.tsx (a table on the desktop console) / OrderTable.weapp.tsx (never wide: nothing).
import type { ComponentType } from 'react'
import type { AdminOrderView } from '../../../services/admin-orders'
import type { OrderAction } from './OrderActions'

export interface OrderRowsProps {
  items: AdminOrderView[]
  busy: Record<string, OrderAction>
  locked: boolean
  onShip: (order: AdminOrderView) => void
  onDeliver: (order: AdminOrderView) => void
  onCancel: (order: AdminOrderView) => void
}

declare const OrderTable: ComponentType<OrderRowsProps>
export default OrderTable
