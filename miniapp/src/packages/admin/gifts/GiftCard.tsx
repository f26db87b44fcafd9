import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AdminGiftView } from '../../../services/admin-gifts'
import { GiftCover, ShelfInfo, StockCount } from './GiftParts'

interface Props {
  gift: AdminGiftView
  busy: boolean
  locked: boolean
  onEdit: () => void
  onToggle: () => void
}

/** A gift on a phone-width screen. */
export default function GiftCard({ gift, busy, locked, onEdit, onToggle }: Props) {
  return (
    <View className='admin-gift-card' data-testid='admin-gift-row' data-id={gift.id} data-active={gift.active ? 'true' : 'false'}>
      <View className='admin-gift-card__body' onClick={onEdit}>
        <GiftCover gift={gift} size='large' />
        <View className='admin-gift-card__info'>
          <Text className='admin-gifts__name' data-testid='admin-gift-name'>
            {gift.name}
          </Text>
          <Text className='admin-gift-card__line'>
            {gift.pointsPrice} 积分 · 价值 ¥{gift.valueYuan} · 每人限兑 {gift.perPersonLimit}
          </Text>
          <View className='admin-gift-card__line'>
            <Text>库存 </Text>
            <StockCount stock={gift.stock} />
            <Text> · 已兑 {gift.redeemedCount}</Text>
          </View>
          <ShelfInfo gift={gift} />
        </View>
      </View>
      <View className='admin-gifts__actions admin-gift-card__actions'>
        <Button size='small' fill='outline' onClick={onEdit} data-testid='admin-gift-edit'>
          编辑
        </Button>
        <Button size='small' fill='outline' type={gift.active ? 'danger' : 'primary'} loading={busy} disabled={locked} onClick={onToggle} data-testid='admin-gift-toggle'>
          {gift.active ? '下架' : '上架'}
        </Button>
      </View>
    </View>
  )
}
