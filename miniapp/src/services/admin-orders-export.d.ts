// Platform entry for admin-orders-export.h5.ts (the web console saves a file) / admin-orders-export.weapp.ts (not there).
import type { OrderStatus } from '@shared/schemas/redemptions.schema'

/** The web console can save the CSV as a file; the mini-program cannot (it says where to do it). */
export declare const CAN_EXPORT_CSV: boolean

export interface CsvExport {
  /** The name the file was saved under. */
  filename: string
  /** The file's size in bytes. */
  size: number
}

/**
 * GET /admin/redemptions/export.csv?status= with the session token, saved as
 * a file (UTF-8 with a BOM, so Excel reads the Chinese). Rejects with ApiError.
 */
export declare function exportOrdersCsv(status?: OrderStatus): Promise<CsvExport>
