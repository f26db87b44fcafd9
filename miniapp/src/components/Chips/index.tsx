import { Text, View } from '@tarojs/components'
import './index.scss'

export interface ChipOption {
  key: string
  label: string
}

interface Props {
  options: readonly ChipOption[]
  /** The keys that are on. */
  selected: readonly string[]
  onToggle?: (key: string) => void
  /** One row that scrolls sideways (filters) instead of wrapping (choices in a form). */
  scroll?: boolean
  /** On the group. */
  testId?: string
  /** On every chip; the chip also carries `data-key` and `data-selected`. */
  optionTestId?: string
}

/** Pill-shaped choices: single select (filters, a department) or multi select (departments to manage). */
export default function Chips({ options, selected, onToggle, scroll, testId, optionTestId }: Props) {
  return (
    <View className={`chips${scroll ? ' chips--scroll' : ''}`} data-testid={testId}>
      {options.map((o) => {
        const on = selected.includes(o.key)
        return (
          <View
            key={o.key}
            className={`chip${on ? ' chip--active' : ''}${onToggle ? '' : ' chip--static'}`}
            onClick={onToggle ? () => onToggle(o.key) : undefined}
            data-testid={optionTestId}
            data-key={o.key}
            data-selected={on ? 'true' : 'false'}
          >
            <Text>{o.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
