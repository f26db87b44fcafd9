import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { GiftCover, ShelfInfo, StockCount } from './GiftParts'
import type { GiftRowsProps } from './GiftTable'

/** The desktop console's gift table (≥ 1024 px). */
export default function GiftTable({ items, busyId, onEdit, onToggle }: GiftRowsProps) {
  return (
    <View className='admin-table-wrap'>
      <table className='admin-table admin-gifts-table' data-testid='admin-gifts-table'>
        <thead>
          <tr>
            <th>封面</th>
            <th>名称</th>
            <th className='admin-table__num'>积分</th>
            <th className='admin-table__num'>价值 ¥</th>
            <th className='admin-table__num'>库存</th>
            <th className='admin-table__num'>已兑</th>
            <th className='admin-table__num'>每人限兑</th>
            <th>上架状态</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {items.map((gift) => (
            <tr key={gift.id} data-testid='admin-gift-row' data-id={gift.id} data-active={gift.active ? 'true' : 'false'}>
              <td className='admin-gifts-table__cover'>
                <GiftCover gift={gift} />
              </td>
              <td className='admin-gifts-table__name'>
                <Text className='admin-gifts__name' onClick={() => onEdit(gift)} data-testid='admin-gift-name'>
                  {gift.name}
                </Text>
                {gift.description ? <Text className='admin-gifts__desc'>{gift.description}</Text> : null}
              </td>
              <td className='admin-table__num'>{gift.pointsPrice}</td>
              <td className='admin-table__num'>{gift.valueYuan}</td>
              <td className='admin-table__num'>
                <StockCount stock={gift.stock} />
              </td>
              <td className='admin-table__num'>{gift.redeemedCount}</td>
              <td className='admin-table__num'>{gift.perPersonLimit}</td>
              <td className='admin-gifts-table__shelf'>
                <ShelfInfo gift={gift} />
              </td>
              <td className='admin-gifts-table__actions'>
                <View className='admin-gifts__actions'>
                  <Button size='small' fill='outline' onClick={() => onEdit(gift)} data-testid='admin-gift-edit'>
                    编辑
                  </Button>
                  <Button
                    size='small'
                    fill='outline'
                    type={gift.active ? 'danger' : 'primary'}
                    loading={busyId === gift.id}
                    disabled={busyId !== null}
                    onClick={() => onToggle(gift)}
                    data-testid='admin-gift-toggle'
                  >
                    {gift.active ? '下架' : '上架'}
                  </Button>
                </View>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  )
}
