import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ListFooter from '../../../../components/ListFooter'
import { PageEmpty, PageError, PageLoading } from '../../../../components/PageState'
import QueueTabs, { type QueueTab } from '../../../../components/QueueTabs'
import { useCursorLists } from '../../../../hooks/useCursorLists'
import {
  isRequestFilter,
  listPrivacyRequests,
  REQUEST_FILTERS,
  type AdminPrivacyRequestView,
  type RequestFilter,
} from '../../../../services/admin-privacy'
import { ROUTES } from '../../../../routes'
import { useWideLayout } from '../../../../utils/layout'
import RequestCard from './RequestCard'
import RequestDrawer from './RequestDrawer'
import RequestTable from './RequestTable'

const PAGE_SIZE = 20

const TAB_LABELS: Record<RequestFilter, string> = {
  open: '待处理',
  overdue: '逾期',
  completed: '已完成',
  refused: '已拒绝',
}

const EMPTY_TEXT: Record<RequestFilter, { title: string; description?: string }> = {
  open: { title: '没有待处理的隐私申请', description: '用户在隐私中心提交查阅、更正、删除等申请后，会出现在这里' },
  overdue: { title: '没有逾期的申请', description: '每条申请须在收到后 15 日内答复' },
  completed: { title: '还没有已完成的申请' },
  refused: { title: '还没有已拒绝的申请' },
}

/** Does the request still belong on this tab after a step? */
function belongs(view: AdminPrivacyRequestView, filter: RequestFilter): boolean {
  const open = view.status === 'received' || view.status === 'in_progress'
  if (filter === 'open') return open
  if (filter === 'overdue') return open && view.overdue
  return view.status === filter
}

/**
 * 隐私申请处理: tabs 待处理 / 逾期 (with the overdue count in red) / 已完成 /
 * 已拒绝; open requests come the earliest due first. A table from 1024 px,
 * cards below; a request opens in a drawer to be handled.
 */
export default function RequestsConsole({ meId, canAudit }: { meId: string; canAudit: boolean }) {
  const wide = useWideLayout()
  const { params } = useRouter()
  const [tab, setTab] = useState<RequestFilter>(isRequestFilter(params.filter) ? params.filter : 'open')
  const [overdueCount, setOverdueCount] = useState<number | null>(null)
  const [selected, setSelected] = useState<AdminPrivacyRequestView | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const countCall = useRef(0)

  const lists = useCursorLists<AdminPrivacyRequestView>(async (key, cursor) => {
    const call = ++countCall.current
    const page = await listPrivacyRequests({ filter: key as RequestFilter, cursor, limit: PAGE_SIZE })
    if (call === countCall.current) setOverdueCount(page.overdueCount)
    setNow(Date.now())
    return page
  }, (v) => v.id)
  const list = lists.get(tab)

  useEffect(() => {
    if (list.phase === 'idle') void lists.load(tab)
  }, [tab, list.phase])

  const refreshCount = async () => {
    const call = ++countCall.current
    try {
      const page = await listPrivacyRequests({ filter: 'overdue', limit: 1 })
      if (call === countCall.current) setOverdueCount(page.overdueCount)
    } catch {
      // The number stays; the next load corrects it.
    }
  }

  // Back on the page (from the access log): quietly reload what is shown.
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else if (!selected) void lists.load(tab, { quiet: true })
  })
  usePullDownRefresh(() => {
    void lists.load(tab, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!wide) void lists.loadMore(tab)
  })

  /** A step succeeded: the row changes in place (or leaves this tab); other tabs reload when opened. */
  const changed = (view: AdminPrivacyRequestView) => {
    lists.reset(tab)
    lists.update(tab, (items) => (belongs(view, tab) ? items.map((i) => (i.id === view.id ? view : i)) : items.filter((i) => i.id !== view.id)))
    setSelected((s) => (s && s.id === view.id ? view : s))
    void refreshCount()
  }

  const stale = () => {
    lists.reset(tab)
    void lists.load(tab, { quiet: true })
    void refreshCount()
  }

  const tabs: QueueTab<RequestFilter>[] = REQUEST_FILTERS.map((f) => ({
    key: f,
    label: TAB_LABELS[f],
    count: f === 'overdue' && overdueCount ? String(overdueCount) : undefined,
  }))

  return (
    <View className='admin-privacy' data-testid='admin-privacy-requests-page' data-wide={wide ? 'true' : 'false'}>
      <QueueTabs tabs={tabs} active={tab} onChange={setTab} testId='admin-privacy-requests-tabs' tabTestIdPrefix='admin-privacy-requests-tab-' />

      <View className='admin-privacy__inner'>
        <View className='admin-privacy__toolbar'>
          <Text className='admin-privacy__muted admin-privacy__grow'>
            依据《个人信息保护法》第四十四条至第五十条处理用户的申请：收到后 15 日内答复，拒绝须说明法定理由。
          </Text>
          <Button fill='outline' size='small' loading={list.refreshing} onClick={() => void lists.load(tab, { quiet: true })} data-testid='admin-privacy-requests-refresh'>
            刷新
          </Button>
          {canAudit ? (
            <Text className='admin-privacy__link' onClick={() => void Taro.redirectTo({ url: ROUTES.adminAccessLog })} data-testid='admin-privacy-requests-access-log'>
              访问日志 ›
            </Text>
          ) : null}
        </View>

        {tab === 'open' && overdueCount ? (
          <Text className='admin-privacy__flag' onClick={() => setTab('overdue')} data-testid='admin-privacy-requests-overdue-flag'>
            有 {overdueCount} 条申请已超过 15 日答复期限，请优先处理 ›
          </Text>
        ) : null}

        {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
        {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void lists.load(tab)} /> : null}
        {list.phase === 'ready' && list.items.length === 0 ? <PageEmpty title={EMPTY_TEXT[tab].title} description={EMPTY_TEXT[tab].description} /> : null}
        {list.phase === 'ready' && list.items.length > 0 ? (
          <View data-testid='admin-privacy-requests-list' data-count={list.items.length}>
            {wide ? (
              <RequestTable items={list.items} selectedId={selected?.id ?? null} now={now} onOpen={setSelected} />
            ) : (
              <View className='admin-privacy__cards'>
                {list.items.map((view) => (
                  <RequestCard key={view.id} view={view} now={now} onOpen={() => setSelected(view)} />
                ))}
              </View>
            )}
          </View>
        ) : null}
        <ListFooter list={list} onMore={() => void lists.loadMore(tab)} testId='admin-privacy-requests-more' />
      </View>

      <RequestDrawer row={selected} meId={meId} canAudit={canAudit} wide={wide} now={now} onChanged={changed} onStale={stale} onClose={() => setSelected(null)} />
    </View>
  )
}
