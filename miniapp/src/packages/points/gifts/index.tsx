import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import CursorListView from '../../../components/CursorListView'
import SessionGate from '../../../components/SessionGate'
import { useCursorLists } from '../../../hooks/useCursorLists'
import { GIFT_BLOCK_LABELS } from '../../../labels/points.zh'
import { giftBlock, listGifts, type GiftView } from '../../../services/gifts'
import { getPointsSummary } from '../../../services/points'
import { ROUTES } from '../../../routes'
import GiftImage from '../components/GiftImage'
import { giftUrl } from '../urls'
import '../components/parts.scss'
import './index.scss'

const KEY = 'catalog'
const PAGE_SIZE = 20

const fetchGifts = (_key: string, cursor?: string) => listGifts({ cursor, limit: PAGE_SIZE })

type Balance = { kind: 'loading' } | { kind: 'ready'; balance: number } | { kind: 'error' }

function GiftCard({ gift, balance }: { gift: GiftView; balance: number | null }) {
  const block = giftBlock(gift, balance)
  const soldOut = gift.stock <= 0
  // 已兑完 / 暂不可兑换 dim the card; 积分不足 and the limit only mark it (it can still be looked at and saved up for).
  const dimmed = block === 'sold_out' || block === 'unavailable'
  return (
    <View
      className={`gift-card${dimmed ? ' gift-card--dimmed' : ''}`}
      onClick={() => void Taro.navigateTo({ url: giftUrl(gift.id) })}
      data-testid='gift-card'
      data-gift-id={gift.id}
      data-available={gift.available ? 'true' : 'false'}
    >
      <View className='gift-card__cover'>
        <GiftImage url={gift.images[0]?.url} alt={gift.name} className='gift-card__img' />
        {block ? (
          <Text className={`gift-card__badge gift-card__badge--${block}`} data-testid='gift-card-block'>
            {GIFT_BLOCK_LABELS[block]}
          </Text>
        ) : null}
      </View>
      <View className='gift-card__body'>
        <Text className='gift-card__name' data-testid='gift-card-name'>
          {gift.name}
        </Text>
        <View className='gift-card__foot'>
          <Text className='pts-price' data-testid='gift-card-price'>
            {gift.pointsPrice}
            <Text className='pts-price__unit'>积分</Text>
          </Text>
          <Text className={`gift-card__stock${soldOut ? ' gift-card__stock--out' : ''}`} data-testid='gift-card-stock'>
            {soldOut ? '已兑完' : `剩余 ${gift.stock}`}
          </Text>
        </View>
      </View>
    </View>
  )
}

function Catalog() {
  const lists = useCursorLists<GiftView>(fetchGifts, (g) => g.id)
  const list = lists.get(KEY)
  const [balance, setBalance] = useState<Balance>({ kind: 'loading' })
  const firstShow = useRef(true)

  const loadBalance = useCallback(async () => {
    try {
      const summary = await getPointsSummary()
      setBalance({ kind: 'ready', balance: summary.balance })
    } catch {
      setBalance((b) => (b.kind === 'ready' ? b : { kind: 'error' }))
    }
  }, [])

  useEffect(() => {
    void loadBalance()
    void lists.load(KEY)
  }, [])

  // Back from a redemption: the balance, the stock and 已兑 moved.
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else {
      void loadBalance()
      void lists.load(KEY, { quiet: true })
    }
  })
  usePullDownRefresh(() => {
    void Promise.all([loadBalance(), lists.load(KEY, { quiet: true })]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(KEY))

  const known = balance.kind === 'ready' ? balance.balance : null
  return (
    <View className='pts-page gifts page-narrow' data-testid='gifts-page'>
      <View className='gifts__balance' data-testid='gifts-balance'>
        <View className='gifts__balance-main'>
          <Text className='pts-muted'>我的积分</Text>
          {balance.kind === 'ready' ? (
            <Text className='gifts__balance-value' data-testid='gifts-balance-value'>
              {balance.balance}
            </Text>
          ) : balance.kind === 'loading' ? (
            <Text className='gifts__balance-value gifts__balance-value--muted'>…</Text>
          ) : (
            <Text className='gifts__balance-retry' onClick={() => void loadBalance()} data-testid='gifts-balance-retry'>
              加载失败，点击重试
            </Text>
          )}
        </View>
        <View className='gifts__links'>
          <Text className='pts-card__link' onClick={() => void Taro.navigateTo({ url: ROUTES.points })} data-testid='gifts-go-points'>
            积分明细
          </Text>
          <Text className='pts-card__link' onClick={() => void Taro.navigateTo({ url: ROUTES.orders })} data-testid='gifts-go-orders'>
            我的兑换
          </Text>
        </View>
      </View>
      <CursorListView
        list={list}
        onRetry={() => void lists.load(KEY)}
        onMore={() => void lists.loadMore(KEY)}
        empty={{ title: '暂无可兑换的礼品', description: '新礼品上架后会显示在这里' }}
        className='gifts__grid'
        testId='gifts-list'
        moreTestId='gifts-more'
        renderItem={(g) => <GiftCard key={g.id} gift={g} balance={known} />}
      />
    </View>
  )
}

/** 礼品兑换: my balance on top, then the catalog (cover, name, points, stock); tap for the detail. */
export default function GiftsPage() {
  return (
    <SessionGate className='pts-page gifts page-narrow' permission='gifts.redeem' denied={{ title: '暂不能兑换礼品', description: '注册审核通过的医院员工可以用积分兑换礼品' }}>
      {() => <Catalog />}
    </SessionGate>
  )
}
