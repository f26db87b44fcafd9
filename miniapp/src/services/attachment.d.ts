// Platform entry for attachment.h5.ts / attachment.weapp.ts (Taro picks the file by TARO_ENV).

/** Opens a library attachment (a PDF at a public URL): weapp downloads it and opens WeChat's viewer; H5 opens a new tab. */
export declare function openAttachment(url: string, mime: string): Promise<void>
