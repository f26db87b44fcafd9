// Platform entry for RecipientTable.h5.tsx (a table on the desktop console) / RecipientTable.weapp.tsx (never wide: nothing).
import type { ComponentType } from 'react'
import type { RecipientView } from '../../../services/admin-privacy'

export interface RecipientRowsProps {
  items: RecipientView[]
}

declare const RecipientTable: ComponentType<RecipientRowsProps>
export default RecipientTable
