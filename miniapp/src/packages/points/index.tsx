import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import CursorListView from '../../components/CursorListView'
import SessionGate from '../../components/SessionGate'
import { useCursorLists } from '../../hooks/useCursorLists'
import { EARNING_RULE_LABELS, POINTS_REASON_LABELS, valueCapExplanation } from '../../labels/points.zh'
import { messageOf } from '../../services/errors.zh'
import { formatDelta, getPointsSummary, listPointsLedger, type PointsEntryView, type PointsSummary } from '../../services/points'
import { formatShanghai } from '../../utils/format'
import { ROUTES } from '../../routes'
import { orderUrl } from './urls'
import './components/parts.scss'
import './index.scss'

const KEY = 'ledger'
const PAGE_SIZE = 20

type SummaryState = { kind: 'loading' } | { kind: 'ready'; summary: PointsSummary } | { kind: 'error'; error: unknown }

const fetchLedger = (_key: string, cursor?: string) => listPointsLedger({ cursor, limit: PAGE_SIZE })

/** The order a redemption entry belongs to (`redemption:<id>` or the bare id), to open it from the ledger. */
function orderIdOf(entry: PointsEntryView): string | null {
  if (entry.reason !== 'redemption' && entry.reason !== 'redemption_refund') return null
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(entry.reference ?? '')
  return m?.[1] ?? null
}

function SummaryCard({ state, onRetry }: { state: SummaryState; onRetry: () => void }) {
  if (state.kind === 'loading') {
    return (
      <View className='pts-card' data-testid='points-summary-loading'>
        <Skeleton rows={3} animated />
      </View>
    )
  }
  if (state.kind === 'error') {
    return (
      <View className='pts-card points-home__error' data-testid='points-summary-error'>
        <Text>{messageOf(state.error)}</Text>
        <Button size='small' type='primary' onClick={onRetry} data-testid='points-summary-retry'>
          重试
        </Button>
      </View>
    )
  }
  const { summary } = state
  return (
    <View className='pts-card points-home__summary' data-testid='points-summary'>
      <View className='points-home__balance-row'>
        <View className='points-home__balance'>
          <Text className='pts-muted'>当前积分</Text>
          <Text className='pts-points' data-testid='points-balance'>
            {summary.balance}
          </Text>
        </View>
        <View className='points-home__earned'>
          <Text className='pts-muted'>今年已获得</Text>
          <Text className='points-home__earned-value' data-testid='points-earned'>
            {summary.earnedThisYear}
          </Text>
        </View>
      </View>
      <View className='points-home__actions'>
        <Button type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.gifts })} data-testid='points-go-gifts'>
          礼品兑换
        </Button>
        <Button fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.orders })} data-testid='points-go-orders'>
          我的兑换
        </Button>
      </View>
    </View>
  )
}

function RulesCard({ summary }: { summary: PointsSummary }) {
  return (
    <View className='pts-card' data-testid='points-rules'>
      <Text className='pts-card__title'>积分规则</Text>
      <View className='rules'>
        <View className='rules__row rules__row--head'>
          <Text className='rules__cell rules__cell--name'>获得方式</Text>
          <Text className='rules__cell'>积分</Text>
          <Text className='rules__cell'>每日上限</Text>
          <Text className='rules__cell'>每年上限</Text>
        </View>
        {summary.caps.rules.map((r) => {
          const off = r.points === 0 || r.perDay === 0 || r.perYear === 0
          return (
            <View key={r.reason} className={`rules__row${off ? ' rules__row--off' : ''}`} data-testid='points-rule' data-reason={r.reason}>
              <Text className='rules__cell rules__cell--name'>{EARNING_RULE_LABELS[r.reason]}</Text>
              <Text className='rules__cell rules__cell--points'>{off ? '暂停' : `+${r.points}`}</Text>
              <Text className='rules__cell'>{off ? '—' : `${r.perDay} 次`}</Text>
              <Text className='rules__cell'>{off ? '—' : `${r.perYear} 次`}</Text>
            </View>
          )
        })}
      </View>
      <Text className='pts-muted'>上限按次数计算，以北京时间的自然日、自然年为准。</Text>
      <View className='pts-notice' data-testid='points-cap-explain'>
        <Text className='points-home__notice-title'>礼品价值上限 ¥{summary.caps.yearlyValueCapYuan} / 年</Text>
        <Text data-testid='points-cap-used'>
          今年已兑换 ¥{summary.giftValueThisYearYuan}，还可兑换 ¥{Math.max(0, summary.caps.yearlyValueCapYuan - summary.giftValueThisYearYuan)}
        </Text>
        <Text>{valueCapExplanation(summary.caps.yearlyValueCapYuan)}</Text>
      </View>
    </View>
  )
}

function LedgerEntry({ entry }: { entry: PointsEntryView }) {
  const orderId = orderIdOf(entry)
  const positive = entry.delta > 0
  return (
    <View
      className={`ledger-entry${orderId ? ' ledger-entry--link' : ''}`}
      onClick={orderId ? () => void Taro.navigateTo({ url: orderUrl(orderId) }) : undefined}
      data-testid='ledger-entry'
      data-reason={entry.reason}
    >
      <View className='ledger-entry__body'>
        <Text className='ledger-entry__reason'>{POINTS_REASON_LABELS[entry.reason]}</Text>
        {entry.note ? (
          <Text className='ledger-entry__note' data-testid='ledger-entry-note'>
            {entry.reason === 'admin_adjustment' ? '说明：' : ''}
            {entry.note}
          </Text>
        ) : null}
        <Text className='ledger-entry__time'>{formatShanghai(entry.createdAt)}</Text>
      </View>
      <View className='ledger-entry__side'>
        <Text className={`ledger-entry__delta ledger-entry__delta--${positive ? 'in' : 'out'}`} data-testid='ledger-entry-delta'>
          {formatDelta(entry.delta)}
        </Text>
        <Text className='ledger-entry__after'>余额 {entry.balanceAfter}</Text>
      </View>
    </View>
  )
}

function PointsHome() {
  const [summary, setSummary] = useState<SummaryState>({ kind: 'loading' })
  const latest = useRef(0)
  const lists = useCursorLists<PointsEntryView>(fetchLedger, (e) => e.id)
  const ledger = lists.get(KEY)
  const firstShow = useRef(true)

  const loadSummary = useCallback(async (quiet = false) => {
    const call = ++latest.current
    if (!quiet) setSummary({ kind: 'loading' })
    try {
      const next = await getPointsSummary()
      if (call === latest.current) setSummary({ kind: 'ready', summary: next })
    } catch (error) {
      if (call !== latest.current) return
      if (quiet) void Taro.showToast({ title: messageOf(error), icon: 'none' })
      setSummary((s) => (quiet && s.kind === 'ready' ? s : { kind: 'error', error }))
    }
  }, [])

  useEffect(() => {
    void loadSummary()
    void lists.load(KEY)
  }, [])

  // Back from a redemption or a cancelled order: the balance and the ledger moved.
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else {
      void loadSummary(true)
      void lists.load(KEY, { quiet: true })
    }
  })
  usePullDownRefresh(() => {
    void Promise.all([loadSummary(true), lists.load(KEY, { quiet: true })]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(KEY))

  return (
    <View className='pts-page points-home page-narrow' data-testid='points-page'>
      <SummaryCard state={summary} onRetry={() => void loadSummary()} />
      {summary.kind === 'ready' ? <RulesCard summary={summary.summary} /> : null}
      <View className='points-home__ledger'>
        <Text className='points-home__ledger-title'>积分明细</Text>
        <CursorListView
          list={ledger}
          onRetry={() => void lists.load(KEY)}
          onMore={() => void lists.loadMore(KEY)}
          empty={{ title: '还没有积分记录', description: '注册审核通过、评价工单、首次阅读资料都可以获得积分' }}
          className='points-home__entries'
          testId='points-ledger'
          moreTestId='points-ledger-more'
          renderItem={(e) => <LedgerEntry key={e.id} entry={e} />}
        />
      </View>
    </View>
  )
}

/** 积分: balance, this year's earnings, the earning rules and the value cap, and the ledger. */
export default function PointsPage() {
  return (
    <SessionGate className='pts-page points-home page-narrow' permission='points.self' denied={{ title: '暂不能使用积分', description: '注册审核通过的医院员工可以获得和使用积分' }}>
      {() => <PointsHome />}
    </SessionGate>
  )
}
