import { fileNameOfDisposition } from './admin-orders'
import { fetchApiFile, saveBlob } from './download.h5'
import { exportFileName, MY_DATA_EXPORT_PATH } from './my-data'
import type * as Contract from './my-data-export'

// H5: fetched with the session (download.h5.ts), then saved through <a download>.
export const EXPORT_NEEDS_SHARE: typeof Contract.EXPORT_NEEDS_SHARE = false

const EXPORT_TIMEOUT_MS = 120_000

/** The export as a Blob and the name to save it under. Rejects with ApiError (reported like every other request). */
export async function fetchMyDataExport(now: number = Date.now()): Promise<{ blob: Blob; filename: string }> {
  const { buffer, disposition } = await fetchApiFile(MY_DATA_EXPORT_PATH, { accept: 'application/json', timeoutMs: EXPORT_TIMEOUT_MS })
  const filename = fileNameOfDisposition(disposition) ?? exportFileName(now)
  return { blob: new Blob([buffer], { type: 'application/json;charset=utf-8' }), filename }
}

export const exportMyData: typeof Contract.exportMyData = async () => {
  const { blob, filename } = await fetchMyDataExport()
  saveBlob(blob, filename)
  return { filename, size: blob.size, filePath: null }
}

export const shareExportFile: typeof Contract.shareExportFile = () => Promise.reject(new Error('H5 saves the export through the browser'))
