import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { usePageReload } from '../../../hooks/usePageReload'
import { GIFT_BLOCK_LABELS } from '../../../labels/points.zh'
import { isApiError } from '../../../services/api-error'
import { getGift, giftBlock, giftImageSrc, maxQuantity, remainingForMe, type GiftView } from '../../../services/gifts'
import { getPointsSummary } from '../../../services/points'
import { previewImage } from '../../../services/preview'
import { ROUTES } from '../../../routes'
import GiftImage from '../components/GiftImage'
import QuantityStepper from '../components/QuantityStepper'
import { redeemUrl } from '../urls'
import '../components/parts.scss'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; gift: GiftView } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

function Images({ gift }: { gift: GiftView }) {
  const urls = gift.images.map((i) => giftImageSrc(i.url))
  if (gift.images.length <= 1) {
    const only = urls[0]
    return (
      <View onClick={() => only && previewImage(only)}>
        <GiftImage url={gift.images[0]?.url} alt={gift.name} className='gift-detail__hero' testId='gift-image' />
      </View>
    )
  }
  return (
    <Swiper className='gift-detail__hero' indicatorDots indicatorActiveColor='#1668dc' circular data-testid='gift-images'>
      {gift.images.map((image, i) => (
        <SwiperItem key={image.id} onClick={() => previewImage(urls[i] ?? '')}>
          <GiftImage url={image.url} alt={`${gift.name} ${i + 1}`} className='gift-detail__slide' />
        </SwiperItem>
      ))}
    </Swiper>
  )
}

function GiftDetail({ id }: { id: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [balance, setBalance] = useState<number | null>(null)
  const [quantity, setQuantity] = useState(1)
  const latest = useRef(0)

  const load = useCallback(
    async (quiet = false) => {
      const call = ++latest.current
      if (!quiet) setState({ kind: 'loading' })
      const points = getPointsSummary().then(
        (s) => s.balance,
        () => null,
      )
      try {
        const gift = await getGift(id)
        const known = await points
        if (call !== latest.current) return
        setState({ kind: 'ready', gift })
        // The balance only limits what can be tried; without it the server still refuses too little.
        setBalance((b) => known ?? b)
      } catch (error) {
        if (call !== latest.current) return
        const missing = isApiError(error) && (error.code === 'NOT_FOUND' || error.status === 400)
        if (quiet && !missing) void Taro.showToast({ title: '刷新失败，请稍后重试', icon: 'none' })
        else setState(missing ? { kind: 'not-found' } : { kind: 'error', error })
      }
    },
    [id],
  )

  usePageReload(load)

  // Keep the chosen quantity inside what is possible now (stock or balance may have moved).
  const gift = state.kind === 'ready' ? state.gift : null
  const max = gift ? maxQuantity(gift, balance) : 1
  useEffect(() => {
    if (quantity > max) setQuantity(max)
  }, [max])

  if (state.kind === 'loading') return <PageLoading rows={8} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={() => void load()} />
  if (state.kind === 'not-found' || !gift) {
    return (
      <PagePrompt
        testId='gift-not-found'
        title='礼品不存在或已下架'
        action={{ text: '返回礼品列表', onClick: () => void Taro.redirectTo({ url: ROUTES.gifts }) }}
      />
    )
  }

  const block = giftBlock(gift, balance)
  const left = remainingForMe(gift)
  const total = gift.pointsPrice * quantity
  const short = balance !== null && total > balance
  return (
    <View className='gift-detail__content'>
      <Images gift={gift} />
      <View className='pts-card'>
        <Text className='gift-detail__name' data-testid='gift-name'>
          {gift.name}
        </Text>
        <Text className='pts-price gift-detail__price' data-testid='gift-price'>
          {gift.pointsPrice}
          <Text className='pts-price__unit'>积分 / 件</Text>
        </Text>
        {gift.description ? <Text className='gift-detail__desc'>{gift.description}</Text> : null}
      </View>
      <View className='pts-card'>
        <View className='pts-row'>
          <Text className='pts-row__label'>所需积分</Text>
          <Text className='pts-row__value'>{gift.pointsPrice} 积分</Text>
        </View>
        <View className='pts-row'>
          <Text className='pts-row__label'>参考价值</Text>
          <Text className='pts-row__value' data-testid='gift-value'>
            ¥{gift.valueYuan}
          </Text>
        </View>
        <View className='pts-row'>
          <Text className='pts-row__label'>库存</Text>
          <Text className={`pts-row__value${gift.stock <= 0 ? ' gift-detail__warn' : ''}`} data-testid='gift-stock'>
            {gift.stock > 0 ? `剩余 ${gift.stock} 件` : '已兑完'}
          </Text>
        </View>
        <View className='pts-row'>
          <Text className='pts-row__label'>兑换限制</Text>
          <Text className='pts-row__value' data-testid='gift-limit'>
            每人限兑 {gift.perPersonLimit} 件（已兑 {gift.redeemedByMe}）
          </Text>
        </View>
        {balance !== null ? (
          <View className='pts-row'>
            <Text className='pts-row__label'>我的积分</Text>
            <Text className='pts-row__value' data-testid='gift-balance'>
              {balance}
            </Text>
          </View>
        ) : null}
        <View className='pts-row gift-detail__qty-row'>
          <Text className='pts-row__label'>兑换数量</Text>
          <QuantityStepper value={quantity} max={max} disabled={block !== null} onChange={setQuantity} testIdPrefix='gift-qty' />
        </View>
        <Text className='pts-muted'>礼品参考价值计入本年度礼品价值上限；发货前可取消兑换，积分全额退回。</Text>
      </View>

      <View className='pts-bar'>
        <View className='pts-bar__info'>
          <Text className='pts-bar__main'>
            合计 <Text className='pts-price'>{total}</Text> 积分
          </Text>
          {block ? (
            <Text className='pts-bar__warn' data-testid='gift-block' data-block={block}>
              {GIFT_BLOCK_LABELS[block]}
              {block === 'points' && balance !== null ? `，还差 ${gift.pointsPrice - balance} 积分` : ''}
              {block === 'limit' ? `（每人限兑 ${gift.perPersonLimit} 件）` : ''}
            </Text>
          ) : short ? (
            <Text className='pts-bar__warn'>积分不足，请减少数量</Text>
          ) : (
            <Text className='pts-bar__sub'>还可兑 {Math.min(left, gift.stock)} 件</Text>
          )}
        </View>
        <View className='pts-bar__btn'>
          <Button
            block
            type='primary'
            disabled={block !== null || short}
            onClick={() => void Taro.navigateTo({ url: redeemUrl(gift.id, quantity) })}
            data-testid='gift-redeem'
          >
            {block ? GIFT_BLOCK_LABELS[block] : '立即兑换'}
          </Button>
        </View>
      </View>
    </View>
  )
}

/** One gift: pictures, description, price, value, stock, my limit, a quantity, and 立即兑换. */
export default function GiftPage() {
  const { params } = useRouter()
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : ''
  return (
    <SessionGate className='pts-page gift-detail page-narrow' permission='gifts.redeem' denied={{ title: '暂不能兑换礼品' }} rows={8}>
      {() => (
        <View className='pts-page pts-page--with-bar gift-detail page-narrow' data-testid='gift-page'>
          {id ? <GiftDetail id={id} /> : <PagePrompt testId='gift-not-found' title='礼品不存在或已下架' />}
        </View>
      )}
    </SessionGate>
  )
}
