import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { TicketView } from '@shared/schemas/tickets.schema'
import { PagePrompt } from '../../../components/PageState'
import { ticketDetailUrl } from '../../../routes'

/** Shown briefly after submitting, before the page redirects to the ticket: the number to quote, and a way there now. */
export default function ReportSuccess({ ticket }: { ticket: TicketView }) {
  return (
    <View className='report page-narrow'>
      <Text className='report__success-number'>
        工单号 <Text data-testid='report-success-number'>{ticket.number}</Text>
      </Text>
      <PagePrompt
        testId='report-success'
        title='报修已提交'
        message='工程师受理后会与联系人联系，您可在“工单”中查看进度。正在打开工单…'
        action={{ text: '查看工单', onClick: () => void Taro.redirectTo({ url: ticketDetailUrl(ticket.id) }) }}
      />
    </View>
  )
}
