import { Button, Skeleton } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { TicketEvent } from '@shared/schemas/ticket-workflow.schema'
import { HOLD_REASON_LABELS, ROLE_LABELS, TICKET_EVENT_LABELS, TICKET_STATUS_LABELS } from '../../../labels/ticket.zh'
import { messageOf } from '../../../services/errors.zh'
import { formatShanghai } from '../../../utils/format'

export type TimelineState = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; items: TicketEvent[] }

/** Every change of the ticket, oldest first: what, who, when (Asia/Shanghai), and the hold reason or note. */
export default function TicketTimeline({ state, onRetry }: { state: TimelineState; onRetry: () => void }) {
  if (state.kind === 'loading') return <Skeleton rows={3} animated />
  if (state.kind === 'error') {
    return (
      <View className='timeline__error' data-testid='ticket-timeline-error'>
        <Text>{messageOf(state.error)}</Text>
        <Button size='small' onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  }
  if (state.items.length === 0) return <Text className='timeline__empty'>暂无记录</Text>
  const last = state.items.length - 1
  return (
    <View className='timeline' data-testid='ticket-timeline'>
      {state.items.map((e, i) => (
        <View key={e.id} className={`timeline__item${i === last ? ' timeline__item--latest' : ''}`} data-testid='ticket-event' data-kind={e.kind} data-status={e.toStatus}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__head'>
              <Text className='timeline__title'>{TICKET_EVENT_LABELS[e.kind]}</Text>
              <Text className='timeline__status'>{TICKET_STATUS_LABELS[e.toStatus]}</Text>
            </View>
            <Text className='timeline__meta'>
              {formatShanghai(e.createdAt)} · {e.actor.name}
              {ROLE_LABELS[e.actor.role] ? `（${ROLE_LABELS[e.actor.role]}）` : ''}
            </Text>
            {e.kind === 'assign' && e.assignee ? (
              <Text className='timeline__meta' data-testid='ticket-event-assignee'>
                负责工程师：{e.assignee.name}
              </Text>
            ) : null}
            {e.reason ? (
              <Text className='timeline__reason' data-testid='ticket-event-reason'>
                挂起原因：{HOLD_REASON_LABELS[e.reason]}
              </Text>
            ) : null}
            {e.note ? (
              <Text className='timeline__note' data-testid='ticket-event-note'>
                {e.kind === 'resolve' ? '维修报告：' : '备注：'}
                {e.note}
              </Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}
