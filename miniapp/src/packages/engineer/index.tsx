import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@shared/schemas/me.schema'
import { TICKET_SCOPES, type TicketScope } from '@shared/schemas/tickets.schema'
import { TICKET_STATUSES, type TicketStatus } from '@shared/tickets'
import Chips, { type ChipOption } from '../../components/Chips'
import ConsoleShell from '../../components/ConsoleShell'
import CursorListView from '../../components/CursorListView'
import { PageEmpty } from '../../components/PageState'
import QueueTabs from '../../components/QueueTabs'
import SessionGate from '../../components/SessionGate'
import TicketCard from '../../components/TicketCard'
import { useCursorLists } from '../../hooks/useCursorLists'
import { TICKET_STATUS_LABELS } from '../../labels/ticket.zh'
import { listTickets, type AnyTicketView } from '../../services/tickets'
import { canAnswerChats, canUseWorkbench, ROUTES, ticketDetailUrl } from '../../routes'
import { workbenchTabs } from './tabs'
import './index.scss'

type StatusFilter = TicketStatus | 'any'

const PAGE_SIZE = 20
const STATUS_OPTIONS: ChipOption[] = [{ key: 'any', label: '全部状态' }, ...TICKET_STATUSES.map((s) => ({ key: s, label: TICKET_STATUS_LABELS[s] }))]

/** One list per tab × status, e.g. `assigned|in_progress`. */
const keyOf = (scope: TicketScope, status: StatusFilter) => `${scope}|${status}`

function fetchByKey(key: string, cursor?: string) {
  const [s, st] = key.split('|')
  const scope = TICKET_SCOPES.find((x) => x === s) ?? 'queue'
  const status = TICKET_STATUSES.find((x) => x === st)
  return listTickets({ scope, status, cursor, limit: PAGE_SIZE })
}

function Workbench({ me }: { me: Me }) {
  const tabs = workbenchTabs(me)
  const [tab, setTab] = useState<TicketScope>(tabs[0]?.key ?? 'queue')
  const [status, setStatus] = useState<StatusFilter>('any')
  const lists = useCursorLists<AnyTicketView>(fetchByKey, (t) => t.id)
  const firstShow = useRef(true)
  const key = keyOf(tab, status)
  const list = lists.get(key)
  const meta = tabs.find((t) => t.key === tab) ?? tabs[0]

  useEffect(() => {
    if (lists.get(key).phase === 'idle') void lists.load(key)
  }, [key, list.phase])

  // Back from a ticket: one taken from the queue has moved to 我的工单, so every list reloads.
  const refresh = async () => {
    lists.reset(key)
    await lists.load(key, { quiet: true })
  }
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void refresh()
  })
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(key))

  const choose = (next: { tab?: TicketScope; status?: StatusFilter }) => {
    if (next.tab) setTab(next.tab)
    if (next.status) setStatus(next.status)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  // The queue's size on its tab, once known (`20+` while more pages exist).
  const queue = lists.get(keyOf('queue', 'any'))
  const queueCount = queue.phase === 'ready' && queue.items.length > 0 ? `${queue.items.length}${queue.nextCursor ? '+' : ''}` : undefined
  const statusWord = status === 'any' ? '' : `“${TICKET_STATUS_LABELS[status]}”`
  return (
    <View className='workbench page-narrow' data-testid='workbench-page' data-scope={tab}>
      <View className='workbench__bar'>
        <QueueTabs
          tabs={tabs.map((t) => ({ key: t.key, label: t.label, count: t.key === 'queue' ? queueCount : undefined }))}
          active={tab}
          onChange={(t) => choose({ tab: t })}
          testId='workbench-tabs'
          tabTestIdPrefix='workbench-tab-'
        />
        {canAnswerChats(me) ? (
          <View className='workbench__chats' onClick={() => void Taro.navigateTo({ url: ROUTES.chatQueue })} data-testid='workbench-chats'>
            <Text>在线咨询：待认领 / 我接待的 ›</Text>
          </View>
        ) : null}
        <View className='workbench__filters'>
          <Chips
            scroll
            options={STATUS_OPTIONS}
            selected={[status]}
            onToggle={(k) => choose({ status: TICKET_STATUSES.find((s) => s === k) ?? 'any' })}
            testId='workbench-status-filter'
            optionTestId='workbench-status-option'
          />
        </View>
      </View>
      <View className='workbench__content'>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(key)}
          onMore={() => void lists.loadMore(key)}
          empty={statusWord ? { title: `${meta?.label ?? ''}中暂无${statusWord}工单`, description: '可切换其他状态查看' } : (meta?.empty ?? { title: '暂无工单' })}
          className='workbench__list'
          testId='workbench-list'
          moreTestId='workbench-load-more'
          renderItem={(t) => <TicketCard key={t.id} ticket={t} onOpen={() => void Taro.navigateTo({ url: ticketDetailUrl(t.id) })} />}
        />
      </View>
    </View>
  )
}

/** 工程师工作台: the unassigned queue to take (or dispatch) and one's own tickets, by status. */
export default function EngineerWorkbench() {
  return (
    <SessionGate className='workbench page-narrow' permission='tickets.assign' denied={{ title: '仅维修工程师和管理员可使用工作台' }}>
      {(me) =>
        canUseWorkbench(me) ? (
          <ConsoleShell me={me} area='workbench'>
            <Workbench me={me} />
          </ConsoleShell>
        ) : (
          <View className='workbench page-narrow'>
            <PageEmpty title='仅维修工程师和管理员可使用工作台' description='如需处理工单，请联系管理员开通工程师账号' />
          </View>
        )
      }
    </SessionGate>
  )
}
