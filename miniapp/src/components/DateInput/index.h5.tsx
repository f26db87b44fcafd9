import { Text, View } from '@tarojs/components'
import type { DateInputProps } from './types'
import './index.scss'

/** H5 (desktop console): the browser's own date field; 清除 for no limit. */
export default function DateInput({ value, onChange, placeholder, label, min, max, testId }: DateInputProps) {
  return (
    <View className='date-input' data-testid={testId}>
      <View className='date-input__box'>
        <input
          type='date'
          className={`date-input__native${value ? '' : ' date-input__placeholder'}`}
          value={value}
          min={min}
          max={max}
          placeholder={placeholder}
          aria-label={label}
          onChange={(e) => onChange(e.target.value)}
        />
      </View>
      {value ? (
        <Text className='date-input__clear' onClick={() => onChange('')} data-testid={testId ? `${testId}-clear` : undefined}>
          清除（{placeholder}）
        </Text>
      ) : (
        <Text className='date-input__placeholder'>{placeholder}</Text>
      )}
    </View>
  )
}
