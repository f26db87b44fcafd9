// Platform entry for AccessLogTable.h5.tsx (a table on the desktop console) / AccessLogTable.weapp.tsx (never wide: nothing).
import type { ComponentType } from 'react'
import type { PiiAccessView } from '../../../../services/admin-privacy'

export interface AccessLogRowsProps {
  items: PiiAccessView[]
  /** Narrow the search to this person as the actor / as the subject. */
  onActor: (id: string) => void
  onSubject: (id: string) => void
}

declare const AccessLogTable: ComponentType<AccessLogRowsProps>
export default AccessLogTable
