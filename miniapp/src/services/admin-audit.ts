import { z } from 'zod'
import { AuditPageSchema, AuditQuerySchema, type AuditView } from '@shared/schemas/admin-users.schema'
import { PhoneSchema } from '@shared/schemas/common.schema'
import { auditActionLabel, auditFamilyLabel } from '../labels/audit-actions.zh'
import { shanghaiDayBound } from './admin-privacy'
import { requestParsed } from './http'

export type { AuditView }
export type AuditPage = z.infer<typeof AuditPageSchema>

/** The search form as typed: ids and phone as text, days as `YYYY-MM-DD` (Shanghai). */
export interface AuditFilters {
  /** An exact action (`registration.approve`), a family (`user.`), or '' for all. */
  action: string
  /** Who acted (user id). */
  actor: string
  /** Whom it concerned: an 11-digit phone number or a user id. */
  subject: string
  from: string
  to: string
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', subject: '', from: '', to: '' }

export type AuditSearch = Omit<z.input<typeof AuditQuerySchema>, 'cursor' | 'limit'>
export type AuditFilterErrors = Partial<Record<'actor' | 'subject' | 'to', string>>

const UUID = z.string().uuid()
const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The search form → the API's query, or the Chinese message for each field
 * that cannot be searched by. The subject is a phone (found through the
 * blind index) or a user id; days are whole Shanghai days.
 */
export function auditQueryOf(filters: AuditFilters): { query: AuditSearch; errors?: undefined } | { query?: undefined; errors: AuditFilterErrors } {
  const errors: AuditFilterErrors = {}
  const query: AuditSearch = {}
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
  const parsed = AuditQuerySchema.safeParse(query)
  if (!parsed.success) return { errors: { to: parsed.error.issues[0]?.message ?? '查询条件有误' } }
  return { query }
}

/** GET /admin/audit: newest first, keyset paged, with the distinct actions on record for the filter. */
export function listAudit(search: AuditSearch, { cursor, limit = 50 }: { cursor?: string; limit?: number } = {}): Promise<AuditPage> {
  return requestParsed(AuditPageSchema, '/admin/audit', { query: { ...search, cursor, limit } })
}

export interface ActionOption {
  key: string
  label: string
}

/**
 * The action filter's choices: 全部操作, then each family of actions (`全部用户管理操作`
 * when it has two or more) followed by its actions. The chosen one stays listed
 * even when the server's list no longer has it.
 */
export function actionOptions(actions: readonly string[], selected = ''): ActionOption[] {
  const all = [...new Set([...actions, ...(selected && !selected.endsWith('.') ? [selected] : [])])].sort()
  const families = new Map<string, string[]>()
  for (const action of all) {
    const family = action.split('.')[0] ?? action
    families.set(family, [...(families.get(family) ?? []), action])
  }
  const out: ActionOption[] = [{ key: '', label: '全部操作' }]
  for (const [family, members] of families) {
    if (members.length > 1 || selected === `${family}.`) out.push({ key: `${family}.`, label: auditFamilyLabel(family) })
    for (const action of members) out.push({ key: action, label: auditActionLabel(action) })
  }
  if (selected.endsWith('.') && !out.some((o) => o.key === selected)) out.push({ key: selected, label: auditFamilyLabel(selected) })
  return out
}

/** Who acted: `王管理员（管理员）`; the actor may be gone (cancelled) or a system job. */
export function auditActorLine(row: Pick<AuditView, 'actor'>, roleLabels: Record<string, string>): string {
  if (!row.actor) return '系统'
  const name = row.actor.name ?? '（已注销用户）'
  return row.actor.role ? `${name}（${roleLabels[row.actor.role] ?? row.actor.role}）` : name
}

/** Whom it concerned. */
export function auditSubjectLine(row: Pick<AuditView, 'subject'>): string {
  if (!row.subject) return '—'
  return row.subject.name ?? '（已注销用户）'
}
