import { z } from 'zod'
import { localDraft } from '../../../utils/local-draft'

const KEY = 'scopedesk.addressDraft'

/** The address form as typed, kept until it is saved: closing the app or a failed save loses nothing. */
const DraftSchema = z.object({
  v: z.literal(1),
  /** Another account on the same phone starts empty. */
  userId: z.string(),
  /** The address being edited, or null for a new one. */
  addressId: z.string().nullable(),
  recipientName: z.string(),
  phone: z.string(),
  region: z.object({ provinceCode: z.string(), cityCode: z.string(), districtCode: z.string() }).nullable(),
  detail: z.string(),
  isDefault: z.boolean(),
})
export type AddressDraft = z.infer<typeof DraftSchema>
export type AddressFields = Omit<AddressDraft, 'v' | 'userId' | 'addressId'>

const store = localDraft(KEY, DraftSchema)

/** The draft for this user and this address (null: a new one), if there is one. */
export function readDraft(userId: string, addressId: string | null): AddressDraft | null {
  return store.read((d) => d.userId === userId && d.addressId === addressId)
}

export const saveDraft = store.save
export const clearDraft = store.clear

/** Anything that differs from what the form started with (empty, or the saved address). */
export function differs(a: AddressFields, b: AddressFields): boolean {
  return (
    a.recipientName !== b.recipientName ||
    a.phone !== b.phone ||
    a.detail !== b.detail ||
    a.isDefault !== b.isDefault ||
    JSON.stringify(a.region) !== JSON.stringify(b.region)
  )
}
