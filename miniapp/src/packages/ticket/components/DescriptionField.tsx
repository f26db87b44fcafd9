import { Text, Textarea, View } from '@tarojs/components'
import Field from '../../../components/Field'

export const DESCRIPTION_MAX = 2000

interface Props {
  value: string
  error?: string
  onChange: (v: string) => void
}

/** The fault in the reporter's words, with a live count so they see the limit before hitting it. */
export default function DescriptionField({ value, error, onChange }: Props) {
  return (
    <Field label='故障描述' required error={error} testId='report-description'>
      <View className={`report__textarea-box${error ? ' report__textarea-box--error' : ''}`}>
        <Textarea
          className='report__textarea'
          placeholder='请描述故障现象，如：注水不畅、图像发红、弯曲角度不足、何时出现'
          maxlength={DESCRIPTION_MAX}
          value={value}
          onInput={(e) => onChange(e.detail.value)}
        />
        <Text className='report__counter' data-testid='report-description-count'>
          {value.length}/{DESCRIPTION_MAX}
        </Text>
      </View>
    </Field>
  )
}
