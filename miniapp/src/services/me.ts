import { MeSchema, type Me } from '@shared/schemas/me.schema'
import { requestParsed } from './http'

export function getMe(): Promise<Me> {
  return requestParsed(MeSchema, '/me')
}
