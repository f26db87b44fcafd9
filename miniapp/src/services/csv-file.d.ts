// Platform entry for csv-file.h5.ts (the web console: a file from the computer, a template saved as a download) /
// csv-file.weapp.ts (a file sent to a WeChat chat; no downloads).
import type { CsvText } from './csv-text'

export type { CsvText }

/** H5: the page shows a file field (`<input type="file">`) and hands the File to readCsvFile. weapp: chooseCsvFromChat. */
export declare const CSV_SOURCE: 'file-input' | 'wechat-chat'

/** H5: a File from the page's file field, read as UTF-8 (GBK when it is not UTF-8). Rejects with CsvFileError. weapp: rejects. */
export declare function readCsvFile(file: File): Promise<CsvText>

/** weapp: picks a .csv sent to a WeChat chat and reads it as UTF-8; null when cancelled. Rejects with CsvFileError. H5: rejects. */
export declare function chooseCsvFromChat(): Promise<CsvText | null>

/** H5: the console can save a CSV as a download; weapp cannot (the page says where to get the template). */
export declare const CAN_SAVE_CSV: boolean

/** H5: saves `text` as `filename`, UTF-8 with a BOM so Excel reads the Chinese. weapp: throws. */
export declare function saveCsvText(filename: string, text: string): void
