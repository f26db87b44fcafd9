import { pageOf } from '@shared/schemas/pagination.schema'
import { RegistrationQueueItemSchema, type RegistrationQueueItem, type REGISTRATION_STATUSES } from '@shared/schemas/registration.schema'
import { requestParsed } from './http'

export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

const QueuePageSchema = pageOf(RegistrationQueueItemSchema)

export interface QueuePage {
  items: RegistrationQueueItem[]
  nextCursor: string | null
}

export function listRegistrations(status: RegistrationStatus, cursor?: string, limit = 20): Promise<QueuePage> {
  return requestParsed(QueuePageSchema, '/admin/registrations', { query: { status, limit, cursor } })
}

export function approveRegistration(userId: string): Promise<RegistrationQueueItem> {
  return requestParsed(RegistrationQueueItemSchema, `/admin/registrations/${encodeURIComponent(userId)}/approve`, { method: 'POST', body: {} })
}

export function rejectRegistration(userId: string, reason: string): Promise<RegistrationQueueItem> {
  return requestParsed(RegistrationQueueItemSchema, `/admin/registrations/${encodeURIComponent(userId)}/reject`, {
    method: 'POST',
    body: { reason },
  })
}
