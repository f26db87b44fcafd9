import { useEffect, useRef, useState, type ReactNode } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TICKET_SCOPES, type TicketScope } from '@shared/schemas/tickets.schema'
import type { Me } from '@shared/schemas/me.schema'
import { TICKET_STATUSES, type TicketStatus } from '@shared/tickets'
import Chips, { type ChipOption } from '../../components/Chips'
import CursorListView from '../../components/CursorListView'
import { PageEmpty, PageError, PageLoading, PageNeedLogin, PagePrompt } from '../../components/PageState'
import QueueTabs from '../../components/QueueTabs'
import TicketCard from '../../components/TicketCard'
import { useCursorLists } from '../../hooks/useCursorLists'
import { useEntryGate } from '../../hooks/useEntryGate'
import { namesOf } from '../../labels/access.zh'
import { TICKET_STATUS_LABELS } from '../../labels/ticket.zh'
import { listTickets, type AnyTicketView } from '../../services/tickets'
import { getToken } from '../../services/token'
import { loadSession, useSession } from '../../stores/session'
import { canReport, ROUTES, ticketDetailUrl } from '../../routes'
import './index.scss'

type StatusFilter = TicketStatus | 'any'

const PAGE_SIZE = 20

const STATUS_OPTIONS: ChipOption[] = [{ key: 'any', label: '全部' }, ...TICKET_STATUSES.map((s) => ({ key: s, label: TICKET_STATUS_LABELS[s] }))]

interface ScopeTab {
  key: TicketScope
  label: string
}

function canRead(me: Me): boolean {
  return me.status === 'active' && me.permissions.includes('tickets.read')
}

/**
 * The scope switch, by who is looking: engineers their own tickets and the
 * unassigned queue (as in the workbench); admins everything and the queue to
 * dispatch; advanced staff their own and their managed departments'. Everyone
 * else has one list of all they may see (no switch).
 */
function scopeTabs(me: Me): ScopeTab[] {
  if (!canRead(me)) return []
  if (me.roles.includes('engineer')) {
    return [
      { key: 'assigned', label: '我的工单' },
      { key: 'queue', label: '待接单' },
    ]
  }
  if (me.roles.includes('admin')) {
    return [
      { key: 'all', label: '全部工单' },
      { key: 'queue', label: '待指派' },
    ]
  }
  if (me.tier === 'advanced') {
    return [
      { key: 'mine', label: '我的报修' },
      { key: 'managed', label: '科室工单' },
    ]
  }
  return []
}

/** The chosen scope if this user has it, else their first (or `all` without a switch). */
function scopeOf(me: Me, choice: TicketScope | null): TicketScope {
  const tabs = scopeTabs(me)
  return tabs.find((t) => t.key === choice)?.key ?? tabs[0]?.key ?? 'all'
}

/** One list per scope × status filter, e.g. `managed|any`. */
function listKey(me: Me, choice: TicketScope | null, status: StatusFilter): string | null {
  if (!canRead(me)) return null
  return `${scopeOf(me, choice)}|${status}`
}

function fetchByKey(key: string, cursor?: string) {
  const [s, st] = key.split('|')
  const scope = TICKET_SCOPES.find((x) => x === s) ?? 'all'
  const status = TICKET_STATUSES.find((x) => x === st)
  return listTickets({ scope, status, cursor, limit: PAGE_SIZE })
}

const EMPTY_BY_SCOPE: Partial<Record<TicketScope, { title: string; description: string }>> = {
  managed: { title: '所管理科室暂无{which}工单', description: '您管理的科室的同事提交的报修会显示在这里' },
  queue: { title: '暂无{which}待接单的工单', description: '新报修且尚未指派工程师的工单会显示在这里' },
  assigned: { title: '暂无{which}指派给您的工单', description: '您接单或被指派的工单会显示在这里' },
}

function emptyText(scope: TicketScope, status: StatusFilter): { title: string; description: string } {
  const which = status === 'any' ? '' : `“${TICKET_STATUS_LABELS[status]}”的`
  const text = EMPTY_BY_SCOPE[scope] ?? { title: '暂无{which}工单', description: '您可以查看的报修工单会显示在这里' }
  return { title: text.title.replace('{which}', which), description: text.description }
}

/** 工单 tab: the tickets this user may see, by status; engineers, admins and advanced staff also switch scope (scopeTabs). */
export default function Tickets() {
  useEntryGate()
  const session = useSession()
  const [choice, setChoice] = useState<TicketScope | null>(null)
  const [status, setStatus] = useState<StatusFilter>('any')
  const lists = useCursorLists<AnyTicketView>(fetchByKey, (t) => t.id)
  const firstShow = useRef(true)

  const me = session.phase === 'ready' ? session.me : null
  const key = me ? listKey(me, choice, status) : null
  const list = key ? lists.get(key) : null

  useEffect(() => {
    if (key && lists.get(key).phase === 'idle') void lists.load(key)
  }, [key, list?.phase])

  /** /me first (the tier may have changed: approved, revoked), then the list it allows, kept on screen meanwhile. */
  const refresh = async () => {
    if (!getToken()) return
    const state = await loadSession(true)
    if (state.phase !== 'ready') return
    const next = listKey(state.me, choice, status)
    if (!next) return
    lists.reset(next)
    await lists.load(next, { quiet: true })
  }

  // The first show is the mount, where the effect above loads; later shows (back from a ticket, tab switch) refresh.
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void refresh()
  })
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (key) void lists.loadMore(key)
  })

  // A new filter starts at the top, not where the previous list was scrolled to.
  const choose = (next: { choice?: TicketScope; status?: StatusFilter }) => {
    if (next.choice) setChoice(next.choice)
    if (next.status) setStatus(next.status)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  const frame = (body: ReactNode) => <View className='tickets page-narrow'>{body}</View>

  if (session.phase === 'loading') return frame(<PageLoading rows={6} />)
  if (session.phase === 'anonymous') {
    return frame(<PageNeedLogin message='登录后可查看您的报修工单和维修进度' onLogin={() => void Taro.navigateTo({ url: ROUTES.login })} />)
  }
  if (session.phase === 'error') return frame(<PageError error={session.error} onRetry={() => void loadSession(true)} />)

  const current = session.me
  switch (current.status) {
    case 'unregistered':
      return frame(
        <PagePrompt
          testId='tickets-prompt'
          title='完成注册后即可查看工单'
          message='填写医院、科室并上传工牌照片，审核通过后即可报修和查看工单。'
          action={{ text: '填写注册信息', onClick: () => void Taro.navigateTo({ url: ROUTES.register }) }}
        />,
      )
    case 'pending':
      return frame(
        <PagePrompt
          testId='tickets-prompt'
          title='注册审核中'
          message='管理员审核通过后，即可在这里查看您的报修工单。'
          action={{ text: '查看审核进度', onClick: () => void Taro.navigateTo({ url: ROUTES.status }) }}
        />,
      )
    case 'rejected':
      return frame(
        <PagePrompt
          testId='tickets-prompt'
          title='注册未通过审核'
          message={current.rejectionReason ? `原因：${current.rejectionReason}` : '请修改注册信息后重新提交。'}
          action={{ text: '查看并修改', onClick: () => void Taro.navigateTo({ url: ROUTES.status }) }}
        />,
      )
    case 'cancelling':
      return frame(<PagePrompt testId='tickets-prompt' title='账号注销中' message='注销期间无法查看工单。' />)
    default:
      break
  }
  if (!key || !list) return frame(<PageEmpty title='没有查看工单的权限' description='如有疑问请联系客服' />)

  const tabs = scopeTabs(current)
  const scope = scopeOf(current, choice)
  const empty = emptyText(scope, status)
  return (
    <View className='tickets page-narrow' data-testid='tickets-page' data-scope={scope}>
      <View className='tickets__bar'>
        {tabs.length > 0 ? (
          <QueueTabs
            tabs={tabs}
            active={scope}
            onChange={(c) => choose({ choice: c })}
            testId='tickets-scope'
            tabTestIdPrefix='tickets-scope-'
          />
        ) : null}
        <View className='tickets__filters'>
          <Chips
            scroll
            options={STATUS_OPTIONS}
            selected={[status]}
            onToggle={(k) => choose({ status: TICKET_STATUSES.find((s) => s === k) ?? 'any' })}
            testId='tickets-status-filter'
            optionTestId='tickets-status-option'
          />
        </View>
      </View>

      <View className='tickets__content'>
        {scope === 'managed' ? (
          <Text className='tickets__hint' data-testid='tickets-managed-hint'>
            您管理的科室：{namesOf(current.managedDepartments) || '无'}。同事的联系电话仅显示后四位。
          </Text>
        ) : null}
        <CursorListView
          list={list}
          onRetry={() => void lists.load(key)}
          onMore={() => void lists.loadMore(key)}
          empty={empty}
          className='tickets__list'
          testId='tickets-list'
          moreTestId='tickets-load-more'
          renderItem={(t) => (
            <TicketCard key={t.id} ticket={t} markMine={scope === 'managed'} onOpen={() => void Taro.navigateTo({ url: ticketDetailUrl(t.id) })} />
          )}
        />
      </View>
      {canReport(current) ? (
        <View className='tickets__report' onClick={() => void Taro.navigateTo({ url: ROUTES.ticketReport })} data-testid='tickets-report'>
          <Text>＋ 报修</Text>
        </View>
      ) : null}
    </View>
  )
}
