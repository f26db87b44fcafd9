import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface Props {
  title: string
  description?: string
  extra?: ReactNode
  danger?: boolean
  testId: string
  onClick: () => void
}

/** A row of a `.pv-links` group that opens a page (NutUI's Cell drops data-testid, so these are our own). */
export default function LinkRow({ title, description, extra, danger, testId, onClick }: Props) {
  return (
    <View className={`pv-link${danger ? ' pv-link--danger' : ''}`} onClick={onClick} data-testid={testId}>
      <View className='pv-link__body'>
        <Text className='pv-link__title'>{title}</Text>
        {description ? <Text className='pv-link__desc'>{description}</Text> : null}
      </View>
      {extra !== undefined && extra !== null ? <View className='pv-link__extra'>{extra}</View> : null}
      <Text className='pv-link__arrow'>›</Text>
    </View>
  )
}
