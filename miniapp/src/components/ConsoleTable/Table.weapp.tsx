import type { TableBodyProps } from './types'

// The mini-program is always phone-sized: ConsoleTable renders cards there and never this.
export default function Table<T>(_props: TableBodyProps<T>): JSX.Element | null {
  return null
}
