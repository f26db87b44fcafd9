import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TicketView } from '@shared/schemas/tickets.schema'
import { ticketDetailUrl } from '../../../routes'
import SubscribePrompt from './SubscribePrompt'

/**
 * After submitting: the number to quote, the offer to subscribe to progress
 * (asked from a tap, so the page waits here), and the way to the ticket.
 */
export default function ReportSuccess({ ticket }: { ticket: TicketView }) {
  return (
    <View className='report page-narrow'>
      <View className='report__success' data-testid='report-success'>
        <Text className='report__success-icon'>✓</Text>
        <Text className='report__success-title'>报修已提交</Text>
        <Text className='report__success-number'>
          工单号 <Text data-testid='report-success-number'>{ticket.number}</Text>
        </Text>
        <Text className='report__success-text'>工程师受理后会与联系人联系，您可在「工单」中查看进度。</Text>
        <SubscribePrompt />
        <Button block fill='outline' onClick={() => void Taro.redirectTo({ url: ticketDetailUrl(ticket.id) })} data-testid='report-success-open'>
          查看工单
        </Button>
      </View>
    </View>
  )
}
