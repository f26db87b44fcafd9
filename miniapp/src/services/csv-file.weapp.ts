import Taro from '@tarojs/taro'
import type * as Contract from './csv-file'
import { checkCsvFile, checkCsvText, CsvFileError, NOT_UTF8 } from './csv-text'

// weapp: a phone has no file system to browse; the file comes from a WeChat chat (e.g. 文件传输助手).
export const CSV_SOURCE: typeof Contract.CSV_SOURCE = 'wechat-chat'
export const CAN_SAVE_CSV: typeof Contract.CAN_SAVE_CSV = false

export const readCsvFile: typeof Contract.readCsvFile = () => Promise.reject(new Error('The mini-program picks files from a chat'))

function isCancel(err: unknown): boolean {
  const msg = typeof err === 'object' && err !== null && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : ''
  return /cancel/i.test(msg)
}

export const chooseCsvFromChat: typeof Contract.chooseCsvFromChat = async () => {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] })
  } catch (err) {
    if (isCancel(err)) return null
    throw new CsvFileError('无法打开聊天文件，请稍后重试')
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  checkCsvFile(file.name, file.size)
  const text = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'utf8',
      success: (res) => resolve(typeof res.data === 'string' ? res.data : ''),
      fail: () => reject(new CsvFileError('无法读取该文件，请重新选择')),
    })
  })
  // Bytes that are not UTF-8 come back as U+FFFD: a GBK file from Excel.
  if (text.includes('\uFFFD')) throw new CsvFileError(NOT_UTF8)
  return { name: file.name, size: file.size, text: checkCsvText(text), encoding: 'utf-8' }
}

export const saveCsvText: typeof Contract.saveCsvText = () => {
  throw new Error('CSV files are saved on the web console')
}
