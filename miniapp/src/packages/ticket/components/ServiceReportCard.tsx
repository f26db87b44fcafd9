import { Text, View } from '@tarojs/components'
import type { TicketDetail } from '@shared/schemas/tickets.schema'
import { formatShanghai } from '../../../utils/format'

type Report = NonNullable<TicketDetail['serviceReport']>

/** What the engineer found, did and replaced, filed when resolving. */
export default function ServiceReportCard({ report }: { report: Report }) {
  const row = (label: string, text: string, testId: string) => (
    <View className='ticket-detail__row'>
      <Text className='ticket-detail__label'>{label}</Text>
      <Text className='ticket-detail__value ticket-detail__value--text' data-testid={testId}>
        {text}
      </Text>
    </View>
  )
  return (
    <View className='ticket-detail__section' data-testid='ticket-service-report'>
      <Text className='ticket-detail__section-title'>维修报告</Text>
      {row('检查发现', report.found, 'ticket-report-found')}
      {row('处理措施', report.done, 'ticket-report-done')}
      {row('更换配件', report.parts || '无', 'ticket-report-parts')}
      {row('完成时间', formatShanghai(report.createdAt), 'ticket-report-time')}
    </View>
  )
}
