export interface DateInputProps {
  /** `YYYY-MM-DD`, or '' for none. */
  value: string
  onChange: (value: string) => void
  /** Shown when empty (e.g. 不限). */
  placeholder: string
  /** Accessible name (H5) of the field. */
  label: string
  min?: string
  max?: string
  /** On the wrapper; the clear link gets `${testId}-clear`. */
  testId?: string
}
