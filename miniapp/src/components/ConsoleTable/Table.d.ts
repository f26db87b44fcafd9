// Platform entry for Table.h5.tsx (an HTML table at desk widths) / Table.weapp.tsx (never used: the mini-program shows cards).
import type { TableBodyProps } from './types'

export default function Table<T>(props: TableBodyProps<T>): JSX.Element | null
