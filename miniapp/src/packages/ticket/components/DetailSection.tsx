import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/** A labelled line of the ticket detail. */
export function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className='ticket-detail__row'>
      <Text className='ticket-detail__label'>{label}</Text>
      <View className='ticket-detail__value' data-testid={testId}>
        {children}
      </View>
    </View>
  )
}

/** A white card with a title; `extra` sits at the title's right (a button). */
export function Section({ title, extra, testId, children }: { title: string; extra?: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <View className='ticket-detail__section' data-testid={testId}>
      {extra ? (
        <View className='ticket-detail__section-head'>
          <Text className='ticket-detail__section-title'>{title}</Text>
          {extra}
        </View>
      ) : (
        <Text className='ticket-detail__section-title'>{title}</Text>
      )}
      {children}
    </View>
  )
}
