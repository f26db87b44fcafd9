import type * as Contract from './csv-file'
import { saveBlob } from './download.h5'
import { checkCsvFile, checkCsvText, CsvFileError, NOT_UTF8, type CsvText } from './csv-text'

// H5 (the web console): the page's <input type="file"> gives a File; read in the browser, never uploaded as a file.
export const CSV_SOURCE: typeof Contract.CSV_SOURCE = 'file-input'
export const CAN_SAVE_CSV: typeof Contract.CAN_SAVE_CSV = true

function bytesOf(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsArrayBuffer(file)
  })
}

/**
 * UTF-8 (BOM or not); a file that is not valid UTF-8 is read as GBK, which is
 * what Excel's plain 「CSV（逗号分隔）」 writes on a Chinese Windows. The dry
 * run shows the rows, so a wrong guess is seen before anything is written.
 */
export function decodeCsvBytes(buffer: ArrayBuffer): { text: string; encoding: CsvText['encoding'] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' }
  } catch {
    try {
      return { text: new TextDecoder('gbk', { fatal: true }).decode(buffer), encoding: 'gbk' }
    } catch {
      throw new CsvFileError(NOT_UTF8)
    }
  }
}

export const readCsvFile: typeof Contract.readCsvFile = async (file) => {
  checkCsvFile(file.name, file.size)
  let buffer: ArrayBuffer
  try {
    buffer = await bytesOf(file)
  } catch {
    throw new CsvFileError('无法读取该文件，请确认文件没有被其他程序占用后重新选择')
  }
  const { text, encoding } = decodeCsvBytes(buffer)
  return { name: file.name, size: file.size, text: checkCsvText(text), encoding }
}

export const chooseCsvFromChat: typeof Contract.chooseCsvFromChat = () => Promise.reject(new Error('The web console picks files with its file field'))

export const saveCsvText: typeof Contract.saveCsvText = (filename, text) => {
  // Excel on Windows reads a CSV without a BOM as GBK and garbles the Chinese.
  saveBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), filename)
}
