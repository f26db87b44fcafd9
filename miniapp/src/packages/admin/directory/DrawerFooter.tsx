import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

interface Props {
  /** `${testIdPrefix}-error`, `-cancel`, `-save`. */
  testIdPrefix: string
  /** The form's error, over the buttons. */
  error?: string
  submitting: boolean
  saveText: string
  onCancel: () => void
  onSave: () => void
  /** Buttons before 取消 (e.g. 打印标签). */
  children?: ReactNode
}

/** The foot of a record's drawer in 医院与设备: the form's error, then 取消 and the save button. */
export default function DrawerFooter({ testIdPrefix, error, submitting, saveText, onCancel, onSave, children }: Props) {
  return (
    <>
      {error ? (
        <Text className='dir-form__error' data-testid={`${testIdPrefix}-error`}>
          {error}
        </Text>
      ) : null}
      {children}
      <Button fill='outline' disabled={submitting} onClick={onCancel} data-testid={`${testIdPrefix}-cancel`}>
        取消
      </Button>
      <Button type='primary' loading={submitting} disabled={submitting} onClick={onSave} data-testid={`${testIdPrefix}-save`}>
        {saveText}
      </Button>
    </>
  )
}
