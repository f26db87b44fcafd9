import type * as Contract from './admin-orders-export'

// weapp: a CSV has nowhere to go on a phone; the page says to use the desktop console instead.
export const CAN_EXPORT_CSV: typeof Contract.CAN_EXPORT_CSV = false

export const exportOrdersCsv: typeof Contract.exportOrdersCsv = () => Promise.reject(new Error('CSV export is on the web console'))
