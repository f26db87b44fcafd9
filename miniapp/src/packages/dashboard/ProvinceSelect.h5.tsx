import type { ProvinceSelectProps } from './ProvinceSelect'

/** H5: a plain select — quick with a keyboard on a desk, the phone's own list on a phone. */
export default function ProvinceSelect({ value, options, onChange, testId }: ProvinceSelectProps) {
  return (
    <select className='dashboard-select' value={value} aria-label='地区' data-testid={testId} data-value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((o) => (
        <option key={o.code || 'all'} value={o.code}>
          {o.name}
        </option>
      ))}
    </select>
  )
}
