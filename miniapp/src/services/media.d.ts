// Platform entry for media.h5.ts / media.weapp.ts (Taro picks the file by TARO_ENV).

export interface PickedImage {
  /** weapp: a temp file path; H5: a blob: URL. Both work for <Image> and uploadFile. */
  path: string
  size: number
}

/** One photo from the camera or the album; null when the user cancels. */
export declare function pickImage(): Promise<PickedImage | null>
