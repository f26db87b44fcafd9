import { regionLabel, regionNames } from '@shared/china-regions'
import type { SortDir } from '../../../components/ConsoleTable'
import { todayShanghai } from '../../../utils/format'

/** A hospital's service tier (shared SERVICE_TIER_VALUES) with the SLA it buys. */
export const SERVICE_TIER_LABELS: Record<'standard' | 'premium', string> = {
  standard: '标准服务',
  premium: '优先服务',
}

export function tierLabel(tier: string): string {
  return (SERVICE_TIER_LABELS as Record<string, string>)[tier] ?? tier
}

/** A six-digit county code → `上海市 徐汇区`, or null when it is not a real code. */
export function regionHint(code: string): { province: string; city: string; text: string } | null {
  if (!/^\d{6}$/.test(code)) return null
  const names = regionNames(`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code)
  if (!names) return null
  return { province: names.province, city: names.city, text: regionLabel(names) }
}

/** `YYYY-MM-DD` plus days (calendar arithmetic in UTC, which has no DST). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

export type Coverage = 'none' | 'expired' | 'soon' | 'ok'

/** Warranty/contract state of a unit: over, ending within 90 days, or running. */
export function coverageOf(coveredUntil: string | null, today = todayShanghai()): Coverage {
  if (!coveredUntil) return 'none'
  if (coveredUntil < today) return 'expired'
  if (coveredUntil <= addDays(today, 90)) return 'soon'
  return 'ok'
}

export const COVERAGE_NOTES: Record<Coverage, string> = {
  none: '未登记',
  expired: '已过期',
  soon: '90 天内到期',
  ok: '',
}

/** A header click: the same column flips its direction, another column starts ascending. */
export function nextSort<K extends string>(current: { key: K; dir: SortDir }, key: K): { key: K; dir: SortDir } {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }
}

/** Only the fields of `next` that differ from `before` (a PATCH body). */
export function changedFields<T extends Record<string, unknown>>(before: Record<string, unknown>, next: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (next[key] !== undefined && next[key] !== before[key as string]) out[key] = next[key]
  }
  return out
}
