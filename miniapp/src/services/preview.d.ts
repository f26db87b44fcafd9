// Platform entry for preview.h5.ts / preview.weapp.ts (Taro picks the file by TARO_ENV).

/** Shows one image full screen (tap to close). */
export declare function previewImage(url: string): void
