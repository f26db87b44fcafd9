import { Text, View } from '@tarojs/components'
import type { DealerTicketView } from '@shared/schemas/tickets.schema'
import { OPEN_STATUSES } from '@shared/tickets'
import { DELEGATION_PURPOSE_LABELS } from '../../../labels/ticket.zh'
import CommentsSection from './CommentsSection'
import ContactSection from './ContactSection'
import type { DetailExtras } from './detail-extras'
import { Section } from './DetailSection'
import { FaultSections, TicketHead } from './TicketSummary'
import TicketTimeline from './TicketTimeline'

/** A dealer's view: what the delegation needs (privacy.md, minimum necessary), the notes, the progress. */
export default function DealerDetail({ ticket, extras }: { ticket: DealerTicketView; extras: DetailExtras }) {
  const { me } = extras
  return (
    <View className='ticket-detail__body' data-testid='ticket-detail' data-ticket-id={ticket.id}>
      <TicketHead ticket={ticket} />
      <View className='ticket-detail__notice' data-testid='ticket-detail-purpose'>
        <Text className='ticket-detail__notice-title'>委托事项：{DELEGATION_PURPOSE_LABELS[ticket.delegationPurpose]}</Text>
        <Text>您仅能查看完成委托所需的信息；每次查看都会按规定记录。</Text>
      </View>
      <FaultSections ticket={ticket} />
      {/* A dealer's view carries no masking flag: a masked number shows its asterisks. */}
      <ContactSection name={ticket.contactName} phone={ticket.contactPhone} masked={ticket.contactPhone.includes('*')} showMaskNote={false} />
      <CommentsSection
        userId={me.id}
        ticketId={ticket.id}
        canWrite={me.permissions.includes('tickets.comment') && OPEN_STATUSES.includes(ticket.status)}
        reloadKey={extras.reloadKey}
      />
      <Section title='处理进度'>
        <TicketTimeline state={extras.timeline} onRetry={extras.onReloadTimeline} />
      </Section>
    </View>
  )
}
