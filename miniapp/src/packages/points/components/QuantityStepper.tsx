import { Text, View } from '@tarojs/components'

interface Props {
  value: number
  max: number
  min?: number
  disabled?: boolean
  onChange: (value: number) => void
  /** `${p}-minus`, `${p}-value`, `${p}-plus`. */
  testIdPrefix: string
}

/** − n +, kept within [min, max]; large buttons for a gloved thumb. */
export default function QuantityStepper({ value, max, min = 1, disabled, onChange, testIdPrefix }: Props) {
  const canLess = !disabled && value > min
  const canMore = !disabled && value < max
  return (
    <View className={`qty${disabled ? ' qty--disabled' : ''}`}>
      <View
        className={`qty__btn${canLess ? '' : ' qty__btn--off'}`}
        onClick={() => canLess && onChange(value - 1)}
        data-testid={`${testIdPrefix}-minus`}
        ariaLabel='减少'
      >
        <Text>−</Text>
      </View>
      <Text className='qty__value' data-testid={`${testIdPrefix}-value`}>
        {value}
      </Text>
      <View
        className={`qty__btn${canMore ? '' : ' qty__btn--off'}`}
        onClick={() => canMore && onChange(value + 1)}
        data-testid={`${testIdPrefix}-plus`}
        ariaLabel='增加'
      >
        <Text>+</Text>
      </View>
    </View>
  )
}
