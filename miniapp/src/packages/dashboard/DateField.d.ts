// Platform entry for DateField.h5.tsx (the browser's date field) / DateField.weapp.tsx (WeChat's date picker).
import type { ComponentType } from 'react'

export interface DateFieldProps {
  /** YYYY-MM-DD. */
  value: string
  onChange: (value: string) => void
  /** Accessible name (开始日期 / 结束日期). */
  label: string
  min?: string
  max?: string
  testId?: string
}

declare const DateField: ComponentType<DateFieldProps>
export default DateField
