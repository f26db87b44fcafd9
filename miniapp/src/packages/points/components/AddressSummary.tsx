import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { addressLine, type AddressSnapshot } from '../../../services/addresses'

interface Props {
  address: AddressSnapshot
  isDefault?: boolean
  /** Lists mask the phone; the form, the confirm page and the order show it whole. */
  phone?: string
}

/** 收件人 · 手机号, then the region and street on one line. */
export default function AddressSummary({ address, isDefault, phone }: Props) {
  return (
    <View className='address-summary'>
      <View className='address-summary__head'>
        <Text className='address-summary__name' data-testid='address-name'>
          {address.recipientName}
        </Text>
        <Text className='address-summary__phone'>{phone ?? address.phone}</Text>
        {isDefault ? (
          <View data-testid='address-default-tag'>
            <Tag background='#e8f3ff' color='#1668dc'>
              默认
            </Tag>
          </View>
        ) : null}
      </View>
      <Text className='address-summary__line' data-testid='address-line'>
        {addressLine(address)}
      </Text>
    </View>
  )
}
