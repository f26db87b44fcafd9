import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  open: boolean
  title: string
  onClose: () => void
  testId: string
  /** Buttons pinned under the content. */
  footer?: ReactNode
  children: ReactNode
}

/**
 * A record's detail beside the list: a panel sliding in from the right at desk
 * widths, a sheet from the bottom on a phone (CSS decides). Tapping the shade
 * or 关闭 closes it.
 */
export default function Drawer({ open, title, onClose, testId, footer, children }: Props) {
  if (!open) return null
  return (
    <View className='console-drawer'>
      <View className='console-drawer__shade' onClick={onClose} />
      <View className='console-drawer__panel' data-testid={testId} role='dialog' aria-label={title}>
        <View className='console-drawer__head'>
          <Text className='console-drawer__title'>{title}</Text>
          <Text className='console-drawer__close' data-testid={`${testId}-close`} onClick={onClose}>
            关闭
          </Text>
        </View>
        <View className='console-drawer__body'>{children}</View>
        {footer ? <View className='console-drawer__foot'>{footer}</View> : null}
      </View>
    </View>
  )
}
