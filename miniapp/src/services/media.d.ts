// Platform entry for media.h5.ts / media.weapp.ts (Taro picks the file by TARO_ENV).

export interface PickedImage {
  /** weapp: a temp file path; H5: a blob: URL. Both work for <Image> and uploadFile. */
  path: string
  size: number
}

/** One photo from the camera or the album; null when the user cancels. */
export declare function pickImage(): Promise<PickedImage | null>

/** weapp scans a label with the camera; H5 has no scanner (the page offers a text field instead). */
export declare const CAN_SCAN: boolean

/** The text of a scanned QR / DataMatrix label; null when the user cancels (always null on H5). */
export declare function scanCode(): Promise<string | null>

export interface PickedAudio {
  /** weapp: a temp file path; H5: a blob: URL. */
  path: string
  /** Known for a recording; null for a file chosen from disk. */
  durationMs: number | null
  /** A file name to show (H5: the chosen file's). */
  name: string
}

/** weapp records with the microphone (start, then stop); H5 picks an audio file from disk. */
export declare const VOICE_MODE: 'record' | 'file'

export declare function startRecording(): Promise<void>

/** Ends the recording started by startRecording; null if none was running. */
export declare function stopRecording(): Promise<PickedAudio | null>

/** An audio file from disk (H5); null when the user cancels. */
export declare function pickAudio(): Promise<PickedAudio | null>
