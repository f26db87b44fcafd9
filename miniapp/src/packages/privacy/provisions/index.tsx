import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { usePageReload } from '../../../hooks/usePageReload'
import { provisionFieldLabel, provisionPurposeLabel } from '../../../labels/privacy.zh'
import { messageOf } from '../../../services/errors.zh'
import { listMyProvisions, type ProvisionView } from '../../../services/privacy'
import { formatShanghai } from '../../../utils/format'
import { ROUTES } from '../../../routes'
import '../components/parts.scss'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'ready'; items: ProvisionView[] } | { kind: 'error'; error: unknown }

function ProvisionCard({ p }: { p: ProvisionView }) {
  return (
    <View className='pv-card provision' data-testid='provision-item' data-ticket={p.ticketNumber}>
      <View className='pv-card__head'>
        <Text className='pv-card__title' data-testid='provision-dealer'>
          {p.dealer}
        </Text>
        <Text className='pv-muted'>{formatShanghai(p.at)}</Text>
      </View>
      <View className='pv-row'>
        <Text className='pv-row__label'>工单</Text>
        <Text className='pv-row__value'>{p.ticketNumber}</Text>
      </View>
      <View className='pv-row'>
        <Text className='pv-row__label'>用途</Text>
        <Text className='pv-row__value' data-testid='provision-purpose'>
          {provisionPurposeLabel(p.purpose)}
        </Text>
      </View>
      <View className='provision__fields'>
        <Text className='pv-row__label'>提供的信息</Text>
        <View className='provision__chips' data-testid='provision-fields'>
          {p.fields.map((f) => (
            <Text key={f} className='provision__chip'>
              {provisionFieldLabel(f)}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}

function Provisions() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetch = useCallback(async (quiet = false) => {
    if (!quiet) setLoad({ kind: 'loading' })
    try {
      setLoad({ kind: 'ready', items: await listMyProvisions() })
    } catch (error) {
      if (quiet) void Taro.showToast({ title: messageOf(error), icon: 'none' })
      else setLoad({ kind: 'error', error })
    }
  }, [])
  usePageReload(fetch)

  return (
    <View className='pv-page provisions page-narrow' data-testid='provisions-page'>
      <View className='pv-notice pv-notice--info'>
        <Text>
          只有在您同意“向受托经销商提供工单信息”后，需要上门检查或取送设备时，我们才会把完成该工单所必需的信息提供给与我们签有委托合同的经销商。每一次提供都记录在这里。
        </Text>
        <Text className='pv-card__link' onClick={() => void Taro.navigateTo({ url: ROUTES.privacyConsents })} data-testid='provisions-go-consents'>
          管理这项授权 ›
        </Text>
      </View>
      {load.kind === 'loading' ? <PageLoading rows={6} /> : null}
      {load.kind === 'error' ? <PageError error={load.error} onRetry={() => void fetch()} /> : null}
      {load.kind === 'ready' && load.items.length === 0 ? (
        <PageEmpty title='没有提供记录' description='您的个人信息还没有提供给任何第三方。' />
      ) : null}
      {load.kind === 'ready' && load.items.length > 0 ? (
        <View className='provisions__list' data-testid='provisions-list'>
          {load.items.map((p, i) => (
            <ProvisionCard key={`${p.ticketNumber}-${p.at}-${i}`} p={p} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** 第三方提供记录 (GET /me/provisions): which dealer received which fields of which ticket, when and why. */
export default function ProvisionsPage() {
  return <SessionGate className='pv-page provisions page-narrow'>{() => <Provisions />}</SessionGate>
}
