import { useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { z } from 'zod'
import {
  PiiAccessPageSchema,
  PiiAccessQuerySchema,
  RecipientsSchema,
  TouchedSubjectsPageSchema,
  type PiiAccessAction,
  type PiiAccessView,
  type RecipientView,
} from '@shared/schemas/access-log.schema'
import { JobRunViewSchema, type JobRunView } from '@shared/schemas/jobs.schema'
import {
  AdminPrivacyRequestPageSchema,
  AdminPrivacyRequestViewSchema,
  PrivacyRequestCompleteSchema,
  PrivacyRequestNoteSchema,
  PrivacyRequestRefuseSchema,
  REFUSAL_REASONS,
  type AdminPrivacyRequestView,
  type PrivacyRequestStatus,
  type RefusalReason,
} from '@shared/schemas/privacy-requests.schema'
import { JOB_RESULT_LABELS, type PrivacyJob } from '../labels/privacy.admin.zh'
import { isApiError } from './api-error'
import { messageOf } from './errors.zh'
import { requestParsed } from './http'
import { actorLine, logQueryOf, shanghaiDayBound, type LogFilterErrors, type LogFilters, type LogPageArgs, type LogQueryResult } from './log-search'

export type { AdminPrivacyRequestView, JobRunView, PiiAccessAction, PiiAccessView, PrivacyJob, RefusalReason }
export type AdminPrivacyRequestPage = z.infer<typeof AdminPrivacyRequestPageSchema>
export type PiiAccessPage = z.infer<typeof PiiAccessPageSchema>

const DAY_MS = 24 * 3600_000
const SHANGHAI_OFFSET_MS = 8 * 3600_000

// ---------------------------------------------------------------------------
// 隐私申请处理: the queue and the steps on one request
// ---------------------------------------------------------------------------

/** The queue's tabs: 待处理 (received and in progress), 逾期 (open past due), 已完成, 已拒绝. */
export const REQUEST_FILTERS = ['open', 'overdue', 'completed', 'refused'] as const
export type RequestFilter = (typeof REQUEST_FILTERS)[number]

export function isRequestFilter(value: unknown): value is RequestFilter {
  return typeof value === 'string' && (REQUEST_FILTERS as readonly string[]).includes(value)
}

/** The query string a tab asks with (`overdue` is the open queue narrowed to past due). */
export function requestQueryOf(filter: RequestFilter): { status: 'open' | PrivacyRequestStatus; overdue?: 'true' } {
  if (filter === 'overdue') return { status: 'open', overdue: 'true' }
  return { status: filter }
}

const requestPath = (id: string, action?: string) => `/admin/privacy/requests/${encodeURIComponent(id)}${action ? `/${action}` : ''}`

/**
 * GET /admin/privacy/requests: one page of a tab (open ones earliest due
 * first), with `overdueCount` over the whole queue for the red flag.
 */
export function listPrivacyRequests({ filter = 'open', cursor, limit = 20 }: { filter?: RequestFilter; cursor?: string; limit?: number } = {}): Promise<AdminPrivacyRequestPage> {
  return requestParsed(AdminPrivacyRequestPageSchema, '/admin/privacy/requests', { query: { ...requestQueryOf(filter), cursor, limit } })
}

/** The largest page the queue serves: the hub counts open requests from one such page. */
export const OPEN_COUNT_PAGE = 100

export interface PrivacyQueueSummary {
  /** Open requests on the first page; `openMore` when there are more than OPEN_COUNT_PAGE. */
  open: number
  openMore: boolean
  overdue: number
}

/** The numbers for the 隐私合规 hub and the admin home: open requests (from one page) and overdue ones. */
export async function privacyQueueSummary(): Promise<PrivacyQueueSummary> {
  const page = await listPrivacyRequests({ filter: 'open', limit: OPEN_COUNT_PAGE })
  return { open: page.items.length, openMore: page.nextCursor !== null, overdue: page.overdueCount }
}

/** `12`, or `100+` when the page was full. */
export function countText(n: number, more: boolean): string {
  return more ? `${n}+` : String(n)
}

/** GET /admin/privacy/requests/:id: the request with the requester and its history. */
export function getPrivacyRequest(id: string): Promise<AdminPrivacyRequestView> {
  return requestParsed(AdminPrivacyRequestViewSchema, requestPath(id))
}

/** POST …/:id/take: received → in progress, handled by me (the requester is told). */
export function takePrivacyRequest(id: string): Promise<AdminPrivacyRequestView> {
  return requestParsed(AdminPrivacyRequestViewSchema, requestPath(id, 'take'), { method: 'POST', body: {} })
}

/** POST …/:id/note: a note the requester reads in the history, while the request is open. */
export function notePrivacyRequest(id: string, note: string): Promise<AdminPrivacyRequestView> {
  return requestParsed(AdminPrivacyRequestViewSchema, requestPath(id, 'note'), { method: 'POST', body: { note } })
}

/** POST …/:id/complete: answers a request in progress; the outcome is what the requester reads. */
export function completePrivacyRequest(id: string, outcome: string): Promise<AdminPrivacyRequestView> {
  return requestParsed(AdminPrivacyRequestViewSchema, requestPath(id, 'complete'), { method: 'POST', body: { outcome } })
}

/** POST …/:id/refuse: on one of the legal grounds, with an explanation the requester reads. */
export function refusePrivacyRequest(id: string, reason: RefusalReason, outcome: string): Promise<AdminPrivacyRequestView> {
  return requestParsed(AdminPrivacyRequestViewSchema, requestPath(id, 'refuse'), { method: 'POST', body: { reason, outcome } })
}

export type RequestStep = 'take' | 'note' | 'complete' | 'refuse'

/** What may be done with a request in this status (the server's rules: complete and refuse only once taken). */
export function stepsFor(status: PrivacyRequestStatus): Record<RequestStep, boolean> {
  return {
    take: status === 'received',
    note: status === 'received' || status === 'in_progress',
    complete: status === 'in_progress',
    refuse: status === 'in_progress',
  }
}

/** Checks a step's text with the shared schema; the first Chinese message when it fails. */
export function checkNote(note: string): string | undefined {
  const parsed = PrivacyRequestNoteSchema.safeParse({ note })
  return parsed.success ? undefined : parsed.error.issues[0]?.message
}

export function checkOutcome(outcome: string): string | undefined {
  const parsed = PrivacyRequestCompleteSchema.safeParse({ outcome })
  return parsed.success ? undefined : parsed.error.issues[0]?.message
}

/** A refusal needs a legal ground and an explanation: the message for each field that fails. */
export function checkRefusal(reason: string | null, outcome: string): { reason?: string; outcome?: string } {
  const parsed = PrivacyRequestRefuseSchema.safeParse({ reason: reason ?? undefined, outcome })
  if (parsed.success) return {}
  const errors: { reason?: string; outcome?: string } = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path[0]
    if (key === 'reason' && !errors.reason) errors.reason = '拒绝必须选择法定理由'
    if (key === 'outcome' && !errors.outcome) errors.outcome = issue.message
  }
  return errors
}

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (REFUSAL_REASONS as readonly string[]).includes(value)
}

const HAS_CHINESE = /[\u4e00-\u9fa5]/

/**
 * The Chinese message for a failed step. A 409 means someone else moved the
 * request first (the server says how, in Chinese); the page then reloads it.
 */
export function privacyActionMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'CONFLICT') {
    return err.detail && HAS_CHINESE.test(err.detail) ? `${err.detail}（已刷新）` : '这条申请的状态已变化（可能已被其他管理员处理），已刷新'
  }
  if (isApiError(err) && err.code === 'NOT_FOUND') return '这条申请不存在或已无法查看，列表已刷新'
  if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors[0]!.message
  return messageOf(err)
}

/** A failure after which the request on screen is stale and should reload. */
export function isStalePrivacyError(err: unknown): boolean {
  return isApiError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')
}

export type DueTone = 'overdue' | 'soon' | 'ok' | 'closed'

/**
 * 剩 N 天 / 今天到期 / 逾期 N 天 for an open request (`overdue` from the server
 * decides red); a closed one shows when it was closed against its due date.
 */
export function dueLabel(view: Pick<AdminPrivacyRequestView, 'dueAt' | 'overdue' | 'closedAt' | 'status'>, now: number = Date.now()): { text: string; tone: DueTone } {
  const due = Date.parse(view.dueAt)
  if (view.status === 'completed' || view.status === 'refused') {
    const closed = view.closedAt ? Date.parse(view.closedAt) : NaN
    return { text: !Number.isNaN(closed) && closed > due ? '逾期办结' : '按期办结', tone: 'closed' }
  }
  if (view.overdue || due < now) {
    const late = Math.max(1, Math.ceil((now - due) / DAY_MS))
    return { text: `逾期 ${late} 天`, tone: 'overdue' }
  }
  const left = Math.ceil((due - now) / DAY_MS)
  // The same Shanghai calendar day: today.
  const sameDay = new Date(due + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) === new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
  if (sameDay) return { text: '今天到期', tone: 'soon' }
  return { text: `剩 ${left} 天`, tone: left <= 3 ? 'soon' : 'ok' }
}

/** Who asked, as the queue shows it: `李护士 · 上海市第六人民医院`. */
export function requesterLine(view: Pick<AdminPrivacyRequestView, 'user'>): string {
  const name = view.user.name ?? '（已注销用户）'
  return view.user.hospital ? `${name} · ${view.user.hospital}` : name
}

// ---------------------------------------------------------------------------
// 个人信息访问日志
// ---------------------------------------------------------------------------

/** The search form as typed: who looked (user id), whose data (a user id or an 11-digit phone), an action, days (Shanghai). */
export interface AccessLogFilters extends LogFilters {
  action: PiiAccessAction | ''
}

export const EMPTY_ACCESS_LOG_FILTERS: AccessLogFilters = { actor: '', subject: '', action: '', from: '', to: '' }

export type AccessLogQuery = Omit<z.input<typeof PiiAccessQuerySchema>, 'cursor' | 'limit'>
export type AccessLogFilterErrors = LogFilterErrors

// Shared with 管理操作日志: `actorLine` (who looked) and the Shanghai day bounds.
export { actorLine, shanghaiDayBound }

/** The search form → the API's query, or the Chinese message for each field that cannot be searched by. */
export function accessLogQueryOf(filters: AccessLogFilters): LogQueryResult<AccessLogQuery> {
  return logQueryOf<AccessLogQuery>(filters, PiiAccessQuerySchema)
}

/** GET /admin/privacy/access-log: newest first, keyset paged. */
export function listAccessLog(query: AccessLogQuery, { cursor, limit = 50 }: LogPageArgs = {}): Promise<PiiAccessPage> {
  return requestParsed(PiiAccessPageSchema, '/admin/privacy/access-log', { query: { ...query, cursor, limit } })
}

/**
 * Breach response (PIPL Art. 57): `GET /admin/privacy/access-log/subjects` —
 * every person one actor touched in a time range, how often, when, which
 * actions and fields.
 */
export type TouchedSubjectsPage = z.infer<typeof TouchedSubjectsPageSchema>
export type TouchedSubject = TouchedSubjectsPage['items'][number]

/** The breach list needs one actor and both ends of the range; null when the search lacks one. */
export function touchedSubjectsQueryOf(query: AccessLogQuery): { actorId: string; from: string; to: string } | null {
  return query.actorId && query.from && query.to ? { actorId: query.actorId, from: query.from, to: query.to } : null
}

export function listTouchedSubjects(query: { actorId: string; from: string; to: string }, { cursor, limit = 100 }: LogPageArgs = {}): Promise<TouchedSubjectsPage> {
  return requestParsed(TouchedSubjectsPageSchema, '/admin/privacy/access-log/subjects', { query: { ...query, cursor, limit } })
}

/** Whose data: a person, or `N 人` for an export that covered many. */
export function subjectLine(row: PiiAccessView): string {
  if (row.subject) return row.subject.name ?? '（已注销用户）'
  return row.subjectCount > 1 ? `${row.subjectCount} 人` : '—'
}

// ---------------------------------------------------------------------------
// 接收方登记 (recipients registry) and the privacy jobs
// ---------------------------------------------------------------------------

/**
 * GET /admin/privacy/recipients: every entrusted dealer (active or not, by
 * name) — the contract, the purposes it may receive data for, the personal
 * fields its staff see, and its provision records: how many, about how many
 * people, the latest.
 */
export type { RecipientView }

export async function listRecipients(): Promise<RecipientView[]> {
  return (await requestParsed(RecipientsSchema, '/admin/privacy/recipients')).items
}

export const PRIVACY_JOBS: readonly PrivacyJob[] = ['retention', 'cancellation-purge']

/** A purge may take a while on a large database. */
const JOB_TIMEOUT_MS = 120_000

/**
 * POST /admin/jobs/:job/run: runs it now and answers with its run record —
 * a failed run too (status `failed`, with its error), so only a refused call rejects.
 */
export function runPrivacyJob(job: PrivacyJob): Promise<JobRunView> {
  return requestParsed(JobRunViewSchema, `/admin/jobs/${encodeURIComponent(job)}/run`, { method: 'POST', body: {}, timeoutMs: JOB_TIMEOUT_MS })
}

export interface JobResultLine {
  /** `accounts`, or `counts.badge_photos` for a nested count. */
  key: string
  label: string
  value: string
}

/** Detail a person does not need on screen (retention's cut-off instant per category). */
const HIDDEN_RESULT_KEYS = new Set(['cutoffs'])
/** Grouping keys left out of the label: retention's `counts.badge_photos` is 工牌照片. */
const TRANSPARENT_RESULT_KEYS = new Set(['counts'])

function labelOf(key: string): string {
  return JOB_RESULT_LABELS[key] ?? key
}

/**
 * A run's result as lines to show (`清理的账号：2`): nested counts flattened
 * (`文件 · 已删除：3`), names in Chinese, lists of names joined
 * (`本次未处理完：咨询消息`). Zeros and empty lists are left out, so a quiet
 * night shows no lines at all.
 */
export function jobResultLines(result: JobRunView['result']): JobResultLine[] {
  const lines: JobResultLine[] = []
  const walk = (value: unknown, path: string[]) => {
    const last = path[path.length - 1]
    if (last !== undefined && HIDDEN_RESULT_KEYS.has(last)) return
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, [...path, k])
      return
    }
    if (path.length === 0 || value === null || value === undefined || value === 0 || value === false) return
    if (Array.isArray(value) && value.length === 0) return
    const text = Array.isArray(value) ? value.map((v) => labelOf(String(v))).join('、') : value === true ? '是' : String(value)
    const named = path.filter((k) => !TRANSPARENT_RESULT_KEYS.has(k))
    lines.push({ key: path.join('.'), label: (named.length > 0 ? named : path).map(labelOf).join(' · '), value: text })
  }
  walk(result ?? {}, [])
  return lines
}

/** Why a run could not start or failed, in Chinese. */
export function jobRunMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'NOT_FOUND') return '服务器上没有这个任务，请更新服务器版本'
  if (isApiError(err) && err.code === 'FORBIDDEN') return '您没有运行任务的权限'
  return messageOf(err)
}

// ---------------------------------------------------------------------------
// The overdue flag on 我的 and the admin home
// ---------------------------------------------------------------------------

/**
 * Open privacy requests past due, for the red badge beside 隐私合规: null
 * until known (or when `enabled` is false, or it failed: no badge rather than
 * an error on a menu). Refreshed each time the page is shown again.
 */
export function useOverduePrivacyCount(enabled: boolean): number | null {
  const [count, setCount] = useState<number | null>(null)
  const latest = useRef(0)
  const enabledRef = useRef(enabled)
  enabledRef.current = enabled
  const load = () => {
    const call = ++latest.current
    if (!enabledRef.current) {
      setCount(null)
      return
    }
    listPrivacyRequests({ filter: 'overdue', limit: 1 }).then(
      (page) => call === latest.current && setCount(page.overdueCount),
      () => undefined,
    )
  }
  useEffect(load, [enabled])
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else load()
  })
  return count
}
