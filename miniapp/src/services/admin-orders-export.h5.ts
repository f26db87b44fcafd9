import type { OrderStatus } from '@shared/schemas/redemptions.schema'
import { apiErrorFromResponse, isApiError, networkError } from './api-error'
import { apiUrl, authHeader, reportApiError } from './http'
import { fileNameOfDisposition, orderExportFileName, ORDER_EXPORT_PATH } from './admin-orders'
import type * as Contract from './admin-orders-export'

// H5 (the admin console): fetch with the bearer header (a plain link cannot send it), then save the bytes.
export const CAN_EXPORT_CSV: typeof Contract.CAN_EXPORT_CSV = true

const EXPORT_TIMEOUT_MS = 60_000
const BOM = [0xef, 0xbb, 0xbf]

async function problemOf(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await res.text()) as unknown
  } catch {
    return undefined
  }
}

/** The CSV as a Blob and the name to save it under. Rejects with ApiError (reported like every other request). */
export async function fetchOrdersCsv(status: OrderStatus = 'pending', now: number = Date.now()): Promise<{ blob: Blob; filename: string }> {
  const path = ORDER_EXPORT_PATH
  const headers: Record<string, string> = { Accept: 'text/csv, application/problem+json', ...authHeader() }
  const authenticated = 'Authorization' in headers
  const controller = typeof AbortController === 'function' ? new AbortController() : null
  const timer = controller ? setTimeout(() => controller.abort(), EXPORT_TIMEOUT_MS) : null
  let res: Response
  let buffer: ArrayBuffer
  try {
    res = await fetch(apiUrl(path, { status }), { method: 'GET', headers, signal: controller?.signal })
    if (!res.ok) {
      throw reportApiError({ error: apiErrorFromResponse(res.status, await problemOf(res), res.headers.get('retry-after') ?? undefined), path, authenticated })
    }
    buffer = await res.arrayBuffer()
  } catch (cause) {
    if (isApiError(cause)) throw cause
    throw reportApiError({ error: networkError(cause), path, authenticated })
  } finally {
    if (timer !== null) clearTimeout(timer)
  }
  // Excel on Windows reads a CSV without a BOM as GBK and garbles the Chinese.
  const head = new Uint8Array(buffer, 0, Math.min(3, buffer.byteLength))
  const hasBom = BOM.every((b, i) => head[i] === b)
  const parts: BlobPart[] = hasBom ? [buffer] : [new Uint8Array(BOM).buffer, buffer]
  const filename = fileNameOfDisposition(res.headers.get('content-disposition')) ?? orderExportFileName(status, now)
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), filename }
}

/** Saves a Blob through a temporary <a download>; the object URL is released once the browser has taken it. */
export function saveBlob(blob: Blob, filename: string, doc: Document = document, releaseAfterMs = 40_000): void {
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  link.style.display = 'none'
  doc.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), releaseAfterMs)
}

export const exportOrdersCsv: typeof Contract.exportOrdersCsv = async (status = 'pending') => {
  const { blob, filename } = await fetchOrdersCsv(status)
  saveBlob(blob, filename)
  return { filename, size: blob.size }
}
