import Taro from '@tarojs/taro'
import { apiErrorFromResponse, networkError } from './api-error'
import { apiUrl, authHeader, reportApiError } from './http'
import { exportFileName, MY_DATA_EXPORT_PATH } from './my-data'
import type * as Contract from './my-data-export'

// weapp: there is no downloads folder. downloadFile (with the session header; the API domain is on the
// downloadFile list) saves the JSON in the mini-program's user files; from there the person sends it to a chat
// (文件传输助手 reaches their computer) with shareFileMessage, which WeChat allows only from a tap.
export const EXPORT_NEEDS_SHARE: typeof Contract.EXPORT_NEEDS_SHARE = true

const EXPORT_TIMEOUT_MS = 60_000

export const exportMyData: typeof Contract.exportMyData = async () => {
  const path = MY_DATA_EXPORT_PATH
  const header = authHeader()
  const authenticated = 'Authorization' in header
  const filename = exportFileName()
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  let res: Taro.downloadFile.FileSuccessCallbackResult
  try {
    res = await Taro.downloadFile({ url: apiUrl(path), header, filePath, timeout: EXPORT_TIMEOUT_MS })
  } catch (cause) {
    throw reportApiError({ error: networkError(cause), path, authenticated })
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw reportApiError({ error: apiErrorFromResponse(res.statusCode, undefined), path, authenticated })
  }
  const saved = res.filePath || filePath
  let size = 0
  try {
    size = Taro.getFileSystemManager().statSync(saved).size
  } catch {
    // The size is only shown; the file is there.
  }
  return { filename, size, filePath: saved }
}

export const shareExportFile: typeof Contract.shareExportFile = async (file) => {
  if (!file.filePath) throw new Error('No saved export to share')
  await Taro.shareFileMessage({ filePath: file.filePath, fileName: file.filename })
}
