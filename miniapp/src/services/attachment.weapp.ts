import Taro from '@tarojs/taro'
import { API_BASE } from './api-base'
import type * as Contract from './attachment'

const FILE_TYPES: Record<string, 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'ppt' | 'pptx'> = {
  'application/pdf': 'pdf',
}

// weapp: download to a temp file (the domain is on the downloadFile list), then WeChat's document viewer.
export const openAttachment: typeof Contract.openAttachment = async (url, mime) => {
  const res = await Taro.downloadFile({ url: url.startsWith('/') ? `${API_BASE}${url}` : url, timeout: 60_000 })
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`download failed: ${res.statusCode}`)
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: FILE_TYPES[mime] ?? 'pdf', showMenu: true })
}
