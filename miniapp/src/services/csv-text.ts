/**
 * What both platforms check about a picked CSV file before it is sent
 * (csv-file.h5.ts / csv-file.weapp.ts): its name, size and text.
 */

/** ImportRequestSchema takes 200,000 characters; a file far bigger than that is refused before it is read. */
export const MAX_CSV_BYTES = 1_000_000
export const MAX_CSV_CHARS = 200_000

export interface CsvText {
  name: string
  /** Bytes on disk. */
  size: number
  /** The file's text, BOM removed. */
  text: string
  /** How it was read: UTF-8, or GBK (Excel's 「CSV（逗号分隔）」 on a Chinese Windows) on the web console. */
  encoding: 'utf-8' | 'gbk'
}

/** A file the page cannot use; `message` is the Chinese sentence to show. */
export class CsvFileError extends Error {
  constructor(message: string) {
    super(message)
    // Babel's ES5 class output loses the prototype when extending Error.
    Object.setPrototypeOf(this, CsvFileError.prototype)
    this.name = 'CsvFileError'
  }
}

export function isCsvFileError(value: unknown): value is CsvFileError {
  return value instanceof CsvFileError
}

export const NOT_UTF8 = '文件不是 UTF-8 编码：请在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”后重新选择'

/** Refuses what is plainly not a CSV or too big, before reading it. */
export function checkCsvFile(name: string, size: number): void {
  if (!/\.(csv|txt)$/i.test(name)) throw new CsvFileError('请选择 .csv 文件（Excel 中“另存为 → CSV UTF-8（逗号分隔）”）')
  if (size === 0) throw new CsvFileError('文件是空的')
  if (size > MAX_CSV_BYTES) throw new CsvFileError('文件过大（最多约 2,000 行），请拆分后分批导入')
}

/** The text without a BOM; refuses an empty file, a file without data rows, and one over the request limit. */
export function checkCsvText(text: string): string {
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '') throw new CsvFileError('文件是空的')
  if (body.length > MAX_CSV_CHARS) throw new CsvFileError('文件过大（最多约 2,000 行），请拆分后分批导入')
  if (body.trim().split(/\r\n|\n|\r/).length < 2) throw new CsvFileError('文件只有一行：第一行是列名，数据从第二行开始')
  return body
}
