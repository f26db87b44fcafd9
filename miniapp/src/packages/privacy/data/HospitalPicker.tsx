import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { HospitalItem } from '@shared/schemas/directory.schema'
import { searchHospitals } from '../../../services/directory'
import { messageOf } from '../../../services/errors.zh'

type Results = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; items: HospitalItem[] } | { kind: 'error'; message: string }

interface Props {
  onPick: (hospital: { id: string; name: string }) => void
}

/** Find the new hospital by name (no location here: correcting a profile needs no whereabouts). */
export default function HospitalPicker({ onPick }: Props) {
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<Results>({ kind: 'idle' })
  const latest = useRef(0)

  // Debounced; only the newest answer may land.
  useEffect(() => {
    const q = query.trim()
    const call = ++latest.current
    if (!q) {
      setResults({ kind: 'idle' })
      return undefined
    }
    const timer = setTimeout(() => {
      setResults({ kind: 'loading' })
      searchHospitals({ q })
        .then((items) => call === latest.current && setResults({ kind: 'ready', items }))
        .catch((err: unknown) => call === latest.current && setResults({ kind: 'error', message: messageOf(err) }))
    }, 300)
    return () => clearTimeout(timer)
  }, [query])

  return (
    <View className='hospital-picker'>
      <View data-testid='profile-hospital-search' className='hospital-picker__box'>
        <Input className='text-input' placeholder='输入医院名称搜索' value={query} onInput={(e) => setQuery(e.detail.value)} />
      </View>
      {results.kind === 'loading' ? <Skeleton rows={2} animated /> : null}
      {results.kind === 'error' ? <Text className='pv-error'>{results.message}</Text> : null}
      {results.kind === 'ready' && results.items.length === 0 ? <Text className='pv-muted'>没有找到，请换个关键词；仍找不到请提交更正申请</Text> : null}
      {results.kind === 'ready'
        ? results.items.map((h) => (
            <View key={h.id} className='hospital-picker__item' onClick={() => onPick({ id: h.id, name: h.name })} data-testid='profile-hospital-option' data-id={h.id}>
              <Text className='hospital-picker__name'>{h.name}</Text>
              <Text className='pv-muted'>
                {h.province}
                {h.city === h.province ? '' : h.city} {h.address}
              </Text>
            </View>
          ))
        : null}
    </View>
  )
}
