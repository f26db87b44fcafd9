// Platform entry for file-url.h5.ts / file-url.weapp.ts (Taro picks the file by TARO_ENV).
// `GET /files/:id` needs the bearer header, which an <Image src> cannot send:
// the file is fetched with the header and shown from a local URL.

/** A URL an <Image> can show for a stored file; cached per file id for the app's life. */
export declare function loadFileUrl(fileId: string): Promise<string>

/** Drops the cached URLs (after logout, so the next user does not see them). */
export declare function clearFileUrls(): void
