import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Me } from '@shared/schemas/me.schema'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { isApiError } from '../../../services/api-error'
import { getTicket, isDealerView, listTicketEvents, type AnyTicketDetail } from '../../../services/tickets'
import { ROUTES } from '../../../routes'
import DealerDetail from '../components/DealerDetail'
import type { DetailExtras } from '../components/detail-extras'
import StaffDetail from '../components/StaffDetail'
import type { TimelineState } from '../components/TicketTimeline'
import '../components/detail-parts.scss'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; ticket: AnyTicketDetail } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

function TicketDetailView({ id, me }: { id: string; me: Me }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [timeline, setTimeline] = useState<TimelineState>({ kind: 'loading' })
  const [reloadKey, setReloadKey] = useState(0)
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
    setReloadKey((k) => k + 1)
    void reloadBoth().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.kind === 'loading') return <PageLoading rows={8} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={() => void load()} />
  if (state.kind === 'not-found') return <NotFound />
  const extras: DetailExtras = { me, timeline, reloadKey, onReloadTimeline: () => void loadTimeline(), onChanged: reloadBoth }
  const ticket = state.ticket
  return isDealerView(ticket) ? <DealerDetail ticket={ticket} extras={extras} /> : <StaffDetail ticket={ticket} extras={extras} />
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

/** One ticket, every part of the view the server gives this user, and what they may do with it. */
export default function TicketDetailPage() {
  const { params } = useRouter()
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : ''
  return (
    <SessionGate className='ticket-detail page-narrow' rows={8}>
      {(me) => <View className='ticket-detail page-narrow'>{id ? <TicketDetailView id={id} me={me} /> : <NotFound />}</View>}
    </SessionGate>
  )
}
