import type { RequestRowsProps } from './RequestTable'

/** weapp is never wide: the page shows cards. */
export default function RequestTable(_props: RequestRowsProps) {
  return null
}
