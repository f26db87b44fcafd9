import Taro from '@tarojs/taro'
import { apiErrorFromResponse, networkError } from './api-error'
import { apiUrl, authHeader, reportApiError } from './http'
import type * as Contract from './file-url'

// weapp: downloadFile sends the header and leaves a temp file an <Image> can show.
const cache = new Map<string, Promise<string>>()

async function download(fileId: string): Promise<string> {
  const path = `/files/${encodeURIComponent(fileId)}`
  const header = authHeader()
  const authenticated = 'Authorization' in header
  let response: Taro.downloadFile.FileSuccessCallbackResult
  try {
    response = await Taro.downloadFile({ url: apiUrl(path), header, timeout: 30_000 })
  } catch (cause) {
    throw reportApiError({ error: networkError(cause), path, authenticated })
  }
  const status = response.statusCode
  if (status < 200 || status >= 300) {
    throw reportApiError({ error: apiErrorFromResponse(status, undefined), path, authenticated })
  }
  return response.tempFilePath
}

export const loadFileUrl: typeof Contract.loadFileUrl = (fileId) => {
  let url = cache.get(fileId)
  if (!url) {
    url = download(fileId)
    cache.set(fileId, url)
    url.catch(() => cache.delete(fileId))
  }
  return url
}

// The runtime removes temp files itself; forgetting them is enough.
export const clearFileUrls: typeof Contract.clearFileUrls = () => {
  cache.clear()
}
