import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { TicketStatusTag } from '../../../components/TicketCard'
import { DELEGATION_PURPOSE_LABELS } from '../../../labels/ticket.zh'
import { isApiError } from '../../../services/api-error'
import { getTicket, isDealerView, listTicketEvents, type AnyTicketView } from '../../../services/tickets'
import { formatShanghai } from '../../../utils/format'
import { ROUTES } from '../../../routes'
import type { Me } from '@shared/schemas/me.schema'
import TicketActions from '../components/TicketActions'
import TicketTimeline, { type TimelineState } from '../components/TicketTimeline'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; ticket: AnyTicketView } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className='ticket-detail__row'>
      <Text className='ticket-detail__label'>{label}</Text>
      <View className='ticket-detail__value' data-testid={testId}>
        {children}
      </View>
    </View>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className='ticket-detail__section'>
      <Text className='ticket-detail__section-title'>{title}</Text>
      {children}
    </View>
  )
}

interface Extras {
  me: Me
  timeline: TimelineState
  onReloadTimeline: () => void
  onChanged: () => Promise<void>
}

function TicketFields({ ticket, extras }: { ticket: AnyTicketView; extras: Extras }) {
  const dealer = isDealerView(ticket)
  return (
    <View className='ticket-detail__body' data-testid='ticket-detail' data-ticket-id={ticket.id}>
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

      {dealer ? (
        <View className='ticket-detail__notice' data-testid='ticket-detail-purpose'>
          <Text className='ticket-detail__notice-title'>委托事项：{DELEGATION_PURPOSE_LABELS[ticket.delegationPurpose]}</Text>
          <Text>您仅能查看完成委托所需的信息；每次查看都会按规定记录。</Text>
        </View>
      ) : null}

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

      <Section title='联系人'>
        <Row label='姓名'>
          <Text>{ticket.contactName}</Text>
        </Row>
        <Row label='电话' testId='ticket-detail-phone'>
          <Text>{ticket.contactPhone}</Text>
          {!dealer && ticket.contactPhoneMasked ? <Text className='ticket-detail__muted'>（仅显示后四位）</Text> : null}
        </Row>
      </Section>

      {dealer ? null : (
        <Section title='处理信息'>
          <Row label='报修人' testId='ticket-detail-reporter'>
            <Text>{ticket.isMine ? '本人' : (ticket.reporter?.name ?? '科室同事')}</Text>
          </Row>
          <Row label='维修工程师' testId='ticket-detail-engineer'>
            <Text>{ticket.assignedEngineer?.name ?? '待分配'}</Text>
          </Row>
          <Row label='提交时间' testId='ticket-detail-created'>
            <Text>{formatShanghai(ticket.createdAt)}</Text>
          </Row>
        </Section>
      )}

      {dealer ? null : <TicketActions me={extras.me} ticket={ticket} onChanged={extras.onChanged} />}

      <Section title='处理进度'>
        <TicketTimeline state={extras.timeline} onRetry={extras.onReloadTimeline} />
      </Section>
    </View>
  )
}

function TicketDetail({ id, me }: { id: string; me: Me }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [timeline, setTimeline] = useState<TimelineState>({ kind: 'loading' })
  const latest = useRef(0)
  const latestTimeline = useRef(0)

  const loadTimeline = useCallback(
    async (quiet = false) => {
      const call = ++latestTimeline.current
      if (!quiet) setTimeline({ kind: 'loading' })
      try {
        const items = await listTicketEvents(id)
        if (call === latestTimeline.current) setTimeline({ kind: 'ready', items })
      } catch (error) {
        if (call === latestTimeline.current) setTimeline({ kind: 'error', error })
      }
    },
    [id],
  )

  const load = useCallback(
    async (quiet = false) => {
      const call = ++latest.current
      if (!quiet) setState({ kind: 'loading' })
      try {
        const ticket = await getTicket(id)
        if (call === latest.current) setState({ kind: 'ready', ticket })
      } catch (error) {
        if (call !== latest.current) return
        // 404 for a ticket that does not exist and for one this user may not see: the same answer, on purpose.
        // A malformed id (a mangled link) is refused as a validation error (400); to the user it is the same.
        const missing = isApiError(error) && (error.code === 'NOT_FOUND' || (error.status === 400 && error.code === 'VALIDATION_FAILED'))
        setState(missing ? { kind: 'not-found' } : { kind: 'error', error })
      }
    },
    [id],
  )

  useEffect(() => {
    void load()
    void loadTimeline()
  }, [load, loadTimeline])

  const reloadBoth = useCallback(() => Promise.all([load(true), loadTimeline(true)]).then(() => undefined), [load, loadTimeline])

  usePullDownRefresh(() => {
    void reloadBoth().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.kind === 'loading') return <PageLoading rows={8} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={() => void load()} />
  if (state.kind === 'not-found') return <NotFound />
  return (
    <TicketFields
      ticket={state.ticket}
      extras={{ me, timeline, onReloadTimeline: () => void loadTimeline(), onChanged: reloadBoth }}
    />
  )
}

function NotFound() {
  return (
    <PagePrompt
      testId='ticket-not-found'
      title='工单不存在或您无权查看'
      message='该工单可能已超出可查看期限，或您的查看权限已变更。'
      action={{ text: '返回工单列表', onClick: () => void Taro.switchTab({ url: ROUTES.tickets }) }}
    />
  )
}

/** One ticket, every field of the view the server gives this user. */
export default function TicketDetailPage() {
  const { params } = useRouter()
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : ''
  return (
    <SessionGate className='ticket-detail page-narrow' rows={8}>
      {(me) => <View className='ticket-detail page-narrow'>{id ? <TicketDetail id={id} me={me} /> : <NotFound />}</View>}
    </SessionGate>
  )
}
