import { Picker, Text, View } from '@tarojs/components'
import { todayShanghai } from '../../utils/format'
import type { DateInputProps } from './types'
import './index.scss'

/** weapp: WeChat's date picker; 清除 for no limit. */
export default function DateInput({ value, onChange, placeholder, min, max, testId }: DateInputProps) {
  return (
    <View className='date-input' data-testid={testId}>
      {/* With no date set, the picker opens on today (Shanghai). */}
      <Picker mode='date' value={value || todayShanghai()} start={min} end={max} onChange={(e) => onChange(String(e.detail.value))}>
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
