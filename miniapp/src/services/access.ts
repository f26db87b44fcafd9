import { z } from 'zod'
import { AccessRequestSchema, type AccessRequest, type AccessRequestCreateSchema } from '@shared/schemas/access.schema'
import { requestParsed } from './http'

export type AccessRequestCreate = z.output<typeof AccessRequestCreateSchema>

const AccessRequestListSchema = z.object({ items: z.array(AccessRequestSchema) })

/** POST /access-requests: 409 CONFLICT while another of the caller's requests is pending. */
export function createAccessRequest(body: AccessRequestCreate, idempotencyKey: string): Promise<AccessRequest> {
  return requestParsed(AccessRequestSchema, '/access-requests', { method: 'POST', body, idempotencyKey })
}

/** The caller's own requests, newest first. */
export async function listMyAccessRequests(): Promise<AccessRequest[]> {
  return (await requestParsed(AccessRequestListSchema, '/access-requests')).items
}
