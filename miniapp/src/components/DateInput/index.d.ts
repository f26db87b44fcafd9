// Platform entry for index.h5.tsx (the browser's date field) / index.weapp.tsx (WeChat's date picker).
// Used by the gift editor, the directory, the audit log and the access log; the look is in index.scss.
import type { ComponentType } from 'react'
import type { DateInputProps } from './types'

export type { DateInputProps } from './types'

declare const DateInput: ComponentType<DateInputProps>
export default DateInput
