import { apiErrorFromResponse, isApiError, networkError } from './api-error'
import { apiUrl, authHeader, reportApiError } from './http'

/**
 * H5 downloads of API files (the order CSV, my data export): a plain link
 * cannot send the bearer header, so the file is fetched with it and then
 * saved through <a download>. Failures reject with ApiError, reported like
 * every other request.
 */

async function problemOf(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await res.text()) as unknown
  } catch {
    return undefined
  }
}

export interface ApiFile {
  buffer: ArrayBuffer
  /** The Content-Disposition header, for the name to save under. */
  disposition: string | null
}

export async function fetchApiFile(path: string, options: { query?: Record<string, string>; accept: string; timeoutMs: number }): Promise<ApiFile> {
  const headers: Record<string, string> = { Accept: `${options.accept}, application/problem+json`, ...authHeader() }
  const authenticated = 'Authorization' in headers
  const controller = typeof AbortController === 'function' ? new AbortController() : null
  const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs) : null
  try {
    const res = await fetch(apiUrl(path, options.query), { method: 'GET', headers, signal: controller?.signal })
    const isProblem = (res.headers.get('content-type') ?? '').includes('application/problem+json')
    if (!res.ok || isProblem) {
      throw reportApiError({ error: apiErrorFromResponse(res.status, await problemOf(res), res.headers.get('retry-after') ?? undefined), path, authenticated })
    }
    return { buffer: await res.arrayBuffer(), disposition: res.headers.get('content-disposition') }
  } catch (cause) {
    if (isApiError(cause)) throw cause
    throw reportApiError({ error: networkError(cause), path, authenticated })
  } finally {
    if (timer !== null) clearTimeout(timer)
  }
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
