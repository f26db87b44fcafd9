import type { Dashboard } from '@shared/schemas/dashboard.schema'
import type { ChartOption, ChartSummary } from '../../components/Chart/types'
import { TICKET_STATUS_LABELS } from '../../labels/ticket.zh'
import { bucketLabel, count, openTotal, ratingCount } from '../../services/dashboard'

/**
 * The dashboard's charts as plain data: each one's ECharts option, the table
 * of its numbers, its height and whether it has anything to draw. Pure (no
 * ECharts import), so the numbers are unit-tested without a canvas.
 */

export const CHART_KEYS = ['status', 'hospital', 'trend', 'workload', 'ratings', 'points'] as const
export type ChartKey = (typeof CHART_KEYS)[number]

export interface ChartSpec {
  key: ChartKey
  title: string
  /** A line under the title (what the figures count). */
  note: string
  option: ChartOption
  summary: ChartSummary
  /** CSS px. */
  height: number
  /** Nothing to draw: the card says `emptyText` instead. */
  empty: boolean
  emptyText: string
}

const COLORS = {
  blue: '#1668dc',
  cyan: '#14c9c9',
  green: '#00b42a',
  orange: '#ff7d00',
  red: '#f53f3f',
  purple: '#722ed1',
  grey: '#86909c',
  lightBlue: '#7ba7f0',
}

const STATUS_COLORS: Record<string, string> = {
  submitted: COLORS.lightBlue,
  accepted: COLORS.cyan,
  in_progress: COLORS.blue,
  on_hold: COLORS.orange,
  resolved: COLORS.green,
  closed: COLORS.grey,
  cancelled: COLORS.grey,
}

/** 1 星 red … 5 星 green. */
const SCORE_COLORS = ['#f53f3f', '#ff7d00', '#fadc19', '#9fdb1d', '#00b42a']

const TEXT = { color: '#4e5969', fontSize: 12 }
const AXIS_LINE = { lineStyle: { color: '#e5e6eb' } }
const SPLIT_LINE = { lineStyle: { color: '#f2f3f5' } }
const LEGEND = { bottom: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10, textStyle: TEXT }
const GRID = { left: 8, right: 16, top: 24, bottom: 32, containLabel: true }

/** Long hospital and engineer names on a category axis: the first 8 characters. */
export function shortName(name: string, max = 8): string {
  return name.length > max ? `${name.slice(0, max)}…` : name
}

/** Minutes as the table says them: `45 分钟`, `2.5 小时` from 120 minutes on; — when none. */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—'
  return minutes < 120 ? `${Math.round(minutes)} 分钟` : `${(minutes / 60).toFixed(1)} 小时`
}

export function hoursText(hours: number | null): string {
  if (hours === null) return '—'
  return hours < 48 ? `${hours.toFixed(1)} 小时` : `${(hours / 24).toFixed(1)} 天`
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10)

/** A horizontal bar chart grows with its rows: 32 px a row (44 for two series) plus the axes. */
export function barsHeight(rows: number, perRow = 32): number {
  return Math.max(200, 64 + rows * perRow)
}

export function statusChart(d: Dashboard): ChartSpec {
  const rows = d.tickets.openByStatus
  const total = openTotal(d)
  // Empty slices draw nothing but a stray 0; the table still lists them.
  const slices = rows.filter((s) => s.count > 0).map((s) => ({ name: TICKET_STATUS_LABELS[s.status], value: s.count, status: s.status }))
  const byName = new Map(slices.map((s) => [s.name, s.value]))
  return {
    key: 'status',
    title: '在修工单 · 按状态',
    note: `共 ${count(total)} 单，当前未解决（不受时间范围影响）`,
    height: 260,
    empty: total === 0,
    emptyText: '当前没有在修工单',
    summary: { columns: ['状态', '工单数'], rows: rows.map((s) => [TICKET_STATUS_LABELS[s.status], s.count]) },
    option: {
      color: slices.map((s) => STATUS_COLORS[s.status] ?? COLORS.grey),
      tooltip: { trigger: 'item', formatter: '{b}：{c} 单（{d}%）' },
      // Names and counts in the legend; on a phone's width outside labels get cut.
      legend: { ...LEGEND, formatter: (name: string) => `${name} ${byName.get(name) ?? 0}` },
      series: [
        {
          type: 'pie',
          name: '在修工单',
          radius: ['42%', '72%'],
          center: ['50%', '44%'],
          label: { show: true, position: 'inside', formatter: '{c}', color: '#ffffff', fontSize: 12, fontWeight: 'bold' },
          labelLine: { show: false },
          data: slices.map(({ name, value }) => ({ name, value })),
        },
      ],
    },
  }
}

export function hospitalChart(d: Dashboard): ChartSpec {
  const rows: [string, number][] = d.tickets.openByHospital.map((h) => [h.hospital.name, h.count])
  if (d.tickets.openOthers > 0) rows.push(['其他医院', d.tickets.openOthers])
  // Category axes draw bottom-up: reverse so the busiest hospital is on top.
  const drawn = [...rows].reverse()
  return {
    key: 'hospital',
    title: '在修工单 · 按医院',
    note: d.tickets.openOthers > 0 ? '在修最多的 10 家医院，其余合计为“其他医院”' : '当前未解决的工单',
    height: barsHeight(drawn.length),
    empty: openTotal(d) === 0,
    emptyText: '当前没有在修工单',
    summary: { columns: ['医院', '在修工单'], rows },
    option: {
      color: [COLORS.blue],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { ...GRID, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: TEXT, splitLine: SPLIT_LINE },
      yAxis: {
        type: 'category',
        data: drawn.map(([name]) => name),
        axisLabel: { ...TEXT, formatter: (name: string) => shortName(name) },
        axisLine: AXIS_LINE,
        axisTick: { show: false },
      },
      series: [{ type: 'bar', name: '在修工单', data: drawn.map(([, n]) => n), barMaxWidth: 18, label: { show: true, position: 'right', ...TEXT } }],
    },
  }
}

export function trendChart(d: Dashboard): ChartSpec {
  const kind = d.period.bucket
  const trend = d.sla.trend
  const breaches = d.sla.byClock.filter((c) => c.count > 0)
  return {
    key: 'trend',
    title: '受理与解决时效',
    note: `平均受理时长（分钟，左轴）与平均解决时长（小时，右轴），按${kind === 'week' ? '周' : '天'}统计${breaches.length > 0 ? `；超时 ${count(d.sla.breaches)} 次` : ''}`,
    height: 280,
    empty: trend.every((t) => t.accepted === 0 && t.resolved === 0),
    emptyText: '所选时间内没有受理或解决的工单',
    summary: {
      columns: [kind === 'week' ? '周（起）' : '日期', '受理', '平均受理', '解决', '平均解决'],
      rows: trend.map((t) => [t.bucket, t.accepted, minutesText(t.avgAcceptMinutes), t.resolved, hoursText(t.avgResolveHours)]),
    },
    option: {
      color: [COLORS.cyan, COLORS.purple],
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: { ...GRID, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: trend.map((t) => bucketLabel(t.bucket, kind)), axisLabel: TEXT, axisLine: AXIS_LINE, boundaryGap: false },
      yAxis: [
        { type: 'value', name: '分钟', nameTextStyle: { ...TEXT, color: COLORS.cyan }, axisLabel: TEXT, splitLine: SPLIT_LINE, min: 0 },
        { type: 'value', name: '小时', nameTextStyle: { ...TEXT, color: COLORS.purple }, axisLabel: TEXT, splitLine: { show: false }, min: 0 },
      ],
      series: [
        {
          type: 'line',
          name: '平均受理（分钟）',
          yAxisIndex: 0,
          data: trend.map((t) => (t.avgAcceptMinutes === null ? null : Math.round(t.avgAcceptMinutes))),
          connectNulls: false,
          symbolSize: 6,
        },
        {
          type: 'line',
          name: '平均解决（小时）',
          yAxisIndex: 1,
          data: trend.map((t) => round1(t.avgResolveHours)),
          connectNulls: false,
          symbolSize: 6,
        },
      ],
    },
  }
}

export function workloadChart(d: Dashboard): ChartSpec {
  const rows = d.workload
  const drawn = [...rows].reverse()
  return {
    key: 'workload',
    title: '工程师工作量',
    note: '在修：当前指派给他的未解决工单；已解决：所选时间内解决的工单',
    height: barsHeight(drawn.length, 44),
    empty: rows.every((w) => w.open === 0 && w.resolved === 0),
    emptyText: rows.length === 0 ? '还没有在职的工程师' : '没有在修或所选时间内解决的工单',
    summary: { columns: ['工程师', '在修', '已解决'], rows: rows.map((w) => [w.engineer.name, w.open, w.resolved]) },
    option: {
      color: [COLORS.orange, COLORS.green],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: LEGEND,
      grid: { ...GRID, bottom: 36 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: TEXT, splitLine: SPLIT_LINE },
      yAxis: {
        type: 'category',
        data: drawn.map((w) => w.engineer.name),
        axisLabel: { ...TEXT, formatter: (name: string) => shortName(name, 6) },
        axisLine: AXIS_LINE,
        axisTick: { show: false },
      },
      series: [
        { type: 'bar', name: '在修', data: drawn.map((w) => w.open), barMaxWidth: 14 },
        { type: 'bar', name: '已解决', data: drawn.map((w) => w.resolved), barMaxWidth: 14 },
      ],
    },
  }
}

export function ratingsChart(d: Dashboard): ChartSpec {
  const rows = [...d.ratings.distribution].sort((a, b) => a.score - b.score)
  const rated = ratingCount(d)
  return {
    key: 'ratings',
    title: '服务评分分布',
    note: rated > 0 ? `${count(rated)} 条评价，平均 ${d.ratings.average === null ? '—' : d.ratings.average.toFixed(1)} 分` : '所选时间内的评价',
    height: 220,
    empty: rated === 0,
    emptyText: '所选时间内没有评价',
    summary: { columns: ['评分', '评价数'], rows: rows.map((r) => [`${r.score} 星`, r.count]) },
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { ...GRID, bottom: 8 },
      xAxis: { type: 'category', data: rows.map((r) => `${r.score} 星`), axisLabel: TEXT, axisLine: AXIS_LINE, axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: TEXT, splitLine: SPLIT_LINE },
      series: [
        {
          type: 'bar',
          name: '评价数',
          barMaxWidth: 32,
          label: { show: true, position: 'top', ...TEXT },
          data: rows.map((r) => ({ value: r.count, itemStyle: { color: SCORE_COLORS[Math.min(4, Math.max(0, r.score - 1))] } })),
        },
      ],
    },
  }
}

export function pointsChart(d: Dashboard): ChartSpec {
  const kind = d.period.bucket
  const trend = d.points.trend
  return {
    key: 'points',
    title: '积分发放与兑换',
    note: `所选时间内发放 ${count(d.points.issued)}、兑换 ${count(d.points.redeemed)} 积分，按${kind === 'week' ? '周' : '天'}统计`,
    height: 260,
    empty: d.points.issued === 0 && d.points.redeemed === 0 && trend.every((t) => t.issued === 0 && t.redeemed === 0),
    emptyText: '所选时间内没有积分发放或兑换',
    summary: { columns: [kind === 'week' ? '周（起）' : '日期', '发放', '兑换'], rows: trend.map((t) => [t.bucket, t.issued, t.redeemed]) },
    option: {
      color: [COLORS.blue, COLORS.orange],
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: { ...GRID, bottom: 40 },
      xAxis: { type: 'category', data: trend.map((t) => bucketLabel(t.bucket, kind)), axisLabel: TEXT, axisLine: AXIS_LINE },
      yAxis: { type: 'value', minInterval: 1, axisLabel: TEXT, splitLine: SPLIT_LINE },
      series: [
        { type: 'bar', name: '发放', data: trend.map((t) => t.issued), barMaxWidth: 14 },
        { type: 'bar', name: '兑换', data: trend.map((t) => t.redeemed), barMaxWidth: 14 },
      ],
    },
  }
}

/** Every chart of the dashboard, in page order. */
export function dashboardCharts(d: Dashboard): ChartSpec[] {
  return [statusChart(d), hospitalChart(d), trendChart(d), workloadChart(d), ratingsChart(d), pointsChart(d)]
}
