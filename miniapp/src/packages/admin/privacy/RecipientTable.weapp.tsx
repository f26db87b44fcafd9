import type { RecipientRowsProps } from './RecipientTable'

/** weapp is never wide: the page shows cards. */
export default function RecipientTable(_props: RecipientRowsProps) {
  return null
}
