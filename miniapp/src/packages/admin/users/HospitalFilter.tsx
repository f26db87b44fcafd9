import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { HospitalItem } from '@shared/schemas/directory.schema'
import { searchHospitals } from '../../../services/directory'
import { messageOf } from '../../../services/errors.zh'

export interface HospitalRef {
  id: string
  name: string
}

type Found = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: HospitalItem[] }

interface Props {
  value: HospitalRef | null
  onChange: (hospital: HospitalRef | null) => void
}

/** 医院: type part of a name, pick one of the hospitals found (GET /hospitals?q=); 清除 for all hospitals. */
export default function HospitalFilter({ value, onChange }: Props) {
  const [text, setText] = useState('')
  const [found, setFound] = useState<Found>({ kind: 'idle' })
  const call = useRef(0)

  useEffect(() => {
    const q = text.trim()
    const mine = ++call.current
    if (!q) {
      setFound({ kind: 'idle' })
      return undefined
    }
    const timer = setTimeout(() => {
      setFound({ kind: 'loading' })
      searchHospitals({ q, limit: 8 }).then(
        (items) => mine === call.current && setFound({ kind: 'ready', items }),
        (err: unknown) => mine === call.current && setFound({ kind: 'error', message: messageOf(err) }),
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [text])

  if (value) {
    return (
      <View className='hospital-filter' data-testid='admin-users-hospital' data-id={value.id}>
        <View className='hospital-filter__chosen'>
          <Text className='hospital-filter__name'>{value.name}</Text>
          <Text className='hospital-filter__clear' onClick={() => onChange(null)} data-testid='admin-users-hospital-clear'>
            清除
          </Text>
        </View>
      </View>
    )
  }

  return (
    <View className='hospital-filter' data-testid='admin-users-hospital'>
      <View className='hospital-filter__box'>
        <Input className='hospital-filter__input' placeholder='输入医院名称筛选（全部医院）' maxlength={50} value={text} onInput={(e) => setText(e.detail.value)} />
      </View>
      {found.kind === 'loading' ? <Text className='hospital-filter__hint'>正在查找…</Text> : null}
      {found.kind === 'error' ? <Text className='hospital-filter__error'>{found.message}</Text> : null}
      {found.kind === 'ready' && found.items.length === 0 ? <Text className='hospital-filter__hint'>没有找到名称含“{text.trim()}”的医院</Text> : null}
      {found.kind === 'ready' && found.items.length > 0 ? (
        <View className='hospital-filter__options'>
          {found.items.map((h) => (
            <View
              key={h.id}
              className='hospital-filter__option'
              data-testid='admin-users-hospital-option'
              data-id={h.id}
              onClick={() => {
                setText('')
                onChange({ id: h.id, name: h.name })
              }}
            >
              <Text className='hospital-filter__name'>{h.name}</Text>
              <Text className='hospital-filter__hint'>
                {h.province} {h.city}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
