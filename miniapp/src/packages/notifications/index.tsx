import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import CursorListView from '../../components/CursorListView'
import SessionGate from '../../components/SessionGate'
import { useCursorLists } from '../../hooks/useCursorLists'
import { messageOf } from '../../services/errors.zh'
import { listNotifications, markNotificationsRead, type NotificationView } from '../../services/notifications'
import { setUnread, useUnread } from '../../stores/unread'
import { ROUTES, ticketDetailUrl } from '../../routes'
import NotificationItem from './NotificationItem'
import './index.scss'

const KEY = 'all'
const PAGE_SIZE = 20

async function fetchPage(_key: string, cursor?: string) {
  const page = await listNotifications({ cursor, limit: PAGE_SIZE })
  // Every page carries the total unread count: the badge follows what the server says.
  setUnread(page.unread)
  return page
}

function Inbox() {
  const lists = useCursorLists<NotificationView>(fetchPage, (n) => n.id)
  const list = lists.get(KEY)
  const unread = useUnread() ?? 0
  const [markingAll, setMarkingAll] = useState(false)
  const firstShow = useRef(true)

  useEffect(() => {
    if (list.phase === 'idle') void lists.load(KEY)
  }, [list.phase])

  // Back from a ticket: new notifications may have arrived.
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void lists.load(KEY, { quiet: true })
  })
  usePullDownRefresh(() => {
    void lists.load(KEY, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(KEY))

  const markShownRead = (ids: string[] | 'all') =>
    lists.update(KEY, (items) => items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)))

  const open = (n: NotificationView) => {
    if (!n.read) {
      markShownRead([n.id])
      setUnread(Math.max(0, unread - 1))
      // Reading it is what matters to the user; a failed mark shows up unread again on the next load.
      void markNotificationsRead({ ids: [n.id] }).catch(() => undefined)
    }
    if (n.ticketId) void Taro.navigateTo({ url: ticketDetailUrl(n.ticketId) })
    // A reply names no conversation here: the list of one's conversations shows which has news.
    else if (n.kind === 'chat_reply') void Taro.navigateTo({ url: ROUTES.chat })
    // Likewise an order update opens 我的兑换, where the order shows its new state first.
    else if (n.kind === 'order_update') void Taro.navigateTo({ url: ROUTES.orders })
    else if (n.kind === 'privacy_update') void Taro.navigateTo({ url: ROUTES.privacyRequests })
  }

  const readAll = async () => {
    if (markingAll) return
    setMarkingAll(true)
    try {
      await markNotificationsRead({ all: true })
      markShownRead('all')
      setUnread(0)
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setMarkingAll(false)
    }
  }

  return (
    <View className='inbox page-narrow' data-testid='notifications-page'>
      <View className='inbox__bar'>
        <Text className='inbox__count' data-testid='notifications-unread'>
          {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
        </Text>
        <Button size='small' fill='outline' type='primary' loading={markingAll} disabled={markingAll || unread === 0} onClick={() => void readAll()} data-testid='notifications-read-all'>
          全部已读
        </Button>
      </View>
      <View className='inbox__content'>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(KEY)}
          onMore={() => void lists.loadMore(KEY)}
          empty={{ title: '暂无消息', description: '工单受理、维修完成、新留言等进展会通知您' }}
          className='inbox__list'
          testId='notifications-list'
          moreTestId='notifications-load-more'
          renderItem={(n) => <NotificationItem key={n.id} n={n} onOpen={() => open(n)} />}
        />
      </View>
    </View>
  )
}

/** 消息通知: newest first, unread marked; tapping one marks it read and opens its ticket. */
export default function NotificationsPage() {
  return (
    <SessionGate className='inbox page-narrow' rows={6}>
      {() => <Inbox />}
    </SessionGate>
  )
}
