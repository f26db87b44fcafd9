import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'

/** NutUI's tag types, or `muted`: grey, for what is over (closed, cancelled). */
export type StatusTagType = 'default' | 'primary' | 'info' | 'success' | 'warning' | 'danger' | 'muted'

interface Props {
  status: string
  label: string
  type: StatusTagType
  /** On the wrapper, with `data-status`. */
  className: string
  testId: string
}

/** A status as a coloured tag; NutUI's Tag drops unknown props, so the test id sits on a wrapper. */
export default function StatusTag({ status, label, type, className, testId }: Props) {
  return (
    <View className={className} data-testid={testId} data-status={status}>
      {type === 'muted' ? (
        <Tag background='#f2f3f5' color='#86909c'>
          {label}
        </Tag>
      ) : (
        <Tag type={type}>{label}</Tag>
      )}
    </View>
  )
}
