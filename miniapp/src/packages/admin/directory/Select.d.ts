// Platform entry for Select.h5.tsx (the browser's <select>: quick with a mouse, one keyboard away) /
// Select.weapp.tsx (WeChat's picker).
import type { ComponentType } from 'react'

export interface SelectOption {
  key: string
  label: string
}

export interface SelectProps {
  /** The chosen key, or '' for none. */
  value: string
  options: readonly SelectOption[]
  onChange: (key: string) => void
  /** The option meaning "none" (全部省份, 不指定科室); without it a choice is required. */
  emptyLabel?: string
  /** Shown while nothing is chosen and there is no emptyLabel. */
  placeholder?: string
  /** Accessible name of the field. */
  label: string
  disabled?: boolean
  /** On the wrapper (H5: the <select> is inside it). */
  testId?: string
}

declare const Select: ComponentType<SelectProps>
export default Select
