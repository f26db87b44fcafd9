import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

interface Props {
  /** The sheet's class: the row is `${block}__actions`, each button sits in a `${block}__btn` (styled by the `sheet` mixin, styles/_page.scss). */
  block: string
  cancelText?: string
  confirmText: string
  confirmType?: 'primary' | 'danger'
  /** While the confirmed action runs: both buttons are off, the confirm one spins. */
  busy: boolean
  onCancel: () => void
  onConfirm: () => void
  cancelTestId?: string
  confirmTestId?: string
}

/** The two equal buttons at the foot of a bottom sheet: 取消 (outline) and the action. */
export default function SheetActions({ block, cancelText = '取消', confirmText, confirmType = 'primary', busy, onCancel, onConfirm, cancelTestId, confirmTestId }: Props) {
  return (
    <View className={`${block}__actions`}>
      <View className={`${block}__btn`}>
        <Button block fill='outline' disabled={busy} onClick={() => onCancel()} data-testid={cancelTestId}>
          {cancelText}
        </Button>
      </View>
      <View className={`${block}__btn`}>
        <Button block type={confirmType} loading={busy} disabled={busy} onClick={() => onConfirm()} data-testid={confirmTestId}>
          {confirmText}
        </Button>
      </View>
    </View>
  )
}
