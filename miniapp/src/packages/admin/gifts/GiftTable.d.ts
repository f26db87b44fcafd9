// Platform entry for GiftTable.h5.tsx (a table on the desktop console) / GiftTable.weapp.tsx (never wide: nothing).
import type { ComponentType } from 'react'
import type { AdminGiftView } from '../../../services/admin-gifts'

export interface GiftRowsProps {
  items: AdminGiftView[]
  /** The gift whose 上架/下架 is being saved. */
  busyId: string | null
  onEdit: (gift: AdminGiftView) => void
  onToggle: (gift: AdminGiftView) => void
}

declare const GiftTable: ComponentType<GiftRowsProps>
export default GiftTable
