import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Row, Section } from './DetailSection'

interface Props {
  name: string
  phone: string
  /** Only the last four digits are shown: nothing to call. */
  masked: boolean
  /** The masking note is for staff; a dealer's view has no flag. */
  showMaskNote: boolean
}

/** The contact person; 拨打电话 when the number is shown in full. */
export default function ContactSection({ name, phone, masked, showMaskNote }: Props) {
  const call = () => {
    // Cancelling the system's call sheet rejects: nothing to tell the user.
    void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  }
  return (
    <Section title='联系人'>
      <Row label='姓名'>
        <Text>{name}</Text>
      </Row>
      <Row label='电话' testId='ticket-detail-phone'>
        <Text>{phone}</Text>
        {masked && showMaskNote ? <Text className='ticket-detail__muted'>（仅显示后四位）</Text> : null}
      </Row>
      {masked ? null : (
        <View className='ticket-detail__call'>
          <Button block type='primary' fill='outline' onClick={call} data-testid='ticket-call'>
            拨打电话
          </Button>
        </View>
      )}
    </Section>
  )
}
