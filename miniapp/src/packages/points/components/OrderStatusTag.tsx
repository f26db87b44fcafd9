import StatusTag from '../../../components/StatusTag'
import { ORDER_STATUS_LABELS, ORDER_STATUS_TAG } from '../../../labels/points.zh'
import type { OrderStatus } from '../../../services/redemptions'

/** An order's status as a coloured tag (`data-testid='order-status'`). */
export default function OrderStatusTag({ status }: { status: OrderStatus }) {
  return <StatusTag status={status} label={ORDER_STATUS_LABELS[status]} type={ORDER_STATUS_TAG[status]} className='order-status' testId='order-status' />
}
