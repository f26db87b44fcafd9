import type { SlaClock } from '@shared/schemas/ticket-workflow.schema'
import { formatShanghai } from './format'

export type SlaKind = 'response' | 'resolution'

/** normal: on time; warning: close to the deadline; danger: overdue; paused: on hold; done: met. */
export type SlaTone = 'normal' | 'warning' | 'danger' | 'paused' | 'done'

export interface SlaLine {
  /** 响应 / 解决 */
  label: string
  /** The one thing to read at a glance: 剩余 2 小时 15 分, 已暂停, 已超时 40 分钟, 已按时响应. */
  status: string
  /** The deadline or the time used, in smaller print. */
  detail: string
  tone: SlaTone
}

const LABEL: Record<SlaKind, string> = { response: '响应', resolution: '解决' }

/**
 * Minutes as people say them: 不到 1 分钟, 45 分钟, 2 小时 5 分, 3 天 4 小时.
 * Whole minutes, rounded down (a deadline shown never looks further away than it is).
 */
export function formatMinutes(minutes: number): string {
  const m = Math.floor(Math.max(0, minutes))
  if (m < 1) return '不到 1 分钟'
  if (m < 60) return `${m} 分钟`
  const days = Math.floor(m / 1440)
  const hours = Math.floor((m % 1440) / 60)
  const mins = m % 60
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`
  return mins > 0 ? `${hours} 小时 ${mins} 分` : `${hours} 小时`
}

/**
 * One SLA clock as the ticket detail shows it. The server counts business
 * minutes and gives `dueAt` (the wall-clock breach instant) while the clock
 * runs; the time left is measured against `now` so the page can tick. A
 * running clock past its `dueAt` is shown overdue before the server marks it.
 */
export function describeSlaClock(kind: SlaKind, clock: SlaClock, now: Date | number): SlaLine {
  const label = LABEL[kind]
  const nowMs = typeof now === 'number' ? now : now.getTime()
  const dueMs = clock.dueAt ? Date.parse(clock.dueAt) : Number.NaN
  const target = `目标 ${formatMinutes(clock.targetMinutes)}（工作时间）`
  const used = `已用 ${formatMinutes(clock.usedMinutes)}`

  switch (clock.state) {
    case 'met':
      return { label, status: `已按时${label}`, detail: `用时 ${formatMinutes(clock.usedMinutes)}，${target}`, tone: 'done' }
    case 'paused':
      return { label, status: '已暂停', detail: `工单挂起期间不计时；${used}，${target}`, tone: 'paused' }
    case 'breached':
      if (!Number.isNaN(dueMs) && nowMs > dueMs) {
        return { label, status: `已超时 ${formatMinutes((nowMs - dueMs) / 60_000)}`, detail: `${label}期限 ${formatShanghai(clock.dueAt)}`, tone: 'danger' }
      }
      return { label, status: '已超时', detail: `${used}，${target}`, tone: 'danger' }
    case 'running':
    default: {
      if (Number.isNaN(dueMs)) {
        const left = clock.targetMinutes - clock.usedMinutes
        if (left <= 0) return { label, status: '已超时', detail: `${used}，${target}`, tone: 'danger' }
        return { label, status: `剩余 ${formatMinutes(left)}`, detail: target, tone: clock.warning ? 'warning' : 'normal' }
      }
      const leftMs = dueMs - nowMs
      if (leftMs <= 0) {
        return { label, status: `已超时 ${formatMinutes(-leftMs / 60_000)}`, detail: `${label}期限 ${formatShanghai(clock.dueAt)}`, tone: 'danger' }
      }
      return {
        label,
        status: `剩余 ${formatMinutes(leftMs / 60_000)}`,
        detail: `${label}期限 ${formatShanghai(clock.dueAt)}`,
        tone: clock.warning ? 'warning' : 'normal',
      }
    }
  }
}

/** Whether the lines change with time (a running or overdue clock): the panel then ticks. */
export function slaTicks(clocks: readonly SlaClock[]): boolean {
  return clocks.some((c) => c.dueAt !== null && (c.state === 'running' || c.state === 'breached'))
}
