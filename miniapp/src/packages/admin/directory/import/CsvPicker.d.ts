// Platform entry for CsvPicker.h5.tsx (a file field and a drop zone on the web console) /
// CsvPicker.weapp.tsx (a file sent to a WeChat chat).
import type { ComponentType } from 'react'
import type { CsvText } from '../../../../services/csv-text'

export interface CsvPickerProps {
  /** A file is being read or sent: picking is off. */
  busy: boolean
  /** The name of the file in use (the button then says 重新选择). */
  fileName: string | null
  onReading: () => void
  onPicked: (file: CsvText) => void
  /** A file that cannot be used, in Chinese ('' when the choice was cancelled); the file in use (if any) stays. */
  onError: (message: string) => void
}

declare const CsvPicker: ComponentType<CsvPickerProps>
export default CsvPicker
