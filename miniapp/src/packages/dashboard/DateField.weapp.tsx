import { Picker, Text, View } from '@tarojs/components'
import type { DateFieldProps } from './DateField'

/** weapp: WeChat's date picker. */
export default function DateField({ value, onChange, label, min, max, testId }: DateFieldProps) {
  return (
    <Picker mode='date' value={value} start={min} end={max} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='dashboard-date' data-testid={testId} aria-label={label}>
        <Text>{value}</Text>
      </View>
    </Picker>
  )
}
