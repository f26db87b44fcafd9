import type { OrderStatus } from '@shared/schemas/redemptions.schema'
import { fetchApiFile, saveBlob } from './download.h5'
import { fileNameOfDisposition, orderExportFileName, ORDER_EXPORT_PATH } from './admin-orders'
import type * as Contract from './admin-orders-export'

// H5 (the admin console): fetched with the session (download.h5.ts), then saved as a file.
export const CAN_EXPORT_CSV: typeof Contract.CAN_EXPORT_CSV = true

const EXPORT_TIMEOUT_MS = 60_000
const BOM = [0xef, 0xbb, 0xbf]

/** The CSV as a Blob and the name to save it under. Rejects with ApiError (reported like every other request). */
export async function fetchOrdersCsv(status: OrderStatus = 'pending', now: number = Date.now()): Promise<{ blob: Blob; filename: string }> {
  const { buffer, disposition } = await fetchApiFile(ORDER_EXPORT_PATH, { query: { status }, accept: 'text/csv', timeoutMs: EXPORT_TIMEOUT_MS })
  // Excel on Windows reads a CSV without a BOM as GBK and garbles the Chinese.
  const head = new Uint8Array(buffer, 0, Math.min(3, buffer.byteLength))
  const hasBom = BOM.every((b, i) => head[i] === b)
  const parts: BlobPart[] = hasBom ? [buffer] : [new Uint8Array(BOM).buffer, buffer]
  const filename = fileNameOfDisposition(disposition) ?? orderExportFileName(status, now)
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), filename }
}

export { saveBlob }

export const exportOrdersCsv: typeof Contract.exportOrdersCsv = async (status = 'pending') => {
  const { blob, filename } = await fetchOrdersCsv(status)
  saveBlob(blob, filename)
  return { filename, size: blob.size }
}
