import { z } from 'zod'
import { PhoneSchema } from '@shared/schemas/common.schema'

// The search of the two append-only logs (管理操作日志 and 个人信息访问日志):
// who acted, whom it concerned (a phone or a user id), an action and days.

/** The search form as typed: ids and phone as text, days as `YYYY-MM-DD` (Shanghai). */
export interface LogFilters {
  /** Who acted (user id). */
  actor: string
  /** Whom it concerned: an 11-digit phone number or a user id. */
  subject: string
  /** '' for all. */
  action: string
  from: string
  to: string
}

/** The API's query as the form gives it (the cursor and limit come with each page). */
export interface LogQuery {
  actorId?: string
  subjectUserId?: string
  subjectPhone?: string
  action?: string
  from?: string
  to?: string
}

export type LogFilterErrors = Partial<Record<'actor' | 'subject' | 'to', string>>

export type LogQueryResult<Q> = { query: Q; errors?: undefined } | { query?: undefined; errors: LogFilterErrors }

/** A page of a log: after `cursor` (the last row's id), `limit` rows. */
export interface LogPageArgs {
  cursor?: string
  limit?: number
}

const UUID = z.string().uuid()
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** `2026-11-22` in Shanghai → the first or last instant of that day, as the API takes it. */
export function shanghaiDayBound(day: string, end: boolean): string {
  return `${day}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`
}

/**
 * The search form → the API's query (checked by the route's own `schema`), or
 * the Chinese message for each field that cannot be searched by. The subject
 * is a phone (found through the blind index) or a user id; days are whole
 * Shanghai days.
 */
export function logQueryOf<Q extends LogQuery>(filters: LogFilters, schema: z.ZodTypeAny): LogQueryResult<Q> {
  const errors: LogFilterErrors = {}
  const query: LogQuery = {}
  const actor = filters.actor.trim()
  if (actor) {
    if (UUID.safeParse(actor).success) query.actorId = actor.toLowerCase()
    else errors.actor = '请输入完整的用户 ID（36 位，含连字符）'
  }
  const subject = filters.subject.trim()
  if (subject) {
    const digits = subject.replace(/[\s-]/g, '').replace(/^\+86/, '')
    if (UUID.safeParse(subject).success) query.subjectUserId = subject.toLowerCase()
    else if (/^\d+$/.test(digits)) {
      const phone = PhoneSchema.safeParse(digits)
      if (phone.success) query.subjectPhone = phone.data
      else errors.subject = '请输入 11 位手机号'
    } else errors.subject = '请输入 11 位手机号或完整的用户 ID'
  }
  const action = filters.action.trim()
  if (action) query.action = action
  if (filters.from && DAY.test(filters.from)) query.from = shanghaiDayBound(filters.from, false)
  if (filters.to && DAY.test(filters.to)) query.to = shanghaiDayBound(filters.to, true)
  if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) errors.to = '结束日期不能早于开始日期'
  if (Object.keys(errors).length > 0) return { errors }
  const parsed = schema.safeParse(query)
  if (!parsed.success) return { errors: { to: parsed.error.issues[0]?.message ?? '查询条件有误' } }
  // The schema accepted it: the action is one the route knows.
  return { query: query as Q }
}

/** What the shown rows were searched by, in words (`指定操作人 · 2026-11-01 至 今天`). */
export function describeLogSearch<F extends LogFilters>(filters: F, words: { subject: (subject: string) => string; action: (action: Exclude<F['action'], ''>) => string }): string {
  const parts: string[] = []
  if (filters.actor.trim()) parts.push('指定操作人')
  if (filters.subject.trim()) parts.push(words.subject(filters.subject.trim()))
  if (filters.action) parts.push(words.action(filters.action as Exclude<F['action'], ''>))
  if (filters.from || filters.to) parts.push(`${filters.from || '最早'} 至 ${filters.to || '今天'}`)
  return parts.length > 0 ? parts.join(' · ') : '全部记录'
}

/** Who acted: `王管理员（管理员）`; the actor may be gone (cancelled) or a system job. */
export function actorLine(row: { actor: { name: string | null; role: string | null } | null }, roleLabels: Record<string, string>): string {
  if (!row.actor) return '系统'
  const name = row.actor.name ?? '（已注销用户）'
  return row.actor.role ? `${name}（${roleLabels[row.actor.role] ?? row.actor.role}）` : name
}
