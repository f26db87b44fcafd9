import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Me } from '@shared/schemas/me.schema'
import ConsoleShell from '../../../components/ConsoleShell'
import CursorListView from '../../../components/CursorListView'
import { PageEmpty } from '../../../components/PageState'
import QueueTabs from '../../../components/QueueTabs'
import SessionGate from '../../../components/SessionGate'
import { useCursorLists } from '../../../hooks/useCursorLists'
import { listChats, type ChatSummary } from '../../../services/chat'
import { canAnswerChats, chatUrl } from '../../../routes'
import ChatListItem from '../components/ChatListItem'
import '../chat.scss'
import './index.scss'

type Tab = 'unclaimed' | 'claimed' | 'all'

const TABS: { key: Tab; label: string; empty: { title: string; description: string } }[] = [
  { key: 'unclaimed', label: '待认领', empty: { title: '暂无待认领的咨询', description: '医院员工发起的新咨询会显示在这里' } },
  { key: 'claimed', label: '我的', empty: { title: '暂无您接待的咨询', description: '认领或回复过的咨询会显示在这里' } },
  { key: 'all', label: '全部', empty: { title: '暂无咨询', description: '进行中和已结束的咨询都会显示在这里' } },
]

/** While the queue is on screen it refreshes itself this often (new questions arrive). */
const REFRESH_MS = 30_000

const fetchTab = (key: string, cursor?: string) => listChats({ scope: TABS.find((t) => t.key === key)?.key ?? 'unclaimed', cursor, limit: 20 })

function Queue({ me }: { me: Me }) {
  const [tab, setTab] = useState<Tab>('unclaimed')
  const lists = useCursorLists<ChatSummary>(fetchTab, (c) => c.id)
  const list = lists.get(tab)
  const firstShow = useRef(true)
  const [shown, setShown] = useState(true)
  const meta = TABS.find((t) => t.key === tab) ?? TABS[0]!

  useEffect(() => {
    if (lists.get(tab).phase === 'idle') void lists.load(tab)
  }, [tab, list.phase])

  useEffect(() => {
    if (!shown) return
    const timer = setInterval(() => void lists.load(tab, { quiet: true }), REFRESH_MS)
    return () => clearInterval(timer)
  }, [tab, shown])

  // Back from a conversation: it may have been claimed or closed.
  useDidShow(() => {
    setShown(true)
    if (firstShow.current) firstShow.current = false
    else {
      lists.reset(tab)
      void lists.load(tab, { quiet: true })
    }
  })
  useDidHide(() => setShown(false))
  usePullDownRefresh(() => {
    void lists.load(tab, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(tab))

  const unclaimed = lists.get('unclaimed')
  const count = unclaimed.phase === 'ready' && unclaimed.items.length > 0 ? `${unclaimed.items.length}${unclaimed.nextCursor ? '+' : ''}` : undefined
  return (
    <View className='chat-queue page-narrow' data-testid='chat-queue-page' data-scope={tab}>
      <View className='chat-queue__bar'>
        <QueueTabs
          tabs={TABS.map((t) => ({ key: t.key, label: t.label, count: t.key === 'unclaimed' ? count : undefined }))}
          active={tab}
          onChange={(t) => {
            setTab(t)
            void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
          }}
          testId='chat-queue-tabs'
          tabTestIdPrefix='chat-queue-tab-'
        />
      </View>
      <View className='chat-queue__content'>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(tab)}
          onMore={() => void lists.loadMore(tab)}
          empty={meta.empty}
          className='chat-list'
          testId='chat-queue-list'
          moreTestId='chat-queue-load-more'
          renderItem={(c) => <ChatListItem key={c.id} chat={c} meId={me.id} showOwner onOpen={() => void Taro.navigateTo({ url: chatUrl(c.id) })} />}
        />
      </View>
    </View>
  )
}

/** 咨询接待 for engineers and admins: new questions to claim, one's own, and all. */
export default function ChatQueue() {
  return (
    <SessionGate className='chat-queue page-narrow' permission='chat.use'>
      {(me) =>
        canAnswerChats(me) ? (
          <ConsoleShell me={me} area='chat-queue'>
            <Queue me={me} />
          </ConsoleShell>
        ) : (
          <View className='chat-queue page-narrow'>
            <PageEmpty title='仅工程师和管理员可接待咨询' description='如需咨询问题，请在首页点击“在线咨询”' />
          </View>
        )
      }
    </SessionGate>
  )
}
