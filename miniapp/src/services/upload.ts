import Taro from '@tarojs/taro'
import { StoredFileSchema, type FilePurpose, type StoredFileInfo } from '@shared/schemas/files.schema'
import { apiErrorFromResponse, invalidResponseError, networkError } from './api-error'
import { apiUrl, authHeader, bodyOf, reportApiError } from './http'

const UPLOAD_TIMEOUT_MS = 60_000

/**
 * `POST /files` as multipart (`file` + `purpose`) through Taro.uploadFile, the
 * only way to send a local file on weapp; on H5 `filePath` is the blob URL
 * chooseImage/chooseMedia gave. Failures become ApiError exactly as in http.ts.
 */
export async function uploadFile(filePath: string, purpose: FilePurpose): Promise<StoredFileInfo> {
  const path = '/files'
  const header = { Accept: 'application/json, application/problem+json', ...authHeader() }
  const authenticated = 'Authorization' in header
  let response: Taro.uploadFile.SuccessCallbackResult
  try {
    response = await Taro.uploadFile({
      url: apiUrl(path),
      filePath,
      name: 'file',
      formData: { purpose },
      header,
      timeout: UPLOAD_TIMEOUT_MS,
    })
  } catch (cause) {
    throw reportApiError({ error: networkError(cause), path, authenticated })
  }
  const status = response.statusCode
  const data = bodyOf(response.data)
  if (status < 200 || status >= 300) {
    throw reportApiError({ error: apiErrorFromResponse(status, data), path, authenticated })
  }
  const parsed = StoredFileSchema.safeParse(data)
  if (!parsed.success) throw invalidResponseError(status, parsed.error.message)
  return parsed.data
}
