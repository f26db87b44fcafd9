import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  label: string
  required?: boolean
  hint?: string
  error?: string
  /** Set on the wrapper; inputs inside are found with `[data-testid=…] input`. */
  testId?: string
  children: ReactNode
}

/** A labelled form row with its validation message underneath. */
export default function Field({ label, required, hint, error, testId, children }: Props) {
  return (
    <View className={`field${error ? ' field--error' : ''}`} data-testid={testId}>
      <View className='field__label'>
        <Text>{label}</Text>
        {required ? <Text className='field__required'>*</Text> : <Text className='field__optional'>（选填）</Text>}
      </View>
      <View className='field__control'>{children}</View>
      {hint && !error ? <Text className='field__hint'>{hint}</Text> : null}
      {error ? (
        <Text className='field__error' data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
