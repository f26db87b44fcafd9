import { useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { AdminCancelInputSchema, ORDER_STATUSES, type OrderStatus, type ShipInput } from '@shared/schemas/redemptions.schema'
import ListFooter from '../../../components/ListFooter'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import QueueTabs, { type QueueTab } from '../../../components/QueueTabs'
import ReasonDialog from '../../../components/ReasonDialog'
import { useCursorLists } from '../../../hooks/useCursorLists'
import { ADMIN_ORDER_STATUS_LABELS } from '../../../labels/orders.admin.zh'
import { isApiError } from '../../../services/api-error'
import {
  cancelOrderAsAdmin,
  deliverOrder,
  isStaleOrderError,
  listAdminOrders,
  mergeOrder,
  orderActionMessage,
  shipOrder,
  type AdminOrderView,
  type OrderView,
} from '../../../services/admin-orders'
import { CAN_EXPORT_CSV, exportOrdersCsv } from '../../../services/admin-orders-export'
import { messageOf } from '../../../services/errors.zh'
import { ROUTES } from '../../../routes'
import { fieldErrorsOfServer } from '../../../utils/form'
import { useWideLayout } from '../../../utils/layout'
import OrderCard from './OrderCard'
import type { OrderAction } from './OrderActions'
import OrderTable from './OrderTable'
import ShipDialog, { type ShipOutcome } from './ShipDialog'

type Tab = OrderStatus | 'all'
type Counts = Record<OrderStatus, number>

const PAGE_SIZE = 20
const TAB_KEYS: Tab[] = [...ORDER_STATUSES, 'all']
const EMPTY_TEXT: Record<Tab, string> = {
  pending: '没有待发货的订单',
  shipped: '没有已发货、待签收的订单',
  delivered: '还没有已签收的订单',
  cancelled: '没有已取消的订单',
  all: '还没有礼品订单',
}

const keyOf = (tab: Tab, q: string) => `${tab}|${q}`
function parseKey(key: string): { tab: Tab; q: string } {
  const at = key.indexOf('|')
  const tab = key.slice(0, at) as Tab
  return { tab: TAB_KEYS.includes(tab) ? tab : 'pending', q: key.slice(at + 1) }
}

function tabLabel(tab: Tab, counts: Counts | null): string {
  const label = tab === 'all' ? '全部' : ADMIN_ORDER_STATUS_LABELS[tab]
  if (!counts || tab === 'pending') return label
  const n = tab === 'all' ? ORDER_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : counts[tab]
  return `${label} (${n})`
}

/**
 * 礼品订单: the shipping desk. Tabs by status with counts (待发货 first), search
 * by order or tracking number, keyset 加载更多; 发货 / 确认签收 / 取消订单 per
 * row; 导出待发货 as CSV on the web console. A table from 1024 px, cards below.
 */
export default function OrdersConsole() {
  const wide = useWideLayout()
  const [tab, setTab] = useState<Tab>('pending')
  const [input, setInput] = useState('')
  const [q, setQ] = useState('')
  const [counts, setCounts] = useState<Counts | null>(null)
  const [busy, setBusy] = useState<Record<string, OrderAction>>({})
  const [shipping, setShipping] = useState<AdminOrderView | null>(null)
  const [cancelling, setCancelling] = useState<AdminOrderView | null>(null)
  const [exporting, setExporting] = useState(false)
  const countsCall = useRef(0)

  const lists = useCursorLists<AdminOrderView>(async (key, cursor) => {
    const { tab: t, q: words } = parseKey(key)
    const call = ++countsCall.current
    const page = await listAdminOrders({ status: t === 'all' ? undefined : t, q: words, cursor, limit: PAGE_SIZE })
    if (call === countsCall.current) setCounts(page.counts)
    return page
  }, (o) => o.id)
  const key = keyOf(tab, q)
  const list = lists.get(key)

  useEffect(() => {
    if (list.phase === 'idle') void lists.load(key)
  }, [key, list.phase])
  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), 400)
    return () => clearTimeout(timer)
  }, [input])

  usePullDownRefresh(() => {
    void lists.load(key, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    // On a phone the next page comes by scrolling; the desktop table keeps its 加载更多 button.
    if (!wide) void lists.loadMore(key)
  })

  /** Counts after an action (the list itself is updated in place). */
  const refreshCounts = async () => {
    const call = ++countsCall.current
    try {
      const page = await listAdminOrders({ status: 'pending', q, limit: 1 })
      if (call === countsCall.current) setCounts(page.counts)
    } catch {
      // The numbers stay as they were; the next load corrects them.
    }
  }

  /** The action's answer replaces the row; other tabs reload when opened. */
  const settle = (row: AdminOrderView, updated: OrderView | null) => {
    lists.reset(key)
    if (updated) lists.update(key, (items) => items.map((i) => (i.id === row.id ? mergeOrder(i, updated) : i)))
    else void lists.load(key, { quiet: true })
    void refreshCounts()
  }

  /** Someone else changed the order first: say so and show the list as it is now. */
  const stale = (err: unknown) => {
    void Taro.showToast({ title: orderActionMessage(err), icon: 'none', duration: 3000 })
    lists.reset(key)
    void lists.load(key, { quiet: true })
    void refreshCounts()
  }

  const setRowBusy = (id: string, action?: OrderAction) =>
    setBusy((all) => {
      const next = { ...all }
      if (action) next[id] = action
      else delete next[id]
      return next
    })
  const locked = Object.keys(busy).length > 0

  const submitShip = async (body: ShipInput): Promise<ShipOutcome | undefined> => {
    const row = shipping
    if (!row) return undefined
    setRowBusy(row.id, 'ship')
    try {
      settle(row, await shipOrder(row.id, body))
      setShipping(null)
      void Taro.showToast({ title: '已发货', icon: 'success' })
      return undefined
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) return { fieldErrors: fieldErrorsOfServer(err.fieldErrors), formError: '请检查标红的项' }
      if (isStaleOrderError(err)) {
        setShipping(null)
        stale(err)
        return undefined
      }
      return { formError: orderActionMessage(err) }
    } finally {
      setRowBusy(row.id)
    }
  }

  const deliver = async (row: AdminOrderView) => {
    if (locked) return
    const res = await Taro.showModal({
      title: '确认签收',
      content: `确认订单 ${row.number}（${row.gift.name} ×${row.quantity}）已由 ${row.address.recipientName} 签收？确认后订单完成，不能再取消。`,
      confirmText: '确认签收',
      confirmColor: '#1668dc',
    })
    if (!res.confirm) return
    setRowBusy(row.id, 'deliver')
    try {
      settle(row, await deliverOrder(row.id))
      void Taro.showToast({ title: '已确认签收', icon: 'success' })
    } catch (err) {
      if (isStaleOrderError(err)) stale(err)
      else void Taro.showToast({ title: orderActionMessage(err), icon: 'none', duration: 3000 })
    } finally {
      setRowBusy(row.id)
    }
  }

  const submitCancel = async (reason: string): Promise<string | undefined> => {
    const row = cancelling
    if (!row) return undefined
    const parsed = AdminCancelInputSchema.safeParse({ reason })
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写取消原因'
    setRowBusy(row.id, 'cancel')
    try {
      settle(row, await cancelOrderAsAdmin(row.id, parsed.data.reason))
      setCancelling(null)
      void Taro.showToast({ title: '订单已取消', icon: 'success' })
      return undefined
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors[0]?.message ?? messageOf(err)
      if (isStaleOrderError(err)) {
        setCancelling(null)
        stale(err)
        return undefined
      }
      return orderActionMessage(err)
    } finally {
      setRowBusy(row.id)
    }
  }

  const exportCsv = async () => {
    if (!CAN_EXPORT_CSV) {
      void Taro.showToast({ title: '请在电脑端管理后台导出待发货订单', icon: 'none', duration: 3000 })
      return
    }
    if (exporting) return
    setExporting(true)
    try {
      const { filename } = await exportOrdersCsv('pending')
      void Taro.showToast({ title: `已导出：${filename}`, icon: 'none', duration: 3000 })
    } catch (err) {
      void Taro.showToast({ title: `导出失败：${messageOf(err)}`, icon: 'none', duration: 3000 })
    } finally {
      setExporting(false)
    }
  }

  const tabs: QueueTab<Tab>[] = TAB_KEYS.map((t) => ({
    key: t,
    label: tabLabel(t, counts),
    count: t === 'pending' && counts && counts.pending > 0 ? String(counts.pending) : undefined,
  }))
  const rowProps = {
    busy,
    locked,
    onShip: (o: AdminOrderView) => !locked && setShipping(o),
    onDeliver: (o: AdminOrderView) => void deliver(o),
    onCancel: (o: AdminOrderView) => !locked && setCancelling(o),
  }

  return (
    <View className='admin-orders' data-testid='admin-orders-page' data-wide={wide ? 'true' : 'false'}>
      <QueueTabs tabs={tabs} active={tab} onChange={setTab} testId='admin-orders-tabs' tabTestIdPrefix='admin-orders-tab-' />

      <View className='admin-orders__inner'>
        <View className='admin-orders__toolbar'>
          <View className='admin-orders__search' data-testid='admin-orders-search'>
            <Input className='admin-orders__search-input' placeholder='按订单号或快递单号搜索' maxlength={40} value={input} onInput={(e) => setInput(e.detail.value)} />
          </View>
          {input ? (
            <Text className='admin-orders__link' onClick={() => setInput('')} data-testid='admin-orders-search-clear'>
              清除
            </Text>
          ) : null}
          <View className='admin-orders__grow' />
          <Button fill='outline' size='small' loading={list.refreshing} onClick={() => void lists.load(key, { quiet: true })} data-testid='admin-orders-refresh'>
            刷新
          </Button>
          <Button type='primary' size='small' loading={exporting} disabled={exporting} onClick={() => void exportCsv()} data-testid='admin-orders-export'>
            导出待发货 (CSV)
          </Button>
          {/* redirectTo: hopping between 礼品订单 and 礼品管理 must not stack copies of both pages. */}
          <Text className='admin-orders__link' onClick={() => void Taro.redirectTo({ url: ROUTES.adminGifts })} data-testid='admin-orders-gifts'>
            礼品管理 ›
          </Text>
        </View>

        {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
        {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void lists.load(key)} /> : null}
        {list.phase === 'ready' && list.items.length === 0 ? (
          <PageEmpty title={q ? `没有找到“${q}”相关的订单` : EMPTY_TEXT[tab]} description={q ? '可输入完整或开头几位订单号（DH…），或快递单号' : undefined} />
        ) : null}
        {list.phase === 'ready' && list.items.length > 0 ? (
          <View data-testid='admin-orders-list' data-count={list.items.length}>
            {wide ? (
              <OrderTable items={list.items} {...rowProps} />
            ) : (
              <View className='admin-orders__cards'>
                {list.items.map((order) => (
                  <OrderCard
                    key={order.id}
                    order={order}
                    busy={busy[order.id]}
                    locked={locked}
                    onShip={() => rowProps.onShip(order)}
                    onDeliver={() => rowProps.onDeliver(order)}
                    onCancel={() => rowProps.onCancel(order)}
                  />
                ))}
              </View>
            )}
          </View>
        ) : null}
        <ListFooter list={list} onMore={() => void lists.loadMore(key)} testId='admin-orders-more' />
      </View>

      <ShipDialog order={shipping} onSubmit={submitShip} onClose={() => setShipping(null)} />

      <ReasonDialog
        open={cancelling !== null}
        title={cancelling ? `取消订单 ${cancelling.number}` : ''}
        hint='原因会展示给用户（2–200 字）。'
        placeholder='如：该礼品已停产，已与您电话沟通'
        confirmText='确认取消订单'
        testIdPrefix='admin-cancel-order'
        onSubmit={submitCancel}
        onClose={() => setCancelling(null)}
      >
        {cancelling ? (
          <Text className='admin-orders__cancel-effect' data-testid='admin-cancel-order-effect'>
            取消后，{cancelling.pointsTotal} 积分将退回给用户，{cancelling.gift.name} 的库存恢复 {cancelling.quantity} 件。
            {cancelling.status === 'shipped' ? '该订单已发货，请先联系快递拦截或确认包裹已退回。' : ''}
          </Text>
        ) : null}
      </ReasonDialog>
    </View>
  )
}
