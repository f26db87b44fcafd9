import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import Chart from '../../components/Chart'
import { PageEmpty, PageError } from '../../components/PageState'
import { usePageReload } from '../../hooks/usePageReload'
import { ROUTES } from '../../routes'
import {
  DEFAULT_PRESET,
  RANGE_PRESETS,
  RANGE_PRESET_LABELS,
  count,
  dashboardKpis,
  dashboardQueryOf,
  getDashboard,
  isDashboardEmpty,
  presetRange,
  provinceName,
  provinceOptions,
  rangeText,
  shanghaiDay,
  type Dashboard,
  type DateRange,
  type Kpi,
  type RangePreset,
} from '../../services/dashboard'
import { messageOf } from '../../services/errors.zh'
import { formatShanghai } from '../../utils/format'
import { useWideLayout } from '../../utils/layout'
import { dashboardCharts, type ChartSpec } from './charts'
import DateField from './DateField'
import ProvinceSelect from './ProvinceSelect'

type Loaded = { kind: 'loading' } | { kind: 'ready'; value: Dashboard } | { kind: 'error'; error: unknown }
type Range = RangePreset | 'custom'

const go = (url: string) => void Taro.navigateTo({ url })

/** The first load (and each change of period or region): the page's shape in grey. */
function DashboardSkeleton() {
  return (
    <View className='dashboard__body' data-testid='dashboard-loading'>
      <View className='dashboard__kpis'>
        {Array.from({ length: 7 }, (_, i) => (
          <View key={i} className='dashboard-kpi'>
            <Skeleton rows={2} animated />
          </View>
        ))}
      </View>
      <View className='dashboard__grid'>
        {Array.from({ length: 6 }, (_, i) => (
          <View key={i} className='dashboard-card'>
            <Skeleton rows={6} animated />
          </View>
        ))}
      </View>
    </View>
  )
}

const KPI_LINKS: Partial<Record<Kpi['key'], string>> = {
  privacyOverdue: `${ROUTES.adminPrivacyRequests}?filter=overdue`,
}

function KpiTile({ kpi }: { kpi: Kpi }) {
  const link = KPI_LINKS[kpi.key]
  return (
    <View
      className={`dashboard-kpi${kpi.alert ? ' dashboard-kpi--alert' : ''}${link ? ' dashboard-kpi--link' : ''}`}
      data-testid={`dashboard-kpi-${kpi.key}`}
      data-value={kpi.value === null ? '' : String(kpi.value)}
      onClick={link ? () => go(link) : undefined}
    >
      <Text className='dashboard-kpi__label'>{kpi.label}</Text>
      <Text className='dashboard-kpi__value'>{kpi.text}</Text>
      <Text className='dashboard-kpi__hint'>{kpi.hint}</Text>
    </View>
  )
}

interface CardProps {
  testId: string
  title: string
  /** A link beside the title to the page behind the figures. */
  link?: { text: string; url: string; testId: string }
  /** What the card counts. */
  note: string
  /** When set, shown instead of the figures. */
  empty?: string
  wide?: boolean
  /** For the tests: `data-count`, `data-empty`. */
  attrs?: { 'data-count'?: number; 'data-empty'?: string }
  children?: ReactNode
}

/** A card of the grid: the title (and its link), the note, then the figures or the empty line. */
function DashboardCard({ testId, title, link, note, empty, wide, attrs, children }: CardProps) {
  const heading = <Text className='dashboard-card__title'>{title}</Text>
  return (
    <View className={`dashboard-card${wide ? ' dashboard-card--wide' : ''}`} data-testid={testId} {...attrs}>
      <View className='dashboard-card__head'>
        {link ? (
          <View className='dashboard-card__title-row'>
            {heading}
            <Text className='dashboard-card__link' onClick={() => go(link.url)} data-testid={link.testId}>
              {link.text}
            </Text>
          </View>
        ) : (
          heading
        )}
        <Text className='dashboard-card__note'>{note}</Text>
      </View>
      {empty !== undefined ? (
        <View className='dashboard-card__empty'>
          <Text>{empty}</Text>
        </View>
      ) : (
        children
      )}
    </View>
  )
}

function ChartCard({ spec, wide }: { spec: ChartSpec; wide?: boolean }) {
  return (
    <DashboardCard
      testId={`dashboard-chart-${spec.key}`}
      title={spec.title}
      note={spec.note}
      empty={spec.empty ? spec.emptyText : undefined}
      wide={wide}
      attrs={{ 'data-empty': spec.empty ? 'true' : 'false' }}
    >
      <Chart option={spec.option} height={spec.height} label={spec.title} summary={spec.summary} testId={`dashboard-chart-${spec.key}-canvas`} />
    </DashboardCard>
  )
}

const stars = (score: number) => '★★★★★'.slice(0, Math.max(0, Math.min(5, score))) + '☆☆☆☆☆'.slice(0, 5 - Math.max(0, Math.min(5, score)))

function CommentsCard({ d }: { d: Dashboard }) {
  const comments = d.ratings.recentComments
  return (
    <DashboardCard
      testId='dashboard-comments'
      title='最新评价'
      note='所选时间内带文字的最近 10 条评价'
      empty={comments.length === 0 ? '所选时间内没有文字评价' : undefined}
      attrs={{ 'data-count': comments.length }}
    >
      <View className='dashboard-list'>
        {comments.map((c) => (
          <View key={`${c.ticketNumber}-${c.createdAt}`} className='dashboard-comment' data-testid='dashboard-comment'>
            <View className='dashboard-comment__head'>
              <Text className={`dashboard-comment__stars${c.score <= 2 ? ' dashboard-comment__stars--low' : ''}`} aria-label={`${c.score} 星`}>
                {stars(c.score)}
              </Text>
              <Text className='dashboard-card__note'>{formatShanghai(c.createdAt)}</Text>
            </View>
            <Text className='dashboard-comment__text'>{c.comment}</Text>
            <Text className='dashboard-card__note'>
              {c.hospital} · 工单 {c.ticketNumber}
            </Text>
          </View>
        ))}
      </View>
    </DashboardCard>
  )
}

function StockCard({ d }: { d: Dashboard }) {
  const alerts = d.giftStockAlerts
  return (
    <DashboardCard
      testId='dashboard-stock'
      title='礼品库存预警'
      link={{ text: '礼品管理 ›', url: ROUTES.adminGifts, testId: 'dashboard-go-gifts' }}
      note='上架中、库存不超过 5 件的礼品（全国）'
      empty={alerts.length === 0 ? '库存充足' : undefined}
      attrs={{ 'data-count': alerts.length }}
    >
      <View className='dashboard-list'>
        {alerts.map((a) => (
          <View key={a.gift.id} className='dashboard-row' data-testid='dashboard-stock-item' data-stock={a.stock}>
            <Text className='dashboard-row__name'>{a.gift.name}</Text>
            <Text className={`dashboard-row__value${a.stock === 0 ? ' dashboard-row__value--alert' : ''}`}>
              {a.stock === 0 ? '已售罄' : `剩 ${a.stock} 件`}
            </Text>
          </View>
        ))}
      </View>
    </DashboardCard>
  )
}

function PrivacyCard({ d }: { d: Dashboard }) {
  const p = d.privacyRequests
  const figures = [
    { key: 'open', label: '待处理', value: p.open, url: ROUTES.adminPrivacyRequests, alert: false },
    { key: 'dueSoon', label: '3 日内到期', value: p.dueSoon, url: ROUTES.adminPrivacyRequests, alert: false },
    { key: 'overdue', label: '已逾期', value: p.overdue, url: `${ROUTES.adminPrivacyRequests}?filter=overdue`, alert: p.overdue > 0 },
  ]
  return (
    <DashboardCard
      testId='dashboard-privacy'
      title='隐私申请待办'
      link={{ text: '隐私合规 ›', url: ROUTES.adminPrivacy, testId: 'dashboard-go-privacy' }}
      note='须在收到后 15 日内答复（全国）'
    >
      <View className='dashboard-figures'>
        {figures.map((f) => (
          <View
            key={f.key}
            className={`dashboard-figure${f.alert ? ' dashboard-figure--alert' : ''}`}
            data-testid={`dashboard-privacy-${f.key}`}
            data-value={f.value}
            onClick={() => go(f.url)}
          >
            <Text className='dashboard-figure__value'>{count(f.value)}</Text>
            <Text className='dashboard-figure__label'>{f.label}</Text>
          </View>
        ))}
      </View>
    </DashboardCard>
  )
}

function DashboardBody({ d }: { d: Dashboard }) {
  const kpis = useMemo(() => dashboardKpis(d), [d])
  const charts = useMemo(() => dashboardCharts(d), [d])
  const chart = (key: ChartSpec['key']) => charts.find((c) => c.key === key)!
  const empty = isDashboardEmpty(d)
  return (
    <View className='dashboard__body' data-testid='dashboard-ready'>
      <View className='dashboard__kpis' data-testid='dashboard-kpis'>
        {kpis.map((k) => (
          <KpiTile key={k.key} kpi={k} />
        ))}
      </View>
      {empty ? (
        <View className='dashboard__empty' data-testid='dashboard-empty'>
          <PageEmpty title='所选时间和地区暂无数据' description='没有工单、评价、积分变动或待办事项。可以换一个时间范围或地区再看。' />
        </View>
      ) : (
        <View className='dashboard__grid'>
          <ChartCard spec={chart('status')} />
          <ChartCard spec={chart('hospital')} />
          <ChartCard spec={chart('workload')} />
          <ChartCard spec={chart('trend')} wide />
          <ChartCard spec={chart('ratings')} />
          <CommentsCard d={d} />
          <ChartCard spec={chart('points')} />
          <StockCard d={d} />
          <PrivacyCard d={d} />
        </View>
      )}
    </View>
  )
}

/**
 * 数据看板: the period (近 7/30/90 天, 本年 or two dates, Asia/Shanghai) and
 * the region, then the figures — tiles, charts with their numbers under
 * them, the latest comments, gift stock and privacy deadlines. One column on
 * a phone, two or three at desk widths.
 */
export default function DashboardView() {
  const wide = useWideLayout()
  const [range, setRange] = useState<Range>(DEFAULT_PRESET)
  const [custom, setCustom] = useState<DateRange>(() => presetRange(DEFAULT_PRESET))
  const [province, setProvince] = useState('')
  const [state, setState] = useState<Loaded>({ kind: 'loading' })
  const [refreshing, setRefreshing] = useState(false)
  const [rangeError, setRangeError] = useState<string | undefined>()
  const calls = useRef(0)
  const provinces = useMemo(() => provinceOptions(), [])

  const load = useCallback(
    async (quiet = false) => {
      // Presets are counted from today each time, so a page left open overnight moves on.
      const period = range === 'custom' ? custom : presetRange(range)
      const checked = dashboardQueryOf(period, province)
      if (checked.error !== undefined) {
        setRangeError(checked.error)
        return
      }
      setRangeError(undefined)
      const call = ++calls.current
      if (quiet) setRefreshing(true)
      else setState({ kind: 'loading' })
      try {
        const value = await getDashboard(checked.query)
        if (call === calls.current) setState({ kind: 'ready', value })
      } catch (error) {
        if (call !== calls.current) return
        // A quiet refresh keeps the figures shown and says why it failed.
        if (quiet) {
          setState((s) => (s.kind === 'ready' ? s : { kind: 'error', error }))
          void Taro.showToast({ title: messageOf(error), icon: 'none' })
        } else setState({ kind: 'error', error })
      } finally {
        if (call === calls.current) setRefreshing(false)
      }
    },
    [range, custom, province],
  )
  usePageReload(load)

  const pickRange = (next: Range) => {
    if (next === range) return
    // 自定义 starts from the period on screen.
    if (next === 'custom') setCustom(range === 'custom' ? custom : presetRange(range))
    setRange(next)
  }

  const today = shanghaiDay()
  const shown = range === 'custom' ? custom : presetRange(range)
  const ready = state.kind === 'ready' ? state.value : null

  return (
    <View className='dashboard' data-testid='dashboard' data-wide={wide ? 'true' : 'false'} data-state={state.kind}>
      <View className='dashboard__inner'>
        <View className='dashboard__toolbar'>
          <Text className='dashboard__heading'>数据看板</Text>
          <View className='dashboard__grow' />
          {ready ? (
            <Text className='dashboard__muted' data-testid='dashboard-updated' data-generated-at={ready.generatedAt}>
              数据更新于 {formatShanghai(ready.generatedAt)}
            </Text>
          ) : null}
          <Button size='small' fill='outline' loading={refreshing} disabled={refreshing || state.kind === 'loading'} onClick={() => void load(true)} data-testid='dashboard-refresh'>
            刷新
          </Button>
        </View>

        <View className='dashboard__filters'>
          <View className='dashboard__ranges' role='radiogroup' aria-label='时间范围'>
            {[...RANGE_PRESETS, 'custom' as const].map((key) => (
              <View
                key={key}
                className={`dashboard-chip${range === key ? ' dashboard-chip--on' : ''}`}
                data-testid={`dashboard-range-${key}`}
                data-selected={range === key ? 'true' : 'false'}
                role='radio'
                aria-checked={range === key}
                onClick={() => pickRange(key)}
              >
                <Text>{key === 'custom' ? '自定义' : RANGE_PRESET_LABELS[key]}</Text>
              </View>
            ))}
          </View>
          <ProvinceSelect value={province} options={provinces} onChange={setProvince} testId='dashboard-province' />
        </View>

        {range === 'custom' ? (
          <View className='dashboard__custom' data-testid='dashboard-custom'>
            <DateField value={custom.from} max={today} label='开始日期' testId='dashboard-from' onChange={(from) => setCustom((c) => ({ ...c, from }))} />
            <Text className='dashboard__muted'>至</Text>
            <DateField value={custom.to} max={today} label='结束日期' testId='dashboard-to' onChange={(to) => setCustom((c) => ({ ...c, to }))} />
            {rangeError ? (
              <Text className='dashboard__error' data-testid='dashboard-range-error'>
                {rangeError}
              </Text>
            ) : null}
          </View>
        ) : null}

        <Text className='dashboard__muted' data-testid='dashboard-period'>
          {/* What the figures on screen cover (the server's echo), else what is being asked for. */}
          {rangeText(ready ? ready.period : shown)} · {provinceName(ready ? ready.period.province : province)}
          {ready?.period.bucket === 'week' ? ' · 趋势按周' : ''}
        </Text>

        {state.kind === 'loading' ? <DashboardSkeleton /> : null}
        {state.kind === 'error' ? (
          <View data-testid='dashboard-error'>
            <PageError error={state.error} onRetry={() => void load()} />
          </View>
        ) : null}
        {ready ? <DashboardBody d={ready} /> : null}
      </View>
    </View>
  )
}
