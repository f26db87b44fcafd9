import { z } from 'zod'
import { requestParsed } from './http'

export interface EngineerOption {
  id: string
  name: string
}

// Only what the picker shows; the admin list carries more (phone masked, role), which is dropped.
const EngineerListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })

/** GET /admin/engineers: the service engineers an admin can assign a ticket to. */
export async function listEngineers(): Promise<EngineerOption[]> {
  return (await requestParsed(EngineerListSchema, '/admin/engineers')).items
}
