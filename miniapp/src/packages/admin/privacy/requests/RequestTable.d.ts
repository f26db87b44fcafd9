// Platform entry for RequestTable.h5.tsx (a table on the desktop console) / RequestTable.weapp.tsx (never wide: nothing).
import type { ComponentType } from 'react'
import type { AdminPrivacyRequestView } from '../../../../services/admin-privacy'

export interface RequestRowsProps {
  items: AdminPrivacyRequestView[]
  /** The request open in the drawer. */
  selectedId: string | null
  now: number
  onOpen: (view: AdminPrivacyRequestView) => void
}

declare const RequestTable: ComponentType<RequestRowsProps>
export default RequestTable
