import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AdminOrderView } from '../../../services/admin-orders'
import { actionsFor } from './order-view'

export type OrderAction = 'ship' | 'deliver' | 'cancel'

export interface OrderActionProps {
  order: AdminOrderView
  /** The action under way on this order, if any. */
  busy?: OrderAction
  /** Any order is being changed: the buttons wait. */
  locked: boolean
  onShip: () => void
  onDeliver: () => void
  onCancel: () => void
}

/** 发货 / 确认签收 / 取消订单, as the order's status allows; the same in the table and on a card. */
export default function OrderActions({ order, busy, locked, onShip, onDeliver, onCancel }: OrderActionProps) {
  const can = actionsFor(order.status)
  if (!can.ship && !can.deliver && !can.cancel) return <Text className='admin-orders__none'>—</Text>
  return (
    <View className='admin-orders__actions'>
      {can.ship ? (
        <Button size='small' type='primary' loading={busy === 'ship'} disabled={locked} onClick={onShip} data-testid='admin-order-ship'>
          发货
        </Button>
      ) : null}
      {can.deliver ? (
        <Button size='small' type='primary' fill='outline' loading={busy === 'deliver'} disabled={locked} onClick={onDeliver} data-testid='admin-order-deliver'>
          确认签收
        </Button>
      ) : null}
      {can.cancel ? (
        <Button size='small' type='danger' fill='outline' loading={busy === 'cancel'} disabled={locked} onClick={onCancel} data-testid='admin-order-cancel'>
          取消订单
        </Button>
      ) : null}
    </View>
  )
}
