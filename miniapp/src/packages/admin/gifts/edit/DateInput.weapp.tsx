import { Picker, Text, View } from '@tarojs/components'
import type { DateInputProps } from './DateInput'

/** Today in Asia/Shanghai: where the picker opens when no date is set. */
function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** weapp: WeChat's date picker; 清除 for no limit. */
export default function DateInput({ value, onChange, placeholder, min, max, testId }: DateInputProps) {
  return (
    <View className='date-input' data-testid={testId}>
      <Picker mode='date' value={value || today()} start={min} end={max} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='date-input__box'>
          <Text className={value ? '' : 'date-input__placeholder'}>{value || placeholder}</Text>
        </View>
      </Picker>
      {value ? (
        <Text className='date-input__clear' onClick={() => onChange('')} data-testid={testId ? `${testId}-clear` : undefined}>
          清除
        </Text>
      ) : null}
    </View>
  )
}
