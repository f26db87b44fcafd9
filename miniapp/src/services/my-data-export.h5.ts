import { apiErrorFromResponse, isApiError, networkError } from './api-error'
import { fileNameOfDisposition } from './admin-orders'
import { saveBlob } from './admin-orders-export.h5'
import { apiUrl, authHeader, reportApiError } from './http'
import { exportFileName, MY_DATA_EXPORT_PATH } from './my-data'
import type * as Contract from './my-data-export'

// H5: a plain link cannot send the bearer header, so fetch it, then save the bytes through <a download>.
export const EXPORT_NEEDS_SHARE: typeof Contract.EXPORT_NEEDS_SHARE = false

const EXPORT_TIMEOUT_MS = 120_000

async function problemOf(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await res.text()) as unknown
  } catch {
    return undefined
  }
}

/** The export as a Blob and the name to save it under. Rejects with ApiError (reported like every other request). */
export async function fetchMyDataExport(now: number = Date.now()): Promise<{ blob: Blob; filename: string }> {
  const path = MY_DATA_EXPORT_PATH
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...authHeader() }
  const authenticated = 'Authorization' in headers
  const controller = typeof AbortController === 'function' ? new AbortController() : null
  const timer = controller ? setTimeout(() => controller.abort(), EXPORT_TIMEOUT_MS) : null
  let res: Response
  let buffer: ArrayBuffer
  try {
    res = await fetch(apiUrl(path), { method: 'GET', headers, signal: controller?.signal })
    const isProblem = (res.headers.get('content-type') ?? '').includes('application/problem+json')
    if (!res.ok || isProblem) {
      throw reportApiError({ error: apiErrorFromResponse(res.status, await problemOf(res), res.headers.get('retry-after') ?? undefined), path, authenticated })
    }
    buffer = await res.arrayBuffer()
  } catch (cause) {
    if (isApiError(cause)) throw cause
    throw reportApiError({ error: networkError(cause), path, authenticated })
  } finally {
    if (timer !== null) clearTimeout(timer)
  }
  const filename = fileNameOfDisposition(res.headers.get('content-disposition')) ?? exportFileName(now)
  return { blob: new Blob([buffer], { type: 'application/json;charset=utf-8' }), filename }
}

export const exportMyData: typeof Contract.exportMyData = async () => {
  const { blob, filename } = await fetchMyDataExport()
  saveBlob(blob, filename)
  return { filename, size: blob.size, filePath: null }
}

export const shareExportFile: typeof Contract.shareExportFile = () => Promise.reject(new Error('H5 saves the export through the browser'))
