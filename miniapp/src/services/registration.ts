import { MeSchema, type Me } from '@shared/schemas/me.schema'
import type { Registration } from '@shared/schemas/registration.schema'
import { requestParsed } from './http'

/** Submits the registration profile; the answer is the caller with status `pending`. */
export function submitRegistration(registration: Registration, idempotencyKey: string): Promise<Me> {
  return requestParsed(MeSchema, '/registration', { method: 'POST', body: registration, idempotencyKey })
}
