import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import type { HospitalItem } from '@shared/schemas/directory.schema'
import { searchHospitals } from '../../../services/directory'
import { messageOf } from '../../../services/errors.zh'
import { formatDistance } from '../../../utils/format'
import { onConsentAccepted } from '../../../reconsent'

export interface ChosenHospital {
  id: string
  name: string
  address?: string
}

type Results =
  | { kind: 'idle' }
  | { kind: 'loading'; nearby: boolean }
  | { kind: 'ready'; nearby: boolean; items: HospitalItem[] }
  | { kind: 'error'; message: string }

interface Props {
  value: ChosenHospital | null
  onChange: (hospital: ChosenHospital | null) => void
  /** Resolves true once the `location` purpose is granted. */
  ensureLocationConsent: () => Promise<boolean>
}

/** Search by name, or (after a separate location consent) list the nearest hospitals. */
export default function HospitalSearch({ value, onChange, ensureLocationConsent }: Props) {
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<Results>({ kind: 'idle' })
  const latest = useRef(0)
  const nearbyMode = useRef(false)
  // Bumped to search again: after a failure (重试) or once a new policy version is accepted.
  const [attempt, setAttempt] = useState(0)

  useEffect(() => onConsentAccepted(() => setAttempt((n) => n + 1)), [])

  // Debounced name search; only the newest answer may land.
  useEffect(() => {
    const q = query.trim()
    if (!q) {
      // An empty box shows the hint, unless the list on screen is the nearby one.
      if (!nearbyMode.current) {
        latest.current++ // a name search still in flight must not land in an empty box
        setResults({ kind: 'idle' })
      }
      return
    }
    nearbyMode.current = false
    const call = ++latest.current
    const timer = setTimeout(() => {
      setResults({ kind: 'loading', nearby: false })
      searchHospitals({ q })
        .then((items) => call === latest.current && setResults({ kind: 'ready', nearby: false, items }))
        .catch((err: unknown) => call === latest.current && setResults({ kind: 'error', message: messageOf(err) }))
    }, 300)
    return () => clearTimeout(timer)
  }, [query, attempt])

  const nearby = async () => {
    if (results.kind === 'loading') return
    const granted = await ensureLocationConsent()
    if (!granted) return
    const call = ++latest.current
    nearbyMode.current = true
    setQuery('')
    setResults({ kind: 'loading', nearby: true })
    let position: { latitude: number; longitude: number }
    try {
      // Used once for this query and dropped: neither side stores it.
      const loc = await Taro.getLocation({ type: 'wgs84' })
      position = { latitude: loc.latitude, longitude: loc.longitude }
    } catch {
      if (call === latest.current) {
        setResults({ kind: 'error', message: '无法获取您的位置。请在系统设置中允许定位，或直接输入医院名称搜索。' })
      }
      return
    }
    try {
      const items = await searchHospitals({ near: position, limit: 10 })
      if (call === latest.current) setResults({ kind: 'ready', nearby: true, items })
    } catch (err) {
      if (call === latest.current) setResults({ kind: 'error', message: messageOf(err) })
    }
  }

  const choose = (item: HospitalItem) => {
    latest.current++
    nearbyMode.current = false
    setResults({ kind: 'idle' })
    setQuery('')
    onChange({ id: item.id, name: item.name, address: `${item.city} ${item.address}` })
  }

  if (value) {
    return (
      <View className='hospital-chosen' data-testid='reg-hospital-chosen'>
        <View className='hospital-chosen__info'>
          <Text className='hospital-chosen__name'>{value.name}</Text>
          {value.address ? <Text className='hospital-chosen__address'>{value.address}</Text> : null}
        </View>
        <Text className='hospital-chosen__change' onClick={() => onChange(null)} data-testid='reg-hospital-change'>
          更换
        </Text>
      </View>
    )
  }

  return (
    <View className='hospital-search'>
      <View className='hospital-search__bar'>
        <View className='hospital-search__input' data-testid='reg-hospital-search'>
          <Input
            className='text-input'
            placeholder='输入医院名称搜索'
            confirmType='search'
            value={query}
            onInput={(e) => setQuery(e.detail.value)}
          />
        </View>
        <View className='hospital-search__nearby'>
          <Button size='small' fill='outline' type='primary' onClick={() => void nearby()} data-testid='reg-nearby'>
            附近的医院
          </Button>
        </View>
      </View>
      {results.kind === 'loading' ? (
        <View className='hospital-search__state'>
          <Skeleton rows={2} animated />
        </View>
      ) : null}
      {results.kind === 'error' ? (
        <View className='hospital-search__failed'>
          <Text className='hospital-search__message hospital-search__message--error' data-testid='reg-hospital-error'>
            {results.message}
          </Text>
          {query.trim() ? (
            <Text className='hospital-search__retry' onClick={() => setAttempt((n) => n + 1)}>
              重试
            </Text>
          ) : null}
        </View>
      ) : null}
      {results.kind === 'ready' && results.items.length === 0 ? (
        <Text className='hospital-search__message' data-testid='reg-hospital-empty'>
          {results.nearby ? '附近没有找到医院，请输入名称搜索' : '没有找到匹配的医院，请换个关键词；若仍找不到，请联系客服添加'}
        </Text>
      ) : null}
      {results.kind === 'ready' && results.items.length > 0 ? (
        <View className='hospital-search__list' data-testid='reg-hospital-results'>
          {results.nearby ? <Text className='hospital-search__caption'>按距离排序（位置仅用于本次查找，不会保存）</Text> : null}
          {results.items.map((item) => (
            <View key={item.id} className='hospital-option' onClick={() => choose(item)} data-testid='reg-hospital-option'>
              <View className='hospital-option__main'>
                <Text className='hospital-option__name'>{item.name}</Text>
                <Text className='hospital-option__address'>
                  {item.province === item.city ? item.city : `${item.province} ${item.city}`} · {item.address}
                </Text>
              </View>
              {item.distanceKm !== undefined ? <Text className='hospital-option__distance'>{formatDistance(item.distanceKm)}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
      {results.kind === 'idle' ? <Text className='hospital-search__message'>输入名称搜索，或点“附近的医院”按距离查找</Text> : null}
    </View>
  )
}
