import { provinces } from '@shared/china-regions'
import { DashboardQuerySchema, DashboardSchema, type Dashboard, type DashboardQuery } from '@shared/schemas/dashboard.schema'
import { todayShanghai } from '../utils/format'
import { requestParsed } from './http'

export type { Dashboard, DashboardQuery }

const DAY_MS = 24 * 3600_000

// ---------------------------------------------------------------------------
// The period: presets counted in Asia/Shanghai calendar days, or two dates
// ---------------------------------------------------------------------------

export const RANGE_PRESETS = ['7d', '30d', '90d', 'year'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

export const RANGE_PRESET_LABELS: Record<RangePreset, string> = {
  '7d': '近 7 天',
  '30d': '近 30 天',
  '90d': '近 90 天',
  year: '本年',
}

export const DEFAULT_PRESET: RangePreset = '30d'

export interface DateRange {
  /** YYYY-MM-DD, Asia/Shanghai, both ends included. */
  from: string
  to: string
}

/** Today's date in Asia/Shanghai. */
export const shanghaiDay = todayShanghai

/** `2026-03-01` + -1 → `2026-02-28` (calendar arithmetic on the date alone). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** 近 N 天 ends today and counts today; 本年 runs from 1 January to today. */
export function presetRange(preset: RangePreset, now: number = Date.now()): DateRange {
  const to = shanghaiDay(now)
  switch (preset) {
    case '7d':
      return { from: addDays(to, -6), to }
    case '30d':
      return { from: addDays(to, -29), to }
    case '90d':
      return { from: addDays(to, -89), to }
    case 'year':
      return { from: `${to.slice(0, 4)}-01-01`, to }
  }
}

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value)
}

/** Days in the range, both ends counted. */
export function rangeDays(range: DateRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1
}

/** `2026-11-01 至 2026-11-30`. */
export function rangeText(range: DateRange): string {
  return range.from === range.to ? range.from : `${range.from} 至 ${range.to}`
}

// ---------------------------------------------------------------------------
// The region: provinces by the first two digits of their GB/T 2260 code
// ---------------------------------------------------------------------------

export interface ProvinceOption {
  /** Two digits (`31`), as the API takes it; '' for the whole country. */
  code: string
  name: string
}

export const ALL_PROVINCES: ProvinceOption = { code: '', name: '全国' }

let provinceList: ProvinceOption[] | null = null

/** 全国, then every province, municipality and region from @vant/area-data in code order. */
export function provinceOptions(): ProvinceOption[] {
  provinceList ??= [ALL_PROVINCES, ...provinces().map((p) => ({ code: p.code.slice(0, 2), name: p.name }))]
  return provinceList
}

export function provinceName(code: string | null | undefined): string {
  if (!code) return ALL_PROVINCES.name
  return provinceOptions().find((p) => p.code === code)?.name ?? code
}

// ---------------------------------------------------------------------------
// The request
// ---------------------------------------------------------------------------

/**
 * The query for a range and province, or the Chinese message that says why
 * not (checked with the server's schema: order, one year at most).
 */
export function dashboardQueryOf(range: DateRange, province: string): { query: DashboardQuery; error?: undefined } | { query?: undefined; error: string } {
  const parsed = DashboardQuerySchema.safeParse({ from: range.from, to: range.to, province: province || undefined })
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? '时间范围无效' }
  return { query: parsed.data }
}

/** GET /admin/dashboard (admin.dashboard). */
export function getDashboard(query: DashboardQuery): Promise<Dashboard> {
  return requestParsed(DashboardSchema, '/admin/dashboard', { query: { from: query.from, to: query.to, province: query.province } })
}

// ---------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------

export const KPI_KEYS = ['open', 'created', 'breaches', 'rating', 'issued', 'redeemed', 'privacyOverdue'] as const
export type KpiKey = (typeof KPI_KEYS)[number]

export interface Kpi {
  key: KpiKey
  label: string
  /** The figure (`data-value`); null when there is none (no ratings). */
  value: number | null
  text: string
  hint: string
  /** Red when something needs doing (breaches, overdue privacy requests). */
  alert: boolean
}

export function openTotal(d: Dashboard): number {
  return d.tickets.openByStatus.reduce((sum, s) => sum + s.count, 0)
}

export function ratingCount(d: Dashboard): number {
  return d.ratings.distribution.reduce((sum, r) => sum + r.count, 0)
}

/** 4.6 (one decimal), or — when nobody rated. */
export function averageText(average: number | null): string {
  return average === null ? '—' : average.toFixed(1)
}

/** `12,345` (by hand: no Intl on some WeChat Android runtimes). */
export function count(n: number): string {
  const [int = '0', frac] = String(Math.abs(n)).split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`
}

export function dashboardKpis(d: Dashboard): Kpi[] {
  const open = openTotal(d)
  const rated = ratingCount(d)
  const privacy = d.privacyRequests
  return [
    { key: 'open', label: '在修工单', value: open, text: count(open), hint: '当前未解决（不限时间）', alert: false },
    { key: 'created', label: '新报修', value: d.tickets.created, text: count(d.tickets.created), hint: '所选时间内提交', alert: false },
    { key: 'breaches', label: '超时次数', value: d.sla.breaches, text: count(d.sla.breaches), hint: breachHint(d), alert: d.sla.breaches > 0 },
    {
      key: 'rating',
      label: '平均评分',
      value: d.ratings.average === null ? null : Math.round(d.ratings.average * 10) / 10,
      text: averageText(d.ratings.average),
      hint: rated > 0 ? `${count(rated)} 条评价` : '所选时间内没有评价',
      alert: false,
    },
    { key: 'issued', label: '发放积分', value: d.points.issued, text: count(d.points.issued), hint: '所选时间内获得', alert: false },
    { key: 'redeemed', label: '兑换积分', value: d.points.redeemed, text: count(d.points.redeemed), hint: '兑换礼品（已扣除退回）', alert: false },
    {
      key: 'privacyOverdue',
      label: '逾期隐私申请',
      value: privacy.overdue,
      text: count(privacy.overdue),
      hint: `待处理 ${privacy.open} · 3 日内到期 ${privacy.dueSoon}`,
      alert: privacy.overdue > 0,
    },
  ]
}

export const SLA_CLOCK_LABELS: Record<string, string> = {
  accept: '受理',
  response: '响应',
  resolve: '解决',
  resolution: '解决',
}

export function clockLabel(clock: string): string {
  return SLA_CLOCK_LABELS[clock] ?? clock
}

/** `受理超时 2 · 解决超时 1` */
export function breachHint(d: Dashboard): string {
  const parts = d.sla.byClock.filter((c) => c.count > 0).map((c) => `${clockLabel(c.clock)}超时 ${c.count}`)
  return parts.length > 0 ? parts.join(' · ') : '所选时间内没有超时'
}

/**
 * Nothing to show for this period and region: no open or new tickets, no
 * acceptance or resolution, no ratings, no points, nothing assigned, no stock
 * alerts and no privacy requests.
 */
export function isDashboardEmpty(d: Dashboard): boolean {
  return (
    openTotal(d) === 0 &&
    d.tickets.created === 0 &&
    d.sla.breaches === 0 &&
    d.sla.trend.every((t) => t.accepted === 0 && t.resolved === 0) &&
    ratingCount(d) === 0 &&
    d.points.issued === 0 &&
    d.points.redeemed === 0 &&
    d.workload.every((w) => w.open === 0 && w.resolved === 0) &&
    d.giftStockAlerts.length === 0 &&
    d.privacyRequests.open === 0
  )
}

/** A trend bucket on an axis: `11-22` for a day, `11-17 周` for the ISO week starting that Monday. */
export function bucketLabel(bucket: string, kind: 'day' | 'week'): string {
  const md = bucket.slice(5)
  return kind === 'week' ? `${md} 周` : md
}
