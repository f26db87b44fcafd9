import { Text, View } from '@tarojs/components'
import type { AdminOrderView } from '../../../services/admin-orders'
import { formatShanghai } from '../../../utils/format'
import OrderActions, { type OrderActionProps } from './OrderActions'
import { AddressInfo, CarrierInfo, StatusNote, StatusTag } from './OrderParts'
import { userLine } from './order-view'

/** An order on a phone-width screen: the same facts as a table row, stacked. */
export default function OrderCard(props: OrderActionProps & { order: AdminOrderView }) {
  const { order } = props
  return (
    <View className='admin-order-card' data-testid='admin-order-row' data-id={order.id} data-number={order.number} data-status={order.status}>
      <View className='admin-order-card__head'>
        <Text className='admin-orders__mono' data-testid='admin-order-number'>
          {order.number}
        </Text>
        <StatusTag order={order} />
      </View>
      <View className='admin-order-card__gift'>
        <Text className='admin-orders__strong'>
          {order.gift.name} ×{order.quantity}
        </Text>
        <Text className='admin-order-card__points'>{order.pointsTotal} 积分</Text>
      </View>
      <Text className='admin-orders__muted'>
        {userLine(order)} · 下单于 {formatShanghai(order.createdAt)}
      </Text>
      <View className='admin-order-card__box'>
        <AddressInfo order={order} />
      </View>
      {order.carrier || order.trackingNo ? (
        <View className='admin-order-card__box'>
          <CarrierInfo order={order} />
        </View>
      ) : null}
      <StatusNote order={order} />
      <View className='admin-order-card__foot'>
        <OrderActions {...props} />
      </View>
    </View>
  )
}
