import { Text, View } from '@tarojs/components'
import { formatShanghai } from '../../../utils/format'
import OrderActions from './OrderActions'
import { AddressInfo, CarrierInfo, StatusNote, StatusTag } from './OrderParts'
import type { OrderRowsProps } from './OrderTable'
import { userLine } from './order-view'

/** The desktop console's order table (≥ 1024 px): one row per order, the actions at the end. */
export default function OrderTable({ items, busy, locked, onShip, onDeliver, onCancel }: OrderRowsProps) {
  return (
    <View className='admin-table-wrap'>
      <table className='admin-table admin-orders-table' data-testid='admin-orders-table'>
        <thead>
          <tr>
            <th>订单号</th>
            <th>下单时间</th>
            <th>用户（姓名·医院）</th>
            <th>礼品×数量</th>
            <th className='admin-table__num'>积分</th>
            <th>收件信息</th>
            <th>状态</th>
            <th>快递</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {items.map((order) => (
            <tr key={order.id} data-testid='admin-order-row' data-id={order.id} data-number={order.number} data-status={order.status}>
              <td className='admin-orders-table__nowrap'>
                <Text className='admin-orders__mono' data-testid='admin-order-number'>
                  {order.number}
                </Text>
              </td>
              <td className='admin-orders-table__nowrap'>{formatShanghai(order.createdAt)}</td>
              <td className='admin-orders-table__user'>{userLine(order)}</td>
              <td className='admin-orders-table__gift'>
                <Text className='admin-orders__strong'>{order.gift.name}</Text>
                <Text className='admin-orders__qty'> ×{order.quantity}</Text>
              </td>
              <td className='admin-table__num'>{order.pointsTotal}</td>
              <td className='admin-orders-table__address'>
                <AddressInfo order={order} />
              </td>
              <td className='admin-orders-table__status'>
                <StatusTag order={order} />
                <StatusNote order={order} />
              </td>
              <td className='admin-orders-table__carrier'>
                <CarrierInfo order={order} />
              </td>
              <td className='admin-orders-table__actions'>
                <OrderActions
                  order={order}
                  busy={busy[order.id]}
                  locked={locked}
                  onShip={() => onShip(order)}
                  onDeliver={() => onDeliver(order)}
                  onCancel={() => onCancel(order)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  )
}
