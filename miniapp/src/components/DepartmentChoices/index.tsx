import { Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import type { DepartmentItem } from '@shared/schemas/directory.schema'
import { messageOf } from '../../services/errors.zh'
import Chips from '../Chips'

interface Props {
  /** Where the hospital's department list is (`none`: no hospital chosen yet). */
  state: { kind: 'none' | 'loading' | 'ready' } | { kind: 'error'; error: unknown }
  /** The departments to offer (once ready). */
  options: DepartmentItem[]
  selected: string[]
  onToggle: (id: string) => void
  onRetry: () => void
  /** The page's block: `${classPrefix}__grow`, `__inline-error`, `__muted`. */
  classPrefix: string
  testId: string
  optionTestId: string
}

/** Inside a Field: the departments of a hospital as chips, with the loading, error (重试) and empty states. */
export default function DepartmentChoices({ state, options, selected, onToggle, onRetry, classPrefix, testId, optionTestId }: Props) {
  return (
    <>
      {state.kind === 'none' ? <Text className={`${classPrefix}__muted`}>请先选择医院</Text> : null}
      {state.kind === 'loading' ? (
        <View className={`${classPrefix}__grow`}>
          <Skeleton rows={1} animated />
        </View>
      ) : null}
      {state.kind === 'error' ? (
        <View className={`${classPrefix}__inline-error`}>
          <Text>{messageOf(state.error)}</Text>
          <Button size='small' onClick={onRetry}>
            重试
          </Button>
        </View>
      ) : null}
      {state.kind === 'ready' && options.length === 0 ? <Text className={`${classPrefix}__muted`}>该医院暂未设置科室，请联系客服</Text> : null}
      {state.kind === 'ready' && options.length > 0 ? (
        <Chips options={options.map((d) => ({ key: d.id, label: d.name }))} selected={selected} onToggle={onToggle} testId={testId} optionTestId={optionTestId} />
      ) : null}
    </>
  )
}
