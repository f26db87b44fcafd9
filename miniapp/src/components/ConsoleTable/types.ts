import type { ReactNode } from 'react'

export type SortDir = 'asc' | 'desc'

export interface Column<T> {
  key: string
  title: string
  render: (row: T) => ReactNode
  /** The server's sort key: the header becomes a toggle (asc → desc). */
  sortKey?: string
  /** Right-aligned figures. */
  numeric?: boolean
  /** Left out of the phone card (e.g. the column already used as the card's title). */
  hideOnCard?: boolean
}

export interface TableBodyProps<T> {
  testId: string
  rows: T[]
  rowKey: (row: T) => string
  columns: Column<T>[]
  sort?: { key: string; dir: SortDir }
  onSort?: (key: string) => void
  /** Row checkboxes for bulk actions. */
  selected?: ReadonlySet<string>
  onToggle?: (id: string) => void
  onToggleAll?: (ids: string[], on: boolean) => void
  onRowClick?: (row: T) => void
}
