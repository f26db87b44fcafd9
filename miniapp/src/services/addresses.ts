import {
  AddressListSchema,
  AddressViewSchema,
  type AddressInput,
  type AddressPatch,
  type AddressSnapshot,
  type AddressView,
} from '@shared/schemas/addresses.schema'
import { regionLabel } from '@shared/china-regions'
import { request, requestParsed } from './http'

export type { AddressInput, AddressPatch, AddressSnapshot, AddressView }

const addressPath = (id: string) => `/addresses/${encodeURIComponent(id)}`

/** GET /addresses: the caller's saved addresses (the default one first, as the server orders them). */
export async function listAddresses(): Promise<AddressView[]> {
  return (await requestParsed(AddressListSchema, '/addresses')).items
}

/** POST /addresses; one key per form body, so a double tap saves one address. */
export function createAddress(body: AddressInput, idempotencyKey?: string): Promise<AddressView> {
  return requestParsed(AddressViewSchema, '/addresses', { method: 'POST', body, idempotencyKey })
}

/** PATCH /addresses/:id: any subset; the region whole or not at all. */
export function updateAddress(id: string, body: AddressPatch): Promise<AddressView> {
  return requestParsed(AddressViewSchema, addressPath(id), { method: 'PATCH', body })
}

/** PATCH /addresses/:id `{isDefault: true}`: the server clears the previous default. */
export function setDefaultAddress(id: string): Promise<AddressView> {
  return updateAddress(id, { isDefault: true })
}

/** DELETE /addresses/:id. Orders keep their own snapshot, so nothing already ordered moves. */
export async function deleteAddress(id: string): Promise<void> {
  await request(addressPath(id), { method: 'DELETE' })
}

/** The default first, then the rest in the server's order. */
export function sortAddresses(items: readonly AddressView[]): AddressView[] {
  return [...items.filter((a) => a.isDefault), ...items.filter((a) => !a.isDefault)]
}

/** The address to preselect: the default, else the first one, else null. */
export function preferredAddress(items: readonly AddressView[]): AddressView | null {
  return items.find((a) => a.isDefault) ?? items[0] ?? null
}

/** `广东省 深圳市 南山区 科技园路 1 号` as one line (a repeated municipality name dropped). */
export function addressLine(a: Pick<AddressSnapshot, 'province' | 'city' | 'district' | 'detail'>): string {
  return `${regionLabel({ province: a.province, city: a.city, district: a.district })} ${a.detail}`.trim()
}

/** `138****0004` for lists; the full number stays on the edit form and the order. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}
