import { Image, Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { giftImageSrc, type AdminGiftView } from '../../../services/admin-gifts'
import { SHELF_LABELS, SHELF_TAG, shelfState, stockLevel, windowText } from './gift-view'

/** The first image, or a grey tile. */
export function GiftCover({ gift, size = 'small' }: { gift: AdminGiftView; size?: 'small' | 'large' }) {
  const cover = gift.images[0]
  return cover ? (
    <Image className={`gift-cover gift-cover--${size}`} src={giftImageSrc(cover.url)} mode='aspectFill' ariaLabel={`${gift.name} 封面`} />
  ) : (
    <View className={`gift-cover gift-cover--${size} gift-cover--none`}>
      <Text>无图</Text>
    </View>
  )
}

/** 库存: red at 0, orange below 5. */
export function StockCount({ stock }: { stock: number }) {
  const level = stockLevel(stock)
  return (
    <Text className={`gift-stock gift-stock--${level}`} data-testid='admin-gift-stock' data-level={level}>
      {stock}
      {level === 'out' ? '（缺货）' : level === 'low' ? '（库存紧张）' : ''}
    </Text>
  )
}

/** 上架状态 and the active window. */
export function ShelfInfo({ gift }: { gift: AdminGiftView }) {
  const state = shelfState(gift)
  return (
    <View className='gift-shelf' data-testid='admin-gift-shelf' data-state={state}>
      <View className='gift-shelf__tag'>
        <Tag type={SHELF_TAG[state]}>{SHELF_LABELS[state]}</Tag>
      </View>
      <Text className='gift-shelf__window'>{windowText(gift)}</Text>
    </View>
  )
}
