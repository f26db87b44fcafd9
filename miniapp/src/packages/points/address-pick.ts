import type { AddressView } from '../../services/addresses'

/**
 * The hand-over between the address pages and the redeem page (one JS context
 * per subpackage on weapp, one bundle on H5): the list or the form leaves the
 * chosen address here and goes back; the redeem page takes it when shown.
 * Simpler and more predictable across weapp and H5 than an eventChannel.
 */
let picked: AddressView | null = null

export function pickAddress(address: AddressView): void {
  picked = address
}

/** The address chosen since the last call, once. */
export function takePickedAddress(): AddressView | null {
  const address = picked
  picked = null
  return address
}
