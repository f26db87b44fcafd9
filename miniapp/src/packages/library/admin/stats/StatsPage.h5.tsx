import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Chips from '../../../../components/Chips'
import { PageEmpty, PageError, PageLoading } from '../../../../components/PageState'
import { DOCUMENT_CATEGORY_LABELS } from '../../../../labels/library.zh'
import { getDocumentStats, type DocumentStats } from '../../../../services/library'
import { ROUTES } from '../../../../routes'
import '../admin.scss'

type State = { kind: 'loading' } | { kind: 'ready'; stats: DocumentStats } | { kind: 'error'; error: unknown }
type Range = '7' | '30' | '90' | 'all' | 'custom'

const RANGES = [
  { key: '7', label: '近 7 天' },
  { key: '30', label: '近 30 天' },
  { key: '90', label: '近 90 天' },
  { key: 'all', label: '全部' },
]

const DAY_MS = 24 * 3600_000
const SHANGHAI_MS = 8 * 3600_000

/** `2026-11-23` for a time, in Asia/Shanghai. */
function dateOf(ms: number): string {
  return new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10)
}

/** A Shanghai calendar day's start, or its end, as the API's ISO time. */
const dayStart = (date: string) => `${date}T00:00:00.000+08:00`
const dayEnd = (date: string) => `${date}T23:59:59.999+08:00`

/** `3 分 05 秒`; null (fewer readers than the privacy threshold) shows as a dash. */
function duration(seconds: number | null): string {
  if (seconds === null) return '—'
  const s = Math.round(seconds)
  return s >= 60 ? `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`
}

/** 阅读统计: views, readers and average reading time per category and per document, for a date range. Aggregates only. */
export default function StatsPage() {
  const today = dateOf(Date.now())
  const [range, setRange] = useState<Range>('30')
  const [from, setFrom] = useState(dateOf(Date.now() - 29 * DAY_MS))
  const [to, setTo] = useState(today)
  const [state, setState] = useState<State>({ kind: 'loading' })
  const latest = useRef(0)

  const load = useCallback(async () => {
    const call = ++latest.current
    setState({ kind: 'loading' })
    try {
      const stats = await getDocumentStats(range === 'all' ? {} : { from: dayStart(from), to: dayEnd(to) })
      if (call === latest.current) setState({ kind: 'ready', stats })
    } catch (error) {
      if (call === latest.current) setState({ kind: 'error', error })
    }
  }, [range, from, to])

  useEffect(() => {
    void load()
  }, [load])

  const choose = (key: string) => {
    const r = RANGES.find((x) => x.key === key)?.key as Range | undefined
    if (!r) return
    setRange(r)
    if (r !== 'all') {
      setFrom(dateOf(Date.now() - (Number(r) - 1) * DAY_MS))
      setTo(today)
    }
  }

  const stats = state.kind === 'ready' ? state.stats : null
  const documents = stats ? [...stats.documents].sort((a, b) => b.views - a.views) : []
  return (
    <View className='doc-admin' data-testid='doc-stats-page'>
      <View className='doc-admin__inner'>
        <View className='doc-admin__toolbar'>
          <Text className='doc-admin__link' onClick={() => void Taro.redirectTo({ url: ROUTES.libraryAdmin })} data-testid='doc-stats-back'>
            ‹ 资料列表
          </Text>
          <Text className='doc-admin__heading'>阅读统计</Text>
        </View>

        <Text className='doc-admin__privacy' data-testid='doc-stats-privacy'>
          统计只显示汇总数据（浏览次数、阅读人数、平均阅读时长），不显示任何个人的浏览记录；阅读人数不足 {stats?.minReaders ?? 3} 人时不显示平均时长，以免推断出个人。
        </Text>

        <View className='doc-admin__filters'>
          <Chips options={RANGES} selected={[range]} onToggle={choose} testId='doc-stats-range' optionTestId='doc-stats-range-option' />
          <View className='doc-stats__dates'>
            <input
              type='date'
              className='doc-stats__date'
              value={from}
              max={to}
              onChange={(e) => {
                setRange('custom')
                setFrom(e.target.value || from)
              }}
              data-testid='doc-stats-from'
              aria-label='开始日期'
            />
            <span className='doc-stats__to'>至</span>
            <input
              type='date'
              className='doc-stats__date'
              value={to}
              min={from}
              max={today}
              onChange={(e) => {
                setRange('custom')
                setTo(e.target.value || to)
              }}
              data-testid='doc-stats-to'
              aria-label='结束日期'
            />
          </View>
        </View>

        {state.kind === 'loading' ? <PageLoading rows={6} /> : null}
        {state.kind === 'error' ? <PageError error={state.error} onRetry={() => void load()} /> : null}
        {stats && stats.documents.length === 0 && stats.categories.every((c) => c.views === 0) ? <PageEmpty title='该时间段内暂无浏览' description='换个时间段看看' /> : null}
        {stats && (stats.documents.length > 0 || stats.categories.some((c) => c.views > 0)) ? (
          <>
            <Text className='doc-stats__title'>按分类</Text>
            <View className='doc-table-wrap'>
              <table className='doc-table' data-testid='doc-stats-categories'>
                <thead>
                  <tr>
                    <th>分类</th>
                    <th className='doc-table__num'>浏览次数</th>
                    <th className='doc-table__num'>阅读人数</th>
                    <th className='doc-table__num'>平均阅读时长</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.categories.map((c) => (
                    <tr key={c.category} data-testid='doc-stats-category' data-category={c.category}>
                      <td>{DOCUMENT_CATEGORY_LABELS[c.category]}</td>
                      <AggregateCells row={c} minReaders={stats.minReaders} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </View>
            <Text className='doc-stats__title'>按资料</Text>
            <View className='doc-table-wrap'>
              <table className='doc-table' data-testid='doc-stats-documents'>
                <thead>
                  <tr>
                    <th>资料</th>
                    <th className='doc-table__narrow'>分类</th>
                    <th className='doc-table__num'>浏览次数</th>
                    <th className='doc-table__num'>阅读人数</th>
                    <th className='doc-table__num'>平均阅读时长</th>
                  </tr>
                </thead>
                <tbody>
                  {documents.map((d) => (
                    <tr key={d.id} data-testid='doc-stats-document' data-id={d.id}>
                      <td>{d.title}</td>
                      <td>{DOCUMENT_CATEGORY_LABELS[d.category]}</td>
                      <AggregateCells row={d} minReaders={stats.minReaders} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </View>
            <Text className='doc-admin__muted'>“—”：阅读人数不足 {stats.minReaders} 人，平均时长不显示。</Text>
          </>
        ) : null}
      </View>
    </View>
  )
}

/** Views, readers and the average reading time (withheld below `minReaders`), the same for a category and a document. */
function AggregateCells({ row, minReaders }: { row: { views: number; readers: number; avgSeconds: number | null }; minReaders: number }) {
  return (
    <>
      <td className='doc-table__num'>{row.views}</td>
      <td className='doc-table__num'>{row.readers}</td>
      <td className='doc-table__num' title={row.avgSeconds === null ? `不足 ${minReaders} 人，不显示` : undefined}>
        {duration(row.avgSeconds)}
      </td>
    </>
  )
}
