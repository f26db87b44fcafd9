import { Text, View } from '@tarojs/components'
import './index.scss'

export interface QueueTab<K extends string> {
  key: K
  label: string
  /** A red count beside the label (`12+` when more pages exist). */
  count?: string
}

interface Props<K extends string> {
  tabs: readonly QueueTab<K>[]
  active: K
  onChange: (key: K) => void
  testId?: string
  /** Each tab gets `${tabTestIdPrefix}${key}`. */
  tabTestIdPrefix?: string
}

/** The sticky tab bar over a list (queues by status, scopes of a list). */
export default function QueueTabs<K extends string>({ tabs, active, onChange, testId, tabTestIdPrefix }: Props<K>) {
  return (
    <View className='queue-tabs' data-testid={testId}>
      {tabs.map((t) => (
        <View
          key={t.key}
          className={`queue-tabs__tab${t.key === active ? ' queue-tabs__tab--active' : ''}`}
          onClick={() => onChange(t.key)}
          data-testid={tabTestIdPrefix ? `${tabTestIdPrefix}${t.key}` : undefined}
        >
          <Text>{t.label}</Text>
          {t.count !== undefined ? <Text className='queue-tabs__count'>{t.count}</Text> : null}
        </View>
      ))}
    </View>
  )
}
