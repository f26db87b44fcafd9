import { View } from '@tarojs/components'
import type { SelectProps } from './Select'

/** H5: a native <select>. */
export default function Select({ value, options, onChange, emptyLabel, placeholder, label, disabled, testId }: SelectProps) {
  const known = value === '' || options.some((o) => o.key === value)
  return (
    <View className={`dir-select${disabled ? ' dir-select--disabled' : ''}`} data-testid={testId} data-value={value}>
      <select className='dir-select__native' value={value} aria-label={label} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {emptyLabel !== undefined ? <option value=''>{emptyLabel}</option> : value === '' ? <option value='' disabled>{placeholder ?? `请选择${label}`}</option> : null}
        {/* A value not (yet) in the options, e.g. while they load, stays shown rather than jumping to the first. */}
        {known ? null : <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </View>
  )
}
