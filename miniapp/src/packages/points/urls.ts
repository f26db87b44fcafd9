import { ROUTES } from '../../routes'

// Links inside 积分与礼品 (routes.ts keeps the page paths).
const q = (value: string | number) => encodeURIComponent(String(value))

export const giftUrl = (id: string) => `${ROUTES.gift}?id=${q(id)}`

export const redeemUrl = (giftId: string, quantity: number) => `${ROUTES.redeem}?giftId=${q(giftId)}&quantity=${q(quantity)}`

/** `created`: the order was just placed (the page says so once). */
export const orderUrl = (id: string, created = false) => `${ROUTES.order}?id=${q(id)}${created ? '&created=1' : ''}`

/** The address list; `pick` when the redeem page wants one back (the chosen one is marked). */
export const addressesUrl = (pick?: { selectedId: string | null }) =>
  pick ? `${ROUTES.addresses}?pick=1${pick.selectedId ? `&selected=${q(pick.selectedId)}` : ''}` : ROUTES.addresses

/**
 * The address form: `id` to edit, none to add. `pickBack` when the new address is
 * for the redeem page: it is handed over and that many pages are closed on save.
 */
export const addressEditUrl = (options: { id?: string; pickBack?: number } = {}) => {
  const parts: string[] = []
  if (options.id) parts.push(`id=${q(options.id)}`)
  if (options.pickBack) parts.push(`pickBack=${q(options.pickBack)}`)
  return parts.length > 0 ? `${ROUTES.addressEdit}?${parts.join('&')}` : ROUTES.addressEdit
}
