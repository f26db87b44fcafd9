import { Text, View } from '@tarojs/components'
import { TicketStatusTag } from '../../../components/TicketCard'
import type { AnyTicketDetail } from '../../../services/tickets'
import { Row, Section } from './DetailSection'

/** Number, status and where: the top of every ticket. */
export function TicketHead({ ticket }: { ticket: AnyTicketDetail }) {
  return (
    <View className='ticket-detail__head'>
      <View className='ticket-detail__head-row'>
        <Text className='ticket-detail__number' data-testid='ticket-detail-number'>
          {ticket.number}
        </Text>
        <TicketStatusTag status={ticket.status} />
      </View>
      <Text className='ticket-detail__org' data-testid='ticket-detail-org'>
        {ticket.hospital.name} · {ticket.department.name}
      </Text>
    </View>
  )
}

/** Equipment and the fault: every viewer sees these. */
export function FaultSections({ ticket }: { ticket: AnyTicketDetail }) {
  return (
    <>
      <Section title='设备'>
        <Row label='型号' testId='ticket-detail-model'>
          <Text>{ticket.equipment.model ?? '未填写'}</Text>
        </Row>
        <Row label='序列号' testId='ticket-detail-serial'>
          <Text>{ticket.equipment.serial ?? '未填写'}</Text>
        </Row>
      </Section>
      <Section title='故障描述'>
        <Text className='ticket-detail__text' data-testid='ticket-detail-description'>
          {ticket.description}
        </Text>
      </Section>
    </>
  )
}
