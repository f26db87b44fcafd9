import { useCallback, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CancelInputSchema } from '@shared/schemas/redemptions.schema'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import ReasonDialog from '../../../components/ReasonDialog'
import SessionGate from '../../../components/SessionGate'
import { usePageReload } from '../../../hooks/usePageReload'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { cancelOrder, getOrder, type OrderView } from '../../../services/redemptions'
import { formatShanghai } from '../../../utils/format'
import { ROUTES } from '../../../routes'
import AddressSummary from '../components/AddressSummary'
import GiftImage from '../components/GiftImage'
import OrderStatusTag from '../components/OrderStatusTag'
import { giftUrl } from '../urls'
import '../components/parts.scss'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; order: OrderView } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

interface Step {
  key: string
  title: string
  time: string | null
  done: boolean
  notes: string[]
}

/** 下单 → 发货 → 签收, or → 取消 (with who and why); steps still to come are drawn grey. */
function stepsOf(order: OrderView): Step[] {
  const steps: Step[] = [{ key: 'created', title: '兑换成功', time: order.createdAt, done: true, notes: [`扣除 ${order.pointsTotal} 积分`] }]
  const shipped: Step = {
    key: 'shipped',
    title: order.shippedAt ? '已发货' : '待发货',
    time: order.shippedAt,
    done: Boolean(order.shippedAt),
    notes: order.shippedAt && order.carrier ? [`${order.carrier} ${order.trackingNo ?? ''}`.trim()] : [],
  }
  if (order.status === 'cancelled') {
    if (order.shippedAt) steps.push(shipped)
    const notes = [order.cancelledBy === 'admin' ? '由管理员取消' : '您已取消']
    if (order.cancelReason) notes.push(`原因：${order.cancelReason}`)
    notes.push(`${order.pointsTotal} 积分已退回`)
    steps.push({ key: 'cancelled', title: '已取消', time: order.cancelledAt, done: true, notes })
    return steps
  }
  steps.push(shipped)
  steps.push({ key: 'delivered', title: order.deliveredAt ? '已签收' : '待签收', time: order.deliveredAt, done: Boolean(order.deliveredAt), notes: [] })
  return steps
}

function Timeline({ order }: { order: OrderView }) {
  const steps = stepsOf(order)
  const lastDone = steps.map((s) => s.done).lastIndexOf(true)
  return (
    <View className='order-steps' data-testid='order-timeline'>
      {steps.map((s, i) => (
        <View
          key={s.key}
          className={`order-steps__item${s.done ? ' order-steps__item--done' : ''}${i === lastDone ? ' order-steps__item--current' : ''}${s.key === 'cancelled' ? ' order-steps__item--cancelled' : ''}`}
          data-testid='order-step'
          data-step={s.key}
          data-done={s.done ? 'true' : 'false'}
        >
          <View className='order-steps__dot' />
          <View className='order-steps__body'>
            <View className='order-steps__head'>
              <Text className='order-steps__title'>{s.title}</Text>
              {s.time ? <Text className='order-steps__time'>{formatShanghai(s.time)}</Text> : null}
            </View>
            {s.notes.map((n) => (
              <Text key={n} className='order-steps__note'>
                {n}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

async function copyTrackingNo(trackingNo: string) {
  try {
    await Taro.setClipboardData({ data: trackingNo })
    void Taro.showToast({ title: '单号已复制', icon: 'success' })
  } catch {
    void Taro.showToast({ title: '复制失败，请长按单号复制', icon: 'none' })
  }
}

function OrderDetail({ id, created }: { id: string; created: boolean }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [cancelOpen, setCancelOpen] = useState(false)
  const latest = useRef(0)

  const load = useCallback(
    async (quiet = false) => {
      const call = ++latest.current
      if (!quiet) setState({ kind: 'loading' })
      try {
        const order = await getOrder(id)
        if (call === latest.current) setState({ kind: 'ready', order })
      } catch (error) {
        if (call !== latest.current) return
        const missing = isApiError(error) && (error.code === 'NOT_FOUND' || error.status === 400)
        if (quiet && !missing) void Taro.showToast({ title: messageOf(error), icon: 'none' })
        else setState(missing ? { kind: 'not-found' } : { kind: 'error', error })
      }
    },
    [id],
  )

  usePageReload(load)

  if (state.kind === 'loading') return <PageLoading rows={8} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={() => void load()} />
  if (state.kind === 'not-found') {
    return <PagePrompt testId='order-not-found' title='兑换记录不存在' action={{ text: '查看我的兑换', onClick: () => void Taro.redirectTo({ url: ROUTES.orders }) }} />
  }
  const { order } = state

  const submitCancel = async (reason: string): Promise<string | undefined> => {
    const parsed = CancelInputSchema.safeParse({ reason: reason.trim() || undefined })
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请检查取消原因'
    try {
      const updated = await cancelOrder(order.id, parsed.data.reason)
      setState({ kind: 'ready', order: updated })
      setCancelOpen(false)
      void Taro.showToast({ title: '已取消，积分已退回', icon: 'none', duration: 2500 })
      return undefined
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') {
        void load(true)
        return '订单状态已变化（可能已发货），无法取消'
      }
      return messageOf(err)
    }
  }

  return (
    <View className='order-detail__content'>
      {created && order.status === 'pending' ? (
        <View className='order-detail__created' data-testid='order-created'>
          <Text className='order-detail__created-title'>兑换成功</Text>
          <Text>已扣除 {order.pointsTotal} 积分，礼品等待发货。发货后可在这里查看快递单号。</Text>
        </View>
      ) : null}

      <View className='pts-card' data-testid='order-summary' data-status={order.status}>
        <View className='pts-card__head'>
          <Text className='order-detail__number' data-testid='order-number'>
            订单号 {order.number}
          </Text>
          <OrderStatusTag status={order.status} />
        </View>
        <View className='pts-gift' onClick={() => void Taro.navigateTo({ url: giftUrl(order.gift.id) })}>
          <GiftImage url={order.gift.imageUrl} alt={order.gift.name} className='pts-gift__cover' />
          <View className='pts-gift__info'>
            <Text className='pts-gift__name' data-testid='order-gift'>
              {order.gift.name}
            </Text>
            <Text className='pts-muted' data-testid='order-quantity'>
              数量 × {order.quantity}
            </Text>
            <Text className='pts-price' data-testid='order-points'>
              {order.pointsTotal}
              <Text className='pts-price__unit'>积分</Text>
            </Text>
          </View>
        </View>
        <View className='pts-row'>
          <Text className='pts-row__label'>礼品参考价值</Text>
          <Text className='pts-row__value'>¥{order.valueYuanTotal}</Text>
        </View>
      </View>

      {order.carrier || order.trackingNo ? (
        <View className='pts-card' data-testid='order-shipping'>
          <Text className='pts-card__title'>物流信息</Text>
          <View className='pts-row'>
            <Text className='pts-row__label'>快递公司</Text>
            <Text className='pts-row__value' data-testid='order-carrier'>
              {order.carrier ?? '—'}
            </Text>
          </View>
          {order.trackingNo ? (
            <View className='pts-row order-detail__tracking-row'>
              <Text className='pts-row__label'>快递单号</Text>
              <View className='order-detail__tracking'>
                <Text className='order-detail__tracking-no' userSelect data-testid='order-tracking-no'>
                  {order.trackingNo}
                </Text>
                <Button size='small' fill='outline' type='primary' onClick={() => void copyTrackingNo(order.trackingNo ?? '')} data-testid='order-copy-tracking'>
                  复制单号
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='pts-card'>
        <Text className='pts-card__title'>兑换进度</Text>
        <Timeline order={order} />
      </View>

      <View className='pts-card' data-testid='order-address'>
        <Text className='pts-card__title'>收货地址</Text>
        <AddressSummary address={order.address} />
      </View>

      {order.status === 'pending' ? (
        <View className='order-detail__cancel'>
          <Button block fill='outline' type='danger' onClick={() => setCancelOpen(true)} data-testid='order-cancel'>
            取消兑换
          </Button>
          <Text className='pts-muted'>发货前可取消，积分全额退回。</Text>
        </View>
      ) : null}

      <ReasonDialog
        open={cancelOpen}
        title='取消兑换'
        hint={`取消后，${order.pointsTotal} 积分将全额退回到您的账户，礼品库存同时恢复。取消后不能恢复，如仍需要请重新兑换。`}
        placeholder='取消原因（选填），如：地址填错、不需要了'
        confirmText='确认取消'
        testIdPrefix='order-cancel'
        onSubmit={submitCancel}
        onClose={() => setCancelOpen(false)}
      />
    </View>
  )
}

/** One redemption: status and progress, parcel tracking (复制单号), the address it goes to, and 取消兑换 while pending. */
export default function OrderPage() {
  const { params } = useRouter()
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : ''
  const created = params.created === '1'
  return (
    <SessionGate className='pts-page order-detail page-narrow' permission='gifts.redeem' denied={{ title: '暂不能查看兑换记录' }} rows={8}>
      {() => (
        <View className='pts-page order-detail page-narrow' data-testid='order-page'>
          {id ? <OrderDetail id={id} created={created} /> : <PagePrompt testId='order-not-found' title='兑换记录不存在' />}
        </View>
      )}
    </SessionGate>
  )
}
