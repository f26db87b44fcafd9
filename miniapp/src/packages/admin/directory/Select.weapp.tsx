import { Picker, Text, View } from '@tarojs/components'
import type { SelectProps } from './Select'

/** weapp: WeChat's selector picker; the "none" option comes first when there is one. */
export default function Select({ value, options, onChange, emptyLabel, placeholder, label, disabled, testId }: SelectProps) {
  const all = emptyLabel !== undefined ? [{ key: '', label: emptyLabel }, ...options] : options
  const index = Math.max(0, all.findIndex((o) => o.key === value))
  const current = all.find((o) => o.key === value)
  return (
    <View className={`dir-select${disabled ? ' dir-select--disabled' : ''}`} data-testid={testId} data-value={value}>
      <Picker mode='selector' range={all.map((o) => o.label)} value={index} disabled={disabled} onChange={(e) => onChange(all[Number(e.detail.value)]?.key ?? '')}>
        <View className='dir-select__box'>
          <Text className={current ? '' : 'dir-select__placeholder'}>{current?.label ?? placeholder ?? `请选择${label}`}</Text>
          <Text className='dir-select__arrow'>▾</Text>
        </View>
      </Picker>
    </View>
  )
}
