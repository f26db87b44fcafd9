import {
  AdminAccessRequestSchema,
  AdvancedUserSchema,
  type AccessRequestStatus,
  type AdminAccessRequest,
  type AdvancedUser,
} from '@shared/schemas/access.schema'
import { pageOf } from '@shared/schemas/pagination.schema'
import { request, requestParsed } from './http'

export type { AdvancedUser }

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

const AccessQueuePageSchema = pageOf(AdminAccessRequestSchema)
const AdvancedUserPageSchema = pageOf(AdvancedUserSchema)

export function listAccessRequests(status: AccessRequestStatus, cursor?: string, limit = 20): Promise<Page<AdminAccessRequest>> {
  return requestParsed(AccessQueuePageSchema, '/admin/access-requests', { query: { status, limit, cursor } })
}

/** Grants any non-empty subset of the requested departments. */
export function approveAccessRequest(id: string, departmentIds: string[]): Promise<AdminAccessRequest> {
  return requestParsed(AdminAccessRequestSchema, `/admin/access-requests/${encodeURIComponent(id)}/approve`, {
    method: 'POST',
    body: { departmentIds },
  })
}

export function rejectAccessRequest(id: string, reason: string): Promise<AdminAccessRequest> {
  return requestParsed(AdminAccessRequestSchema, `/admin/access-requests/${encodeURIComponent(id)}/reject`, {
    method: 'POST',
    body: { reason },
  })
}

export function listAdvancedUsers(cursor?: string, limit = 20): Promise<Page<AdvancedUser>> {
  return requestParsed(AdvancedUserPageSchema, '/admin/users', { query: { tier: 'advanced', limit, cursor } })
}

/** 204; effective on the user's very next request. */
export async function revokeAdvanced(userId: string, reason: string): Promise<void> {
  await request(`/admin/users/${encodeURIComponent(userId)}/revoke-advanced`, { method: 'POST', body: { reason } })
}
