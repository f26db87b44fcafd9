import type { GiftRowsProps } from './GiftTable'

/** weapp is never wide: the page shows cards. */
export default function GiftTable(_props: GiftRowsProps) {
  return null
}
