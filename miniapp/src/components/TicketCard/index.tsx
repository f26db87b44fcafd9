import { Text, View } from '@tarojs/components'
import type { TicketStatus } from '@shared/tickets'
import { DELEGATION_PURPOSE_LABELS, TICKET_STATUS_LABELS, TICKET_STATUS_TAG } from '../../labels/ticket.zh'
import { isDealerView, type AnyTicketView } from '../../services/tickets'
import { formatShanghai } from '../../utils/format'
import StatusTag from '../StatusTag'
import './index.scss'

/** A ticket's status as a coloured tag (`data-testid='ticket-status'`). */
export function TicketStatusTag({ status }: { status: TicketStatus }) {
  return <StatusTag status={status} label={TICKET_STATUS_LABELS[status]} type={TICKET_STATUS_TAG[status]} className='ticket-status' testId='ticket-status' />
}

/** `QV-G290 电子胃镜 · SN 2K61234`, or what is missing. */
export function equipmentLine(equipment: { model: string | null; serial: string | null }): string {
  const parts = [equipment.model ?? '型号未填写', equipment.serial ? `序列号 ${equipment.serial}` : '序列号未填写']
  return parts.join(' · ')
}

interface Props {
  ticket: AnyTicketView
  /** Mark the user's own tickets (in a list that also holds colleagues'). */
  markMine?: boolean
  onOpen: () => void
}

/** One ticket in a list: number, status, where, which scope, what is wrong, whom to call, when. */
export default function TicketCard({ ticket, markMine, onOpen }: Props) {
  const dealer = isDealerView(ticket)
  return (
    <View className='ticket-card' onClick={onOpen} data-testid='ticket-card' data-ticket-id={ticket.id} data-number={ticket.number}>
      <View className='ticket-card__head'>
        <Text className='ticket-card__number' data-testid='ticket-number'>
          {ticket.number}
        </Text>
        {!dealer && markMine && ticket.isMine ? <Text className='ticket-card__mine'>本人报修</Text> : null}
        <View className='ticket-card__grow' />
        <TicketStatusTag status={ticket.status} />
      </View>
      <Text className='ticket-card__org' data-testid='ticket-org'>
        {ticket.hospital.name} · {ticket.department.name}
      </Text>
      <Text className='ticket-card__equipment'>{equipmentLine(ticket.equipment)}</Text>
      <View className='ticket-card__desc'>
        <Text>{ticket.description}</Text>
      </View>
      {dealer ? (
        <Text className='ticket-card__purpose' data-testid='ticket-purpose'>
          委托事项：{DELEGATION_PURPOSE_LABELS[ticket.delegationPurpose]}
        </Text>
      ) : null}
      <View className='ticket-card__foot'>
        <Text className='ticket-card__contact' data-testid='ticket-contact'>
          联系人 {ticket.contactName} {ticket.contactPhone}
        </Text>
        <Text className='ticket-card__time'>{formatShanghai(ticket.createdAt)}</Text>
      </View>
    </View>
  )
}
