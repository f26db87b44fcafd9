import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Chips from '../../../components/Chips'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import { giftSaveMessage, listAdminGifts, updateGift, type AdminGiftView } from '../../../services/admin-gifts'
import { ROUTES } from '../../../routes'
import { useWideLayout } from '../../../utils/layout'
import GiftCard from './GiftCard'
import GiftTable from './GiftTable'
import { DEACTIVATE_CONFIRM, LOW_STOCK, shelfState, stockLevel } from './gift-view'

type Filter = 'all' | 'on' | 'off' | 'low'
type State = { kind: 'loading' } | { kind: 'ready'; items: AdminGiftView[] } | { kind: 'error'; error: unknown }

const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'on', label: '上架中' },
  { key: 'off', label: '未上架' },
  { key: 'low', label: `缺货或少于 ${LOW_STOCK} 件` },
]

function passes(gift: AdminGiftView, filter: Filter, words: string): boolean {
  if (words && !gift.name.toLowerCase().includes(words.toLowerCase())) return false
  if (filter === 'on') return shelfState(gift) === 'on'
  if (filter === 'off') return shelfState(gift) !== 'on'
  if (filter === 'low') return stockLevel(gift.stock) !== 'ok'
  return true
}

const editUrl = (id?: string) => (id ? `${ROUTES.adminGiftEdit}?id=${encodeURIComponent(id)}` : ROUTES.adminGiftEdit)

/** 礼品管理: every gift with price, value, stock (red at 0, orange below 5), units redeemed and shelf state; 新增礼品, 编辑, 上架/下架. */
export default function GiftsConsole() {
  const wide = useWideLayout()
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [filter, setFilter] = useState<Filter>('all')
  const [words, setWords] = useState('')
  const [busyId, setBusyId] = useState<string | null>(null)
  const latest = useRef(0)
  const loadedAt = useRef(0)

  const load = useCallback(async (quiet = false) => {
    const call = ++latest.current
    loadedAt.current = Date.now()
    if (!quiet) setState({ kind: 'loading' })
    try {
      const items = await listAdminGifts()
      if (call === latest.current) setState({ kind: 'ready', items })
    } catch (error) {
      if (call !== latest.current) return
      if (quiet) void Taro.showToast({ title: giftSaveMessage(error), icon: 'none', duration: 2500 })
      else setState({ kind: 'error', error })
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])
  // Back from the edit page: names, stock and switches may have changed. (The show that
  // comes with the first load is skipped; this component may mount after it, under SessionGate.)
  useDidShow(() => {
    if (Date.now() - loadedAt.current > 1000) void load(true)
  })
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh())
  })

  const edit = (gift?: AdminGiftView) => void Taro.navigateTo({ url: editUrl(gift?.id) })

  const toggle = async (gift: AdminGiftView) => {
    if (busyId) return
    if (gift.active && !(await Taro.showModal(DEACTIVATE_CONFIRM(gift.name))).confirm) return
    setBusyId(gift.id)
    try {
      const saved = await updateGift(gift.id, { active: !gift.active })
      setState((s) => (s.kind === 'ready' ? { kind: 'ready', items: s.items.map((g) => (g.id === saved.id ? saved : g)) } : s))
      void Taro.showToast({ title: saved.active ? '已上架' : '已下架', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: giftSaveMessage(err), icon: 'none', duration: 3000 })
      void load(true)
    } finally {
      setBusyId(null)
    }
  }

  const all = state.kind === 'ready' ? state.items : []
  const shown = all.filter((g) => passes(g, filter, words.trim()))
  const outOfStock = all.filter((g) => g.active && g.stock <= 0).length

  return (
    <View className='admin-gifts' data-testid='admin-gifts-page' data-wide={wide ? 'true' : 'false'}>
      <View className='admin-gifts__inner'>
        <View className='admin-gifts__toolbar'>
          <Text className='admin-gifts__heading'>礼品管理</Text>
          <View className='admin-gifts__grow' />
          {/* redirectTo: hopping between 礼品订单 and 礼品管理 must not stack copies of both pages. */}
          <Button fill='outline' type='primary' size='small' onClick={() => void Taro.redirectTo({ url: ROUTES.adminOrders })} data-testid='admin-gifts-orders'>
            礼品订单
          </Button>
          <Button type='primary' size='small' onClick={() => edit()} data-testid='admin-gifts-new'>
            新增礼品
          </Button>
        </View>

        {outOfStock > 0 ? (
          <Text className='admin-gifts__notice' data-testid='admin-gifts-out-of-stock'>
            有 {outOfStock} 个上架中的礼品已缺货，员工暂时无法兑换，请及时补充库存。
          </Text>
        ) : null}

        <View className='admin-gifts__filters'>
          <Chips options={FILTERS} selected={[filter]} onToggle={(k) => setFilter((FILTERS.find((f) => f.key === k)?.key ?? 'all') as Filter)} scroll testId='admin-gifts-filter' optionTestId='admin-gifts-filter-option' />
          <View className='admin-gifts__search' data-testid='admin-gifts-search'>
            <Input className='admin-gifts__search-input' placeholder='按名称搜索' value={words} onInput={(e) => setWords(e.detail.value)} />
          </View>
        </View>

        {state.kind === 'loading' ? <PageLoading rows={6} /> : null}
        {state.kind === 'error' ? <PageError error={state.error} onRetry={() => void load()} /> : null}
        {state.kind === 'ready' && shown.length === 0 ? (
          <PageEmpty
            title={all.length === 0 ? '还没有礼品' : '没有符合条件的礼品'}
            description={all.length === 0 ? '点击“新增礼品”添加第一件可兑换的礼品' : undefined}
          />
        ) : null}
        {state.kind === 'ready' && shown.length > 0 ? (
          <View data-testid='admin-gifts-list' data-count={shown.length}>
            {wide ? (
              <GiftTable items={shown} busyId={busyId} onEdit={edit} onToggle={(g) => void toggle(g)} />
            ) : (
              <View className='admin-gifts__cards'>
                {shown.map((gift) => (
                  <GiftCard key={gift.id} gift={gift} busy={busyId === gift.id} locked={busyId !== null} onEdit={() => edit(gift)} onToggle={() => void toggle(gift)} />
                ))}
              </View>
            )}
          </View>
        ) : null}
      </View>
    </View>
  )
}
