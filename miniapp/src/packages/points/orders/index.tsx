import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ORDER_STATUSES } from '@shared/schemas/redemptions.schema'
import CursorListView from '../../../components/CursorListView'
import QueueTabs from '../../../components/QueueTabs'
import SessionGate from '../../../components/SessionGate'
import { useCursorLists } from '../../../hooks/useCursorLists'
import { ORDER_TABS } from '../../../labels/points.zh'
import { listOrders, type OrderStatus, type OrderView } from '../../../services/redemptions'
import { formatShanghai } from '../../../utils/format'
import { ROUTES } from '../../../routes'
import GiftImage from '../components/GiftImage'
import OrderStatusTag from '../components/OrderStatusTag'
import { orderUrl } from '../urls'
import '../components/parts.scss'
import './index.scss'

type Tab = OrderStatus | 'all'
const PAGE_SIZE = 20

const statusOf = (key: string): OrderStatus | undefined => ORDER_STATUSES.find((s) => s === key)

const fetchOrders = (key: string, cursor?: string) => listOrders({ status: statusOf(key), cursor, limit: PAGE_SIZE })

const EMPTY_TEXT: Record<Tab, string> = {
  all: '还没有兑换记录',
  pending: '没有待发货的兑换',
  shipped: '没有运输中的兑换',
  delivered: '没有已签收的兑换',
  cancelled: '没有已取消的兑换',
}

function OrderCard({ order }: { order: OrderView }) {
  return (
    <View
      className='order-card'
      onClick={() => void Taro.navigateTo({ url: orderUrl(order.id) })}
      data-testid='order-card'
      data-order-id={order.id}
      data-status={order.status}
    >
      <View className='order-card__head'>
        <Text className='order-card__number'>{order.number}</Text>
        <OrderStatusTag status={order.status} />
      </View>
      <View className='order-card__body'>
        <GiftImage url={order.gift.imageUrl} alt={order.gift.name} className='order-card__cover' />
        <View className='order-card__info'>
          <Text className='order-card__name' data-testid='order-card-gift'>
            {order.gift.name}
          </Text>
          <Text className='pts-muted'>× {order.quantity}</Text>
          <Text className='pts-price'>
            {order.pointsTotal}
            <Text className='pts-price__unit'>积分</Text>
          </Text>
        </View>
      </View>
      <View className='order-card__foot'>
        <Text className='pts-muted'>{formatShanghai(order.createdAt)} 兑换</Text>
        {order.status === 'shipped' && order.carrier ? (
          <Text className='pts-muted'>
            {order.carrier} {order.trackingNo ?? ''}
          </Text>
        ) : null}
      </View>
    </View>
  )
}

function Orders({ initialTab }: { initialTab: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab)
  const lists = useCursorLists<OrderView>(fetchOrders, (o) => o.id)
  const list = lists.get(tab)
  const firstShow = useRef(true)

  useEffect(() => {
    if (list.phase === 'idle') void lists.load(tab)
  }, [tab, list.phase])

  // Back from an order (cancelled) or a new redemption: every tab may have changed.
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    lists.reset(tab)
    void lists.load(tab, { quiet: true })
  })
  usePullDownRefresh(() => {
    lists.reset(tab)
    void lists.load(tab, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(tab))

  return (
    <View className='orders page-narrow' data-testid='orders-page' data-tab={tab}>
      <QueueTabs tabs={ORDER_TABS} active={tab} onChange={setTab} testId='orders-tabs' tabTestIdPrefix='orders-tab-' />
      <View className='orders__content'>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(tab)}
          onMore={() => void lists.loadMore(tab)}
          empty={{ title: EMPTY_TEXT[tab], description: tab === 'all' ? '在「礼品兑换」中用积分兑换礼品' : undefined }}
          className='orders__list'
          testId='orders-list'
          moreTestId='orders-more'
          renderItem={(o) => <OrderCard key={o.id} order={o} />}
        />
        {list.phase === 'ready' && list.items.length === 0 && tab === 'all' ? (
          <View className='orders__cta'>
            <Text className='pts-card__link' onClick={() => void Taro.navigateTo({ url: ROUTES.gifts })} data-testid='orders-go-gifts'>
              去兑换礼品 ›
            </Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** 我的兑换: my orders by status (全部 / 待发货 / 已发货 / 已签收 / 已取消); tap for the detail. */
export default function OrdersPage() {
  const { params } = useRouter()
  const initialTab: Tab = ORDER_TABS.find((t) => t.key === params.status)?.key ?? 'all'
  return (
    <SessionGate className='pts-page orders page-narrow' permission='gifts.redeem' denied={{ title: '暂不能查看兑换记录' }}>
      {() => <Orders initialTab={initialTab} />}
    </SessionGate>
  )
}
