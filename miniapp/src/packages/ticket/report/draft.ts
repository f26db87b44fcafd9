import { z } from 'zod'
import { EquipmentByCodeSchema } from '@shared/schemas/ticket-workflow.schema'
import type { Me } from '@shared/schemas/me.schema'
import { localDraft } from '../../../utils/local-draft'

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

const store = localDraft(KEY, DraftSchema)

/** The draft this user left, if there is one. */
export function readDraft(userId: string): TicketDraft | null {
  return store.read((d) => d.userId === userId)
}

export const saveDraft = store.save
export const clearDraft = store.clear

/** The form as a fresh page shows it: the reporter's own department and name prefilled. */
export function emptyDraft(me: Me): TicketDraft {
  return {
    v: 1,
    userId: me.id,
    equipment: null,
    model: '',
    serial: '',
    departmentId: me.profile.department?.id ?? null,
    description: '',
    photoFileIds: [],
    voice: null,
    contactName: me.profile.name ?? '',
    contactPhone: '',
    contactConsent: false,
  }
}

/** Anything typed or picked beyond the defaults: only then is there a draft worth keeping. */
export function isDirty(d: TicketDraft, base: TicketDraft): boolean {
  return (
    d.equipment !== null ||
    d.model.trim() !== '' ||
    d.serial.trim() !== '' ||
    d.departmentId !== base.departmentId ||
    d.description.trim() !== '' ||
    d.photoFileIds.length > 0 ||
    d.voice !== null ||
    d.contactName !== base.contactName ||
    d.contactPhone.trim() !== ''
  )
}
