import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface Props {
  /** The export section's key (`data-section`). */
  id: string
  title: string
  /** How many there are in all; null for a section that is not a list (the profile). */
  total: number | null
  /** How many the page shows (the newest `listCap`). */
  shown?: number
  defaultOpen?: boolean
  /** What is said when there is nothing. */
  empty?: string
  children: ReactNode
}

/** One section of 我的数据: its name and count; tap to open. Lists say when only the newest are shown. */
export default function Section({ id, title, total, shown, defaultOpen = false, empty = '暂无记录', children }: Props) {
  const [open, setOpen] = useState(defaultOpen)
  const none = total === 0
  return (
    <View className={`pv-card data-section${open ? ' data-section--open' : ''}`} data-testid='data-section' data-section={id} data-total={total ?? ''}>
      <View className='data-section__head' onClick={() => setOpen((o) => !o)} data-testid='data-section-toggle'>
        <Text className='pv-card__title'>{title}</Text>
        <View className='data-section__side'>
          {total !== null ? (
            <Text className='data-section__count' data-testid='data-section-count'>
              {total} 条
            </Text>
          ) : null}
          <Text className='data-section__arrow'>{open ? '收起' : '展开'}</Text>
        </View>
      </View>
      {open ? (
        <View className='data-section__body' data-testid='data-section-body'>
          {none ? <Text className='pv-muted'>{empty}</Text> : children}
          {total !== null && shown !== undefined && total > shown ? (
            <Text className='pv-muted' data-testid='data-section-capped'>
              共 {total} 条，这里显示最近 {shown} 条；导出的文件包含全部。
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

/** One record in a section: a headline, then label/value lines. */
export function Entry({ title, side, children, testId = 'data-entry' }: { title: ReactNode; side?: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <View className='data-entry' data-testid={testId}>
      <View className='data-entry__head'>
        <Text className='data-entry__title'>{title}</Text>
        {side !== undefined && side !== null ? <Text className='data-entry__side'>{side}</Text> : null}
      </View>
      {children}
    </View>
  )
}

/** A label and its value; nothing when the value is empty. */
export function Line({ label, value }: { label: string; value: ReactNode }) {
  if (value === null || value === undefined || value === '') return null
  return (
    <View className='data-line'>
      <Text className='data-line__label'>{label}</Text>
      <Text className='data-line__value'>{value}</Text>
    </View>
  )
}
