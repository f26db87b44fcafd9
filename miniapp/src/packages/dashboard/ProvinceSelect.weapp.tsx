import { Picker, Text, View } from '@tarojs/components'
import type { ProvinceSelectProps } from './ProvinceSelect'

/** weapp: WeChat's selector picker over 全国 and the provinces. */
export default function ProvinceSelect({ value, options, onChange, testId }: ProvinceSelectProps) {
  const index = Math.max(0, options.findIndex((o) => o.code === value))
  return (
    <Picker mode='selector' range={options.map((o) => o.name)} value={index} onChange={(e) => onChange(options[Number(e.detail.value)]?.code ?? '')}>
      <View className='dashboard-select' data-testid={testId} data-value={value} aria-label='地区'>
        <Text>{options[index]?.name ?? '全国'}</Text>
        <Text className='dashboard-select__arrow'>▾</Text>
      </View>
    </Picker>
  )
}
