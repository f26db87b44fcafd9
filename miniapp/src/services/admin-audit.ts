import { z } from 'zod'
import { AuditPageSchema, AuditQuerySchema, type AuditView } from '@shared/schemas/admin-users.schema'
import { auditActionLabel, auditFamilyLabel } from '../labels/audit-actions.zh'
import { requestParsed } from './http'
import { actorLine, logQueryOf, type LogFilterErrors, type LogFilters, type LogPageArgs, type LogQueryResult } from './log-search'

export type { AuditView }
export type AuditPage = z.infer<typeof AuditPageSchema>

/** The search form as typed (`action`: an exact action such as `registration.approve`, a family such as `user.`, or '' for all). */
export type AuditFilters = LogFilters

export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', subject: '', from: '', to: '' }

export type AuditSearch = Omit<z.input<typeof AuditQuerySchema>, 'cursor' | 'limit'>
export type AuditFilterErrors = LogFilterErrors

/** The search form → the API's query, or the Chinese message for each field that cannot be searched by. */
export function auditQueryOf(filters: AuditFilters): LogQueryResult<AuditSearch> {
  return logQueryOf<AuditSearch>(filters, AuditQuerySchema)
}

/** GET /admin/audit: newest first, keyset paged, with the distinct actions on record for the filter. */
export function listAudit(search: AuditSearch, { cursor, limit = 50 }: LogPageArgs = {}): Promise<AuditPage> {
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
export const auditActorLine: (row: Pick<AuditView, 'actor'>, roleLabels: Record<string, string>) => string = actorLine

/** Whom it concerned. */
export function auditSubjectLine(row: Pick<AuditView, 'subject'>): string {
  if (!row.subject) return '—'
  return row.subject.name ?? '（已注销用户）'
}
