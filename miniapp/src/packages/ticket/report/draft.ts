import Taro from '@tarojs/taro'
import { z } from 'zod'
import { EquipmentByCodeSchema } from '@shared/schemas/ticket-workflow.schema'

const KEY = 'scopedesk.ticketDraft'

/** What survives closing the app: the form and the ids of files already uploaded, never their bytes. */
const DraftSchema = z.object({
  v: z.literal(1),
  /** A draft belongs to who wrote it; another account on the same phone starts empty. */
  userId: z.string(),
  equipment: EquipmentByCodeSchema.nullable(),
  model: z.string(),
  serial: z.string(),
  departmentId: z.string().nullable(),
  description: z.string(),
  photoFileIds: z.array(z.string()),
  voice: z.object({ fileId: z.string(), name: z.string(), durationMs: z.number().nullable() }).nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactConsent: z.boolean(),
})
export type TicketDraft = z.infer<typeof DraftSchema>

export function readDraft(userId: string): TicketDraft | null {
  try {
    const parsed = DraftSchema.safeParse(Taro.getStorageSync(KEY))
    return parsed.success && parsed.data.userId === userId ? parsed.data : null
  } catch {
    return null
  }
}

export function saveDraft(draft: TicketDraft): void {
  try {
    Taro.setStorageSync(KEY, draft)
  } catch {
    // Storage full or unavailable: the form still works, only the draft is lost.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(KEY)
  } catch {
    // Nothing to clear.
  }
}
