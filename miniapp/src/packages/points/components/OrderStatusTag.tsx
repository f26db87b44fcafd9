import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { ORDER_STATUS_LABELS, ORDER_STATUS_TAG } from '../../../labels/points.zh'
import type { OrderStatus } from '../../../services/redemptions'

/** The status as a coloured tag; NutUI's Tag drops unknown props, so the test id sits on a wrapper. */
export default function OrderStatusTag({ status }: { status: OrderStatus }) {
  const type = ORDER_STATUS_TAG[status]
  return (
    <View className='order-status' data-testid='order-status' data-status={status}>
      {type === 'muted' ? (
        <Tag background='#f2f3f5' color='#86909c'>
          {ORDER_STATUS_LABELS[status]}
        </Tag>
      ) : (
        <Tag type={type}>{ORDER_STATUS_LABELS[status]}</Tag>
      )}
    </View>
  )
}
