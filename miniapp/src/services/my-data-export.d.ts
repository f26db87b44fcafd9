// Platform entry for my-data-export.h5.ts (the browser saves the file) / my-data-export.weapp.ts (saved in the
// mini-program's user files, then sent to a chat to keep it).

/** H5: the browser's download saves the file. weapp: the file is saved in the mini-program, then sent to a chat. */
export declare const EXPORT_NEEDS_SHARE: boolean

export interface MyDataExport {
  /** The file's name (the server's, in Chinese). */
  filename: string
  /** Bytes. */
  size: number
  /** weapp: where the file was saved (`wx.env.USER_DATA_PATH/...`); H5: null. */
  filePath: string | null
}

/**
 * GET /me/export with the session token (the server records the export in the
 * access log). H5: saved through the browser's download. weapp: saved in the
 * mini-program's files. Rejects with ApiError.
 */
export declare function exportMyData(): Promise<MyDataExport>

/** weapp: sends the saved file to a WeChat chat (e.g. 文件传输助手) to keep it; call it from a tap. H5: rejects. */
export declare function shareExportFile(file: MyDataExport): Promise<void>
