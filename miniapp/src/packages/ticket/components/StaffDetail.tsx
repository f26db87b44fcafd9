import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import type { TicketDetail } from '@shared/schemas/tickets.schema'
import { OPEN_STATUSES } from '@shared/tickets'
import { canAnswerChats, canUseChat, chatAskUrl } from '../../../routes'
import { formatShanghai } from '../../../utils/format'
import AssignEngineer from './AssignEngineer'
import CommentsSection from './CommentsSection'
import ContactSection from './ContactSection'
import Delegations from './Delegations'
import type { DetailExtras } from './detail-extras'
import { Row, Section } from './DetailSection'
import RatingSection from './RatingSection'
import ReportMedia from './ReportMedia'
import ServiceReportCard from './ServiceReportCard'
import SlaPanel from './SlaPanel'
import TicketActions from './TicketActions'
import { FaultSections, TicketHead } from './TicketSummary'
import TicketTimeline from './TicketTimeline'

/** What this user may do besides the lifecycle buttons (the server enforces; this hides what it would refuse). */
export function abilities(me: Me, ticket: TicketDetail) {
  const open = OPEN_STATUSES.includes(ticket.status)
  const admin = me.roles.includes('admin')
  const assignedToMe = ticket.assignedEngineer?.id === me.id
  // An engineer writes notes on the tickets they handle; browsing the queue is read-only until 接单.
  const engineerOnly = me.roles.includes('engineer') && !admin
  return {
    assign: admin && open && me.permissions.includes('tickets.assign'),
    delegate: open && me.permissions.includes('tickets.delegate') && (admin || assignedToMe),
    rate: ticket.isMine && ticket.status === 'resolved' && ticket.rating === null && me.permissions.includes('tickets.rate'),
    comment: me.permissions.includes('tickets.comment') && ticket.status !== 'closed' && ticket.status !== 'cancelled' && (!engineerOnly || assignedToMe),
    // The reporter asks customer service about their own ticket (the server allows no other).
    chat: ticket.isMine && canUseChat(me) && !canAnswerChats(me),
  }
}

/** Staff, engineers and admins: the ticket, its clocks, who handles it, the report and rating, notes and progress. */
export default function StaffDetail({ ticket, extras }: { ticket: TicketDetail; extras: DetailExtras }) {
  const { me, onChanged } = extras
  const can = abilities(me, ticket)
  return (
    <View className='ticket-detail__body' data-testid='ticket-detail' data-ticket-id={ticket.id}>
      <TicketHead ticket={ticket} />
      {ticket.sla ? <SlaPanel sla={ticket.sla} /> : null}
      {/* Once resolved, what was done comes first: the reporter reads it before rating. */}
      {ticket.serviceReport ? <ServiceReportCard report={ticket.serviceReport} /> : null}
      <RatingSection ticket={ticket} canRate={can.rate} onChanged={onChanged} />
      {/* Near the top: on a phone the next step (接单, 开始维修…) should not need scrolling. */}
      <TicketActions me={me} ticket={ticket} ratingFormShown={can.rate} onChanged={onChanged} />
      {can.chat ? (
        <View className='ticket-detail__chat'>
          <Text className='ticket-detail__muted'>对维修有疑问？可以直接咨询客服工程师</Text>
          <Button size='small' type='primary' fill='outline' onClick={() => void Taro.navigateTo({ url: chatAskUrl({ id: ticket.id, number: ticket.number }) })} data-testid='ticket-chat'>
            咨询客服
          </Button>
        </View>
      ) : null}
      <FaultSections ticket={ticket} />
      <ReportMedia media={ticket.media} />
      <ContactSection name={ticket.contactName} phone={ticket.contactPhone} masked={ticket.contactPhoneMasked} showMaskNote />
      <Section title='处理信息'>
        <Row label='报修人' testId='ticket-detail-reporter'>
          <Text>{ticket.isMine ? '本人' : (ticket.reporter?.name ?? '科室同事')}</Text>
        </Row>
        <Row label='维修工程师' testId='ticket-detail-engineer'>
          <View className='ticket-detail__inline'>
            <Text data-testid='ticket-detail-engineer-name'>{ticket.assignedEngineer?.name ?? '待分配'}</Text>
            {can.assign ? <AssignEngineer ticket={ticket} onChanged={onChanged} /> : null}
          </View>
        </Row>
        <Row label='提交时间' testId='ticket-detail-created'>
          <Text>{formatShanghai(ticket.createdAt)}</Text>
        </Row>
      </Section>
      <Delegations ticket={ticket} canDelegate={can.delegate} onChanged={onChanged} />
      <CommentsSection userId={me.id} ticketId={ticket.id} canWrite={can.comment} reloadKey={extras.reloadKey} />
      <Section title='处理进度'>
        <TicketTimeline state={extras.timeline} onRetry={extras.onReloadTimeline} />
      </Section>
    </View>
  )
}
