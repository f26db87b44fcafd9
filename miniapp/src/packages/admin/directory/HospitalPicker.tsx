import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { listHospitals, type AdminHospital } from '../../../services/admin-directory'
import { messageOf } from '../../../services/errors.zh'

export interface HospitalRef {
  id: string
  name: string
}

interface Props {
  value: HospitalRef | null
  onChange: (hospital: HospitalRef | null) => void
  /** Filters offer 全部医院 (clear); a form requires one. */
  clearable?: boolean
  placeholder?: string
  disabled?: boolean
  /** Wrapper; the input is inside, each result is `${testId}-option` with data-id. */
  testId: string
}

type Results = { phase: 'idle' | 'loading' } | { phase: 'ready'; items: AdminHospital[] } | { phase: 'error'; message: string }

const RESULT_LIMIT = 8

/**
 * Choose a hospital by typing part of its name (GET /admin/hospitals?q=):
 * the first eight matches, newest answer wins. The chosen one shows as a
 * chip with 更换 (and 清除 in a filter).
 */
export default function HospitalPicker({ value, onChange, clearable, placeholder = '输入医院名称搜索', disabled, testId }: Props) {
  const [searching, setSearching] = useState(value === null)
  const [input, setInput] = useState('')
  const [results, setResults] = useState<Results>({ phase: 'idle' })
  const call = useRef(0)

  useEffect(() => {
    if (value === null) setSearching(true)
  }, [value])

  const search = async (q: string) => {
    const mine = ++call.current
    setResults({ phase: 'loading' })
    try {
      const page = await listHospitals({ q: q || undefined, limit: RESULT_LIMIT, sort: 'name', dir: 'asc' })
      if (mine === call.current) setResults({ phase: 'ready', items: page.items })
    } catch (err) {
      if (mine === call.current) setResults({ phase: 'error', message: messageOf(err) })
    }
  }

  // Typing searches after a pause; clearing the box after a pick does not.
  const typed = useRef(false)
  useEffect(() => {
    if (!typed.current) return undefined
    const timer = setTimeout(() => void search(input.trim()), 300)
    return () => clearTimeout(timer)
  }, [input])

  const open = () => {
    if (disabled) return
    setSearching(true)
    if (results.phase === 'idle') void search(input.trim())
  }

  const close = () => {
    call.current += 1
    typed.current = false
    setResults({ phase: 'idle' })
  }

  const pick = (h: HospitalRef) => {
    onChange({ id: h.id, name: h.name })
    setSearching(false)
    close()
    setInput('')
  }

  if (value && !searching) {
    return (
      <View className='hospital-picker' data-testid={testId} data-id={value.id}>
        <View className='hospital-picker__chosen'>
          <Text className='hospital-picker__name'>{value.name}</Text>
          {disabled ? null : (
            <Text className='hospital-picker__link' onClick={open} data-testid={`${testId}-change`}>
              更换
            </Text>
          )}
          {clearable && !disabled ? (
            <Text className='hospital-picker__link' onClick={() => onChange(null)} data-testid={`${testId}-clear`}>
              清除
            </Text>
          ) : null}
        </View>
      </View>
    )
  }

  return (
    <View className='hospital-picker' data-testid={testId} data-id=''>
      <View className='hospital-picker__box'>
        <Input
          className='hospital-picker__input'
          placeholder={placeholder}
          maxlength={50}
          value={input}
          disabled={disabled}
          onFocus={open}
          onInput={(e) => {
            typed.current = true
            setInput(e.detail.value)
          }}
        />
        {value ? (
          <Text
            className='hospital-picker__link'
            onClick={() => {
              setSearching(false)
              close()
            }}
          >
            取消
          </Text>
        ) : null}
      </View>
      {results.phase === 'idle' ? null : (
        <View className='hospital-picker__results' data-testid={`${testId}-results`}>
          {results.phase === 'loading' ? <Text className='hospital-picker__note'>搜索中…</Text> : null}
          {results.phase === 'error' ? (
            <View className='hospital-picker__note hospital-picker__note--error'>
              <Text>{results.message}</Text>
              <Text className='hospital-picker__link' onClick={() => void search(input.trim())}>
                重试
              </Text>
            </View>
          ) : null}
          {results.phase === 'ready' && results.items.length === 0 ? (
            <Text className='hospital-picker__note'>{input.trim() ? `没有名称含“${input.trim()}”的医院` : '还没有医院'}</Text>
          ) : null}
          {results.phase === 'ready'
            ? results.items.map((h) => (
                <View key={h.id} className='hospital-picker__option' data-testid={`${testId}-option`} data-id={h.id} onClick={() => pick(h)}>
                  <Text className='hospital-picker__option-name'>{h.name}</Text>
                  <Text className='hospital-picker__option-meta'>
                    {h.province === h.city ? h.city : `${h.province} ${h.city}`}
                  </Text>
                </View>
              ))
            : null}
          {results.phase === 'ready' && results.items.length === RESULT_LIMIT ? <Text className='hospital-picker__note'>只显示前 {RESULT_LIMIT} 家，请输入更多文字缩小范围</Text> : null}
          <Text className='hospital-picker__link hospital-picker__close' onClick={close}>
            收起
          </Text>
        </View>
      )}
    </View>
  )
}
