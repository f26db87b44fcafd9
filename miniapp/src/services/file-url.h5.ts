import Taro from '@tarojs/taro'
import { apiErrorFromResponse, networkError } from './api-error'
import { apiUrl, authHeader, headerValue, reportApiError } from './http'
import type * as Contract from './file-url'

// H5: fetch the bytes with the header, show them from a blob: URL.
const cache = new Map<string, Promise<string>>()

function decodeProblem(buffer: unknown): unknown {
  if (!(buffer instanceof ArrayBuffer)) return undefined
  try {
    return JSON.parse(new TextDecoder().decode(buffer)) as unknown
  } catch {
    return undefined
  }
}

async function fetchBlobUrl(fileId: string): Promise<string> {
  const path = `/files/${encodeURIComponent(fileId)}`
  const header = authHeader()
  const authenticated = 'Authorization' in header
  let response: Taro.request.SuccessCallbackResult<ArrayBuffer>
  try {
    response = await Taro.request<ArrayBuffer>({ url: apiUrl(path), header, responseType: 'arraybuffer', timeout: 30_000 })
  } catch (cause) {
    throw reportApiError({ error: networkError(cause), path, authenticated })
  }
  const status = response.statusCode
  if (status < 200 || status >= 300) {
    throw reportApiError({ error: apiErrorFromResponse(status, decodeProblem(response.data)), path, authenticated })
  }
  const type = headerValue(response.header, 'content-type') || 'application/octet-stream'
  return URL.createObjectURL(new Blob([response.data], { type }))
}

export const loadFileUrl: typeof Contract.loadFileUrl = (fileId) => {
  let url = cache.get(fileId)
  if (!url) {
    url = fetchBlobUrl(fileId)
    cache.set(fileId, url)
    // A failure is not cached: the next look tries again.
    url.catch(() => cache.delete(fileId))
  }
  return url
}

export const clearFileUrls: typeof Contract.clearFileUrls = () => {
  for (const url of cache.values()) url.then((u) => URL.revokeObjectURL(u)).catch(() => undefined)
  cache.clear()
}
