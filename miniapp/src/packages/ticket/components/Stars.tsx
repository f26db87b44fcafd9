import { Text, View } from '@tarojs/components'
import { RATING_LABELS } from '../../../labels/ticket.zh'

interface Props {
  value: number
  /** Without it the stars only show a rating. */
  onChange?: (score: number) => void
  testId?: string
}

const SCORES = [1, 2, 3, 4, 5]

/** Five stars (big enough to tap with a glove on) and the score's words. */
export default function Stars({ value, onChange, testId }: Props) {
  return (
    <View className={`stars${onChange ? ' stars--input' : ''}`} data-testid={testId} data-value={value}>
      {SCORES.map((s) => (
        <Text
          key={s}
          className={`stars__star${s <= value ? ' stars__star--on' : ''}`}
          onClick={onChange ? () => onChange(s) : undefined}
          data-testid='rating-star'
          data-score={s}
        >
          ★
        </Text>
      ))}
      <Text className='stars__label'>{value > 0 ? RATING_LABELS[value] : onChange ? '点击星星评分' : ''}</Text>
    </View>
  )
}
