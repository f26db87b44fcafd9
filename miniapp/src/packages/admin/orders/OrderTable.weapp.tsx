import type { OrderRowsProps } from './OrderTable'

/** weapp is never wide: the page shows cards. */
export default function OrderTable(_props: OrderRowsProps) {
  return null
}
