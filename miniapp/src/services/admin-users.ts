import { z } from 'zod'
import type { Role } from '@shared/permissions'
import { DealerSchema } from '@shared/schemas/access.schema'
import {
  AdminUserDetailSchema,
  AdminUserPageSchema,
  AdminUserQuerySchema,
  BulkUserResultSchema,
  RevokeSessionsResultSchema,
  type AdminUserDetail,
  type AdminUserRow,
  BULK_USER_ACTIONS,
} from '@shared/schemas/admin-users.schema'
import { PhoneSchema } from '@shared/schemas/common.schema'
import type { UserStatus } from '@shared/schemas/me.schema'
import { TIER_LABELS } from '../labels/access.zh'
import { ROLE_LABELS } from '../labels/ticket.zh'
import { USER_STATUS_LABELS } from '../labels/user.zh'
import { isApiError } from './api-error'
import { messageOf } from './errors.zh'
import { request, requestParsed } from './http'

export type { AdminUserDetail, AdminUserRow }
export type AdminUserPage = z.infer<typeof AdminUserPageSchema>
export type BulkUserAction = (typeof BULK_USER_ACTIONS)[number]
export type BulkUserResult = z.infer<typeof BulkUserResultSchema>
export type Dealer = z.infer<typeof DealerSchema>
/** The status filter: a registration status, or 已停用 (any status, switched off by an admin). */
export type UserStatusFilter = UserStatus | 'disabled'

// ---------------------------------------------------------------------------
// The search
// ---------------------------------------------------------------------------

/** The list's query as the API takes it (`q` is a full name or a full phone number). */
export type UserSearch = Omit<z.input<typeof AdminUserQuerySchema>, 'cursor' | 'limit'>

/**
 * What the search box holds, as the API searches it: a full 11-digit phone
 * (spaces, dashes and +86 allowed), else an exact full name. Partial numbers
 * cannot be searched (phones are found through a blind index).
 */
export function searchTextOf(text: string): { kind: 'none' } | { kind: 'phone' | 'name'; q: string } | { kind: 'invalid'; error: string } {
  const trimmed = text.trim()
  if (!trimmed) return { kind: 'none' }
  const digits = trimmed.replace(/[\s-]/g, '').replace(/^\+86/, '')
  if (/^\d+$/.test(digits)) {
    const phone = PhoneSchema.safeParse(digits)
    return phone.success ? { kind: 'phone', q: phone.data } : { kind: 'invalid', error: '按手机号查找请输入完整的 11 位手机号' }
  }
  if (trimmed.length > 30) return { kind: 'invalid', error: '姓名最多 30 个字' }
  return { kind: 'name', q: trimmed }
}

/** What the shown rows were searched by, in words (the search box says which kind it used). */
export function describeSearch(text: string): string {
  const found = searchTextOf(text)
  if (found.kind === 'phone') return `按手机号 ${found.q} 查找`
  if (found.kind === 'name') return `按姓名“${found.q}”查找（需完整姓名）`
  return ''
}

/** GET /admin/accounts: keyset paged; every filter is optional. */
export function listAdminUsers(search: UserSearch, { cursor, limit = 50 }: { cursor?: string; limit?: number } = {}): Promise<AdminUserPage> {
  return requestParsed(AdminUserPageSchema, '/admin/accounts', { query: { ...search, cursor, limit } })
}

const userPath = (id: string, rest = '') => `/admin/accounts/${encodeURIComponent(id)}${rest}`

/** GET /admin/accounts/:id: the profile with every field the drawer shows (phone masked). */
export function getAdminUser(id: string): Promise<AdminUserDetail> {
  return requestParsed(AdminUserDetailSchema, userPath(id))
}

// ---------------------------------------------------------------------------
// Actions (each one audited by the server)
// ---------------------------------------------------------------------------

export interface RoleChangeInput {
  role: Role
  dealerId?: string
  reason: string
}

/** POST /admin/accounts/:id/role: a dealer role names its dealer organisation. The page re-reads the profile after. */
export async function changeUserRole(id: string, body: RoleChangeInput): Promise<void> {
  await request(userPath(id, '/role'), { method: 'POST', body })
}

/** POST /admin/accounts/:id/disable: signs the user out everywhere and keeps them out until enabled. */
export async function disableUser(id: string, reason: string): Promise<void> {
  await request(userPath(id, '/disable'), { method: 'POST', body: { reason } })
}

/** POST /admin/accounts/:id/enable (the reason goes along for the audit log). */
export async function enableUser(id: string, reason: string): Promise<void> {
  await request(userPath(id, '/enable'), { method: 'POST', body: { reason } })
}

/** POST /admin/accounts/:id/revoke-sessions: ends every session of the user; resolves to how many there were. */
export async function revokeUserSessions(id: string): Promise<number> {
  return (await requestParsed(RevokeSessionsResultSchema, userPath(id, '/revoke-sessions'), { method: 'POST' })).revoked
}

/** POST /admin/accounts/bulk: the users it changed, and those it skipped with why. */
export function bulkUserAction(body: { action: BulkUserAction; userIds: string[]; reason: string }): Promise<BulkUserResult> {
  return requestParsed(BulkUserResultSchema, '/admin/accounts/bulk', { method: 'POST', body })
}

/** Only what the page needs from a new account; the rest of the answer is dropped. */
const CreatedAccountSchema = z.object({ id: z.string() })

export type NewAccountRole = 'engineer' | 'admin'

/** POST /admin/engineers or /admin/admins: an account active at once, signing in by SMS with this phone. */
export async function createAccount(role: NewAccountRole, body: { name: string; phone: string }, idempotencyKey?: string): Promise<{ id: string }> {
  return requestParsed(CreatedAccountSchema, role === 'engineer' ? '/admin/engineers' : '/admin/admins', { method: 'POST', body, idempotencyKey })
}

const DealerListSchema = z.object({ items: z.array(DealerSchema) })

/** GET /admin/dealers: the active dealer organisations a dealer account can belong to. */
export async function listDealerChoices(): Promise<Dealer[]> {
  return (await requestParsed(DealerListSchema, '/admin/dealers')).items.filter((d) => d.active)
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

const HAS_CHINESE = /[\u4e00-\u9fa5]/

/** The Chinese message for a failed action on one user; a 409 or 404 means the profile on screen is stale. */
export function userActionMessage(err: unknown): string {
  if (isApiError(err) && err.fieldErrors.length > 0) {
    const first = err.fieldErrors[0]!.message
    return HAS_CHINESE.test(first) ? first : messageOf(err)
  }
  if (isApiError(err) && err.code === 'CONFLICT') {
    return err.detail && HAS_CHINESE.test(err.detail) ? err.detail : '该账号的状态刚刚发生了变化，已刷新，请核对后再操作'
  }
  if (isApiError(err) && err.code === 'NOT_FOUND') return '该用户不存在或已被注销，列表已刷新'
  if (isApiError(err) && err.code === 'FORBIDDEN') return '您没有权限管理用户账号'
  return messageOf(err)
}

/** A failure after which the profile and its row should be read again. */
export function isStaleUserError(err: unknown): boolean {
  return isApiError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')
}

/** The Chinese message for a failed account creation (field errors are shown under their fields). */
export function createAccountMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'CONFLICT') return '该手机号已有账号：可搜索该手机号查看，或修改其角色'
  return messageOf(err)
}

export const BULK_ACTION_LABELS: Record<BulkUserAction, string> = {
  'revoke-sessions': '强制下线',
  disable: '停用',
  enable: '启用',
}

/** Why the server left a user out of a bulk action; an unknown reason is shown as sent. */
const SKIP_REASON_LABELS: Record<string, string> = {
  not_found: '用户不存在或已注销',
  self: '不能对自己的账号操作',
  already_disabled: '已是停用状态',
  already_enabled: '未被停用',
  not_disabled: '未被停用',
  no_sessions: '没有在线会话',
  last_admin: '不能停用最后一位管理员',
}

export function skipReasonText(reason: string): string {
  return SKIP_REASON_LABELS[reason] ?? reason
}

/** `已停用 3 人，跳过 1 人` */
export function bulkSummary(action: BulkUserAction, result: BulkUserResult): string {
  const done = action === 'revoke-sessions' ? `已强制下线 ${result.done.length} 人` : `已${BULK_ACTION_LABELS[action]} ${result.done.length} 人`
  return result.skipped.length > 0 ? `${done}，跳过 ${result.skipped.length} 人` : done
}

type RoleView = Pick<AdminUserRow, 'role' | 'tier' | 'dealer'>

/** 角色·级别: `医院员工 · 高级权限`, `经销商 · 华东医疗`, `工程师`. */
export function roleLine(user: RoleView): string {
  const role = ROLE_LABELS[user.role] ?? user.role
  if (user.role === 'staff' && user.tier) return `${role} · ${TIER_LABELS[user.tier]}`
  if (user.role === 'dealer' && user.dealer) return `${role} · ${user.dealer.name}`
  return role
}

/** 医院·科室 (staff), the dealer organisation (dealers), or — . */
export function orgLine(user: Pick<AdminUserRow, 'hospital' | 'department' | 'dealer'>): string {
  if (user.hospital) return user.department ? `${user.hospital.name} · ${user.department.name}` : user.hospital.name
  if (user.dealer) return user.dealer.name
  return '—'
}

/** The status as the console names it: 已停用 wins over the registration status. */
export function statusText(user: Pick<AdminUserRow, 'status' | 'disabled'>): string {
  return user.disabled ? '已停用' : USER_STATUS_LABELS[user.status]
}

/** A detail is also a row: the list shows the fresh profile after an action. */
export function rowOf(detail: AdminUserDetail): AdminUserRow {
  const { id, name, phone, role, tier, status, disabled, hospital, department, dealer, activeSessions, createdAt } = detail
  return { id, name, phone, role, tier, status, disabled, hospital, department, dealer, activeSessions, createdAt }
}
