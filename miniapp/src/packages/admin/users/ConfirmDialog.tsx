import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import SheetActions from '../../../components/SheetActions'

interface Props {
  open: boolean
  title: string
  children: ReactNode
  confirmText: string
  confirmType?: 'primary' | 'danger'
  /** `${p}-dialog` on the sheet, `${p}-confirm` / `${p}-cancel` on its buttons. */
  testIdPrefix: string
  /** Runs the action; the sheet stays busy until it settles (the caller closes it). */
  onConfirm: () => Promise<void>
  onClose: () => void
}

/**
 * A confirmation sheet for an action that needs no reason (强制下线). Our own
 * rather than Taro.showModal: the browser tests can press its buttons.
 */
export default function ConfirmDialog({ open, title, children, confirmText, confirmType = 'danger', testIdPrefix, onConfirm, onClose }: Props) {
  const [busy, setBusy] = useState(false)

  const close = () => {
    if (!busy) onClose()
  }

  const confirm = async () => {
    if (busy) return
    setBusy(true)
    try {
      await onConfirm()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!busy} onClose={close}>
      {open ? (
        <View className='user-dialog' data-testid={`${testIdPrefix}-dialog`}>
          <Text className='user-dialog__title'>{title}</Text>
          <View className='user-dialog__body'>{children}</View>
          <SheetActions
            block='user-dialog'
            confirmText={confirmText}
            confirmType={confirmType}
            busy={busy}
            onCancel={close}
            onConfirm={() => void confirm()}
            cancelTestId={`${testIdPrefix}-cancel`}
            confirmTestId={`${testIdPrefix}-confirm`}
          />
        </View>
      ) : null}
    </Popup>
  )
}
