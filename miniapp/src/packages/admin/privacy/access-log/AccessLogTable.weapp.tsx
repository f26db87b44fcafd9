import type { AccessLogRowsProps } from './AccessLogTable'

/** weapp is never wide: the page shows cards. */
export default function AccessLogTable(_props: AccessLogRowsProps) {
  return null
}
