import { useEffect, useState, type ReactNode } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import SheetActions from '../SheetActions'
import './index.scss'

interface Props {
  open: boolean
  title: string
  /** Who will read the reason, and what it should say. */
  hint: string
  placeholder?: string
  confirmText: string
  confirmType?: 'danger' | 'primary'
  maxlength?: number
  /** `${p}-dialog`, `${p}-reason` (wraps the textarea), `${p}-error`, `${p}-confirm`. */
  testIdPrefix: string
  /** Shown between the hint and the field (what the action will do). */
  children?: ReactNode
  /**
   * Validates and submits the reason. Resolves to a message to show under the
   * field (the dialog stays open), or to nothing once the parent is done.
   */
  onSubmit: (reason: string) => Promise<string | undefined>
  onClose: () => void
}

/** A bottom sheet that asks for a reason before a decision (reject, revoke); it is also the confirmation. */
export default function ReasonDialog({
  open,
  title,
  hint,
  placeholder,
  confirmText,
  confirmType = 'danger',
  maxlength = 200,
  testIdPrefix,
  children,
  onSubmit,
  onClose,
}: Props) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    if (open) {
      setReason('')
      setError(undefined)
    }
  }, [open])

  const close = () => {
    if (!submitting) onClose()
  }

  const confirm = async () => {
    if (submitting) return
    setSubmitting(true)
    try {
      setError(await onSubmit(reason))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!submitting} onClose={close}>
      {open ? (
        <View className='reason-dialog' data-testid={`${testIdPrefix}-dialog`}>
          <Text className='reason-dialog__title'>{title}</Text>
          <Text className='reason-dialog__hint'>{hint}</Text>
          {children}
          <View className={`reason-dialog__field${error ? ' reason-dialog__field--error' : ''}`} data-testid={`${testIdPrefix}-reason`}>
            <Textarea
              className='reason-dialog__textarea'
              placeholder={placeholder}
              maxlength={maxlength}
              value={reason}
              onInput={(e) => {
                setReason(e.detail.value)
                setError(undefined)
              }}
            />
          </View>
          {error ? (
            <Text className='reason-dialog__error' data-testid={`${testIdPrefix}-error`}>
              {error}
            </Text>
          ) : null}
          <SheetActions
            block='reason-dialog'
            confirmText={confirmText}
            confirmType={confirmType}
            busy={submitting}
            onCancel={close}
            onConfirm={() => void confirm()}
            confirmTestId={`${testIdPrefix}-confirm`}
          />
        </View>
      ) : null}
    </Popup>
  )
}
