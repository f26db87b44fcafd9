import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { ADMIN_ORDER_STATUS_LABELS, ORDER_STATUS_TAG } from '../../../labels/orders.admin.zh'
import type { AdminOrderView } from '../../../services/admin-orders'
import { formatShanghai } from '../../../utils/format'
import { addressText, shippingLabel } from './order-view'

export function StatusTag({ order }: { order: AdminOrderView }) {
  return (
    <View className='admin-orders__tag' data-testid='admin-order-status' data-status={order.status}>
      <Tag type={ORDER_STATUS_TAG[order.status]}>{ADMIN_ORDER_STATUS_LABELS[order.status]}</Tag>
    </View>
  )
}

/** Under the status: when it was signed for, or who cancelled and why. */
export function StatusNote({ order }: { order: AdminOrderView }) {
  if (order.status === 'delivered' && order.deliveredAt) return <Text className='admin-orders__muted'>签收于 {formatShanghai(order.deliveredAt)}</Text>
  if (order.status !== 'cancelled') return null
  return (
    <Text className='admin-orders__muted admin-orders__cancel-note'>
      {order.cancelledBy === 'admin' ? '管理员取消' : '用户取消'}
      {order.cancelledAt ? ` · ${formatShanghai(order.cancelledAt)}` : ''}
      {order.cancelReason ? `：${order.cancelReason}` : ''}
    </Text>
  )
}

/** 快递: carrier, tracking number and when it left; a dash before shipping. */
export function CarrierInfo({ order }: { order: AdminOrderView }) {
  if (!order.carrier && !order.trackingNo) return <Text className='admin-orders__muted' data-testid='admin-order-carrier'>—</Text>
  return (
    <View className='admin-orders__stack' data-testid='admin-order-carrier'>
      <Text className='admin-orders__strong'>{order.carrier}</Text>
      <Text className='admin-orders__mono' data-testid='admin-order-tracking'>
        {order.trackingNo}
      </Text>
      {order.shippedAt ? <Text className='admin-orders__muted'>发货于 {formatShanghai(order.shippedAt)}</Text> : null}
    </View>
  )
}

/** 收件信息: name and phone, then the address; 复制 puts all three on the clipboard for the courier's form. */
export function AddressInfo({ order }: { order: AdminOrderView }) {
  const copy = () =>
    void Taro.setClipboardData({ data: shippingLabel(order) }).catch(() => Taro.showToast({ title: '复制失败，请手动选择文字', icon: 'none' }))
  return (
    <View className='admin-orders__stack' data-testid='admin-order-address'>
      <View className='admin-orders__line'>
        <Text className='admin-orders__strong'>{order.address.recipientName}</Text>
        <Text className='admin-orders__mono'>{order.address.phone}</Text>
        <Text className='admin-orders__link' onClick={copy} data-testid='admin-order-copy-address'>
          复制
        </Text>
      </View>
      <Text className='admin-orders__address'>{addressText(order)}</Text>
    </View>
  )
}
