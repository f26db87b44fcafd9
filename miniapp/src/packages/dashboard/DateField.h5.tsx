import type { DateFieldProps } from './DateField'

/** H5 (the console on a desk): the browser's own date field. */
export default function DateField({ value, onChange, label, min, max, testId }: DateFieldProps) {
  return (
    <input
      type='date'
      className='dashboard-date'
      value={value}
      min={min}
      max={max}
      aria-label={label}
      data-testid={testId}
      // Clearing the field leaves the range as it was.
      onChange={(e) => (e.target.value ? onChange(e.target.value) : undefined)}
    />
  )
}
