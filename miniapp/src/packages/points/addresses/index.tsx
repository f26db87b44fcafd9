import { useCallback, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { MAX_ADDRESSES } from '@shared/schemas/addresses.schema'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { usePageReload } from '../../../hooks/usePageReload'
import { deleteAddress, listAddresses, maskPhone, setDefaultAddress, sortAddresses, type AddressView } from '../../../services/addresses'
import { messageOf } from '../../../services/errors.zh'
import { pickAddress } from '../address-pick'
import AddressSummary from '../components/AddressSummary'
import { addressEditUrl } from '../urls'
import '../components/parts.scss'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; items: AddressView[] } | { kind: 'error'; error: unknown }

function AddressList({ pick, selectedId }: { pick: boolean; selectedId: string | null }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [busyId, setBusyId] = useState<string | null>(null)
  const latest = useRef(0)

  const load = useCallback(async (quiet = false) => {
    const call = ++latest.current
    if (!quiet) setState({ kind: 'loading' })
    try {
      const items = await listAddresses()
      if (call === latest.current) setState({ kind: 'ready', items: sortAddresses(items) })
    } catch (error) {
      if (call !== latest.current) return
      if (quiet) void Taro.showToast({ title: messageOf(error), icon: 'none' })
      setState((s) => (quiet && s.kind === 'ready' ? s : { kind: 'error', error }))
    }
  }, [])

  // Back from the form: an address was added or changed.
  usePageReload(load)

  const choose = (a: AddressView) => {
    if (!pick) return
    pickAddress(a)
    void Taro.navigateBack()
  }

  const makeDefault = async (a: AddressView) => {
    if (busyId) return
    setBusyId(a.id)
    try {
      await setDefaultAddress(a.id)
      setState((s) => (s.kind === 'ready' ? { kind: 'ready', items: sortAddresses(s.items.map((x) => ({ ...x, isDefault: x.id === a.id }))) } : s))
      void Taro.showToast({ title: '已设为默认地址', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setBusyId(null)
    }
  }

  const remove = async (a: AddressView) => {
    if (busyId) return
    const res = await Taro.showModal({
      title: '删除地址',
      content: `确定删除「${a.recipientName}」的收货地址吗？已提交的兑换订单不受影响。`,
      confirmText: '删除',
      confirmColor: '#f53f3f',
    })
    if (!res.confirm) return
    setBusyId(a.id)
    try {
      await deleteAddress(a.id)
      void Taro.showToast({ title: '已删除', icon: 'success' })
      // The server may have made another address the default: read the list again.
      await load(true)
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setBusyId(null)
    }
  }

  const add = () => void Taro.navigateTo({ url: addressEditUrl({ pickBack: pick ? 2 : undefined }) })

  if (state.kind === 'loading') return <PageLoading rows={6} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={() => void load()} />

  const full = state.items.length >= MAX_ADDRESSES
  return (
    <>
      {pick ? <Text className='pts-muted addresses__hint'>点击地址即选用</Text> : null}
      {state.items.length === 0 ? (
        <PageEmpty title='还没有收货地址' description='添加后，兑换礼品时可直接选用' />
      ) : (
        <View className='addresses__list' data-testid='addresses-list'>
          {state.items.map((a) => {
            const selected = pick && a.id === selectedId
            return (
              <View
                key={a.id}
                className={`pts-card address-card${pick ? ' address-card--pick' : ''}${selected ? ' address-card--selected' : ''}`}
                data-testid='address-card'
                data-address-id={a.id}
                data-default={a.isDefault ? 'true' : 'false'}
              >
                <View className='address-card__main' onClick={() => choose(a)} data-testid='address-choose'>
                  {pick ? <View className={`address-card__radio${selected ? ' address-card__radio--on' : ''}`} /> : null}
                  <AddressSummary address={a} isDefault={a.isDefault} phone={maskPhone(a.phone)} />
                </View>
                <View className='address-card__actions'>
                  {a.isDefault ? (
                    <Text className='address-card__default'>默认地址</Text>
                  ) : (
                    <Text className='address-card__action' onClick={() => void makeDefault(a)} data-testid='address-set-default'>
                      设为默认
                    </Text>
                  )}
                  <View className='address-card__grow' />
                  <Text className='address-card__action' onClick={() => void Taro.navigateTo({ url: addressEditUrl({ id: a.id }) })} data-testid='address-edit'>
                    编辑
                  </Text>
                  <Text className='address-card__action address-card__action--danger' onClick={() => void remove(a)} data-testid='address-delete'>
                    删除
                  </Text>
                </View>
              </View>
            )
          })}
        </View>
      )}
      <View className='pts-bar'>
        <View className='pts-bar__info'>
          <Text className='pts-bar__sub'>{full ? `最多保存 ${MAX_ADDRESSES} 个地址，请先删除不用的地址` : `已保存 ${state.items.length} / ${MAX_ADDRESSES} 个`}</Text>
        </View>
        <View className='pts-bar__btn'>
          <Button block type='primary' disabled={full} onClick={add} data-testid='address-add'>
            新增收货地址
          </Button>
        </View>
      </View>
    </>
  )
}

/** 收货地址: the saved addresses (default first); with `?pick=1` the redeem page gets the tapped one back. */
export default function AddressesPage() {
  const { params } = useRouter()
  const pick = params.pick === '1'
  const selectedId = typeof params.selected === 'string' ? decodeURIComponent(params.selected) : null
  return (
    <SessionGate className='pts-page addresses page-narrow' permission='gifts.redeem' denied={{ title: '暂不能管理收货地址' }}>
      {() => (
        <View className='pts-page pts-page--with-bar addresses page-narrow' data-testid='addresses-page' data-mode={pick ? 'pick' : 'manage'}>
          <AddressList pick={pick} selectedId={selectedId} />
        </View>
      )}
    </SessionGate>
  )
}
