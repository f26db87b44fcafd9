import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import CursorListView from '../../components/CursorListView'
import SessionGate from '../../components/SessionGate'
import { useCursorLists } from '../../hooks/useCursorLists'
import { isApiError } from '../../services/api-error'
import { createChat, listChats, type ChatSummary } from '../../services/chat'
import { messageOf } from '../../services/errors.zh'
import { createIdempotencyKey } from '../../services/idempotency'
import { setChatUnread } from '../../stores/chat-unread'
import { canAnswerChats, chatUrl, ROUTES } from '../../routes'
import ChatListItem from './components/ChatListItem'
import Suggestions from './components/Suggestions'
import { readDraft, saveDraft } from './drafts'
import { useSuggestions } from './useSuggestions'
import './chat.scss'
import './index.scss'

const QUESTION_MAX = 1000
const KEY = 'mine'

async function fetchMine(_key: string, cursor?: string) {
  const page = await listChats({ cursor, limit: 20 })
  setChatUnread(page.unreadTotal)
  return page
}

interface TicketRef {
  id: string
  number: string
}

function Ask({ me, ticket }: { me: Me; ticket: TicketRef | null }) {
  const draftKey = ticket ? `ask:${ticket.id}` : 'ask'
  const [question, setQuestion] = useState(() => readDraft(me.id, draftKey))
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string>()
  // One clientId per question text: a resent open (answer lost) opens one conversation.
  const attempt = useRef<{ text: string; clientId: string } | null>(null)
  const suggestions = useSuggestions(question)
  const lists = useCursorLists<ChatSummary>(fetchMine, (c) => c.id)
  const list = lists.get(KEY)
  const firstShow = useRef(true)

  useEffect(() => saveDraft(me.id, draftKey, question), [question])
  useEffect(() => {
    if (list.phase === 'idle') void lists.load(KEY)
  }, [list.phase])
  // Back from a conversation: its last message and unread count changed.
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void lists.load(KEY, { quiet: true })
  })
  usePullDownRefresh(() => {
    void lists.load(KEY, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(KEY))

  const start = async () => {
    if (starting) return
    const text = question.trim()
    if (!text) return setError('请先描述您的问题')
    if (text.length > QUESTION_MAX) return setError(`最多 ${QUESTION_MAX} 字`)
    if (attempt.current?.text !== text) attempt.current = { text, clientId: createIdempotencyKey() }
    setError(undefined)
    setStarting(true)
    try {
      const chat = await createChat({ text, ticketId: ticket?.id, clientId: attempt.current.clientId })
      attempt.current = null
      setQuestion('')
      saveDraft(me.id, draftKey, '')
      lists.reset()
      void Taro.navigateTo({ url: chatUrl(chat.id) })
    } catch (err) {
      if (isApiError(err) && err.code === 'CONTENT_REJECTED') setError('问题包含不当内容，未发送，请修改后再试')
      else if (isApiError(err) && err.fieldErrors.length > 0) setError(err.fieldErrors[0]?.message ?? messageOf(err))
      else setError(messageOf(err))
    } finally {
      setStarting(false)
    }
  }

  const solved = () => {
    setQuestion('')
    void Taro.showToast({ title: '很高兴帮到您', icon: 'success' })
  }

  const ongoing = ticket ? list.items.find((c) => c.status === 'open' && c.ticket?.id === ticket.id) : undefined
  return (
    <View className='chat-ask page-narrow' data-testid='chat-ask-page'>
      <View className='chat-ask__card'>
        <Text className='chat-ask__title'>遇到什么问题？</Text>
        <Text className='chat-ask__hint'>先描述问题，下方会推荐相关资料和常见解答；仍未解决，可直接咨询工程师。</Text>
        {ticket ? (
          <Text className='chat-ask__ticket' data-testid='chat-ask-ticket'>
            关于工单 {ticket.number}
          </Text>
        ) : null}
        {ongoing ? (
          <View className='chat-ask__ongoing' onClick={() => void Taro.navigateTo({ url: chatUrl(ongoing.id) })} data-testid='chat-ask-ongoing'>
            <Text>该工单已有进行中的咨询，点击继续 ›</Text>
          </View>
        ) : null}
        <View className={`chat-ask__field${error ? ' chat-ask__field--error' : ''}`} data-testid='chat-question'>
          <Textarea
            className='chat-ask__textarea'
            placeholder='如：胃镜吸引无力，清洗后仍然不好'
            maxlength={QUESTION_MAX}
            disabled={starting}
            value={question}
            onInput={(e) => {
              setQuestion(e.detail.value)
              setError(undefined)
            }}
          />
        </View>
        <Suggestions state={suggestions} onSolved={solved} onStillAsk={() => void start()} />
        {error ? (
          <Text className='chat-ask__error' data-testid='chat-start-error'>
            {error}
          </Text>
        ) : null}
        <Button block type='primary' loading={starting} disabled={starting} onClick={() => void start()} data-testid='chat-start'>
          {starting ? '正在发起…' : '发起咨询'}
        </Button>
        <Text className='chat-ask__note'>工作时间内工程师通常会在 30 分钟内回复；请勿发送患者姓名等个人信息。</Text>
      </View>

      <Text className='chat-ask__section'>我的咨询</Text>
      <CursorListView
        list={list}
        onRetry={() => void lists.load(KEY)}
        onMore={() => void lists.loadMore(KEY)}
        empty={{ title: '暂无咨询记录', description: '发起的咨询和工程师的回复会显示在这里' }}
        className='chat-list'
        testId='chat-list'
        moreTestId='chat-load-more'
        renderItem={(c) => <ChatListItem key={c.id} chat={c} meId={me.id} onOpen={() => void Taro.navigateTo({ url: chatUrl(c.id) })} />}
      />
    </View>
  )
}

/** Sends engineers and admins to their queue, and a `?id=` link (a WeChat subscription message) to that conversation. */
function Route({ me, chatId, ticket }: { me: Me; chatId: string; ticket: TicketRef | null }) {
  const answerer = canAnswerChats(me)
  useEffect(() => {
    if (chatId) void Taro.redirectTo({ url: chatUrl(chatId) })
    else if (answerer) void Taro.redirectTo({ url: ROUTES.chatQueue })
  }, [])
  if (chatId || answerer) return <View className='chat-ask page-narrow' />
  return <Ask me={me} ticket={ticket} />
}

/** 在线咨询: ask first (documents and past answers as you type), then open a conversation; one's conversations below. */
export default function ChatHome() {
  const { params } = useRouter()
  const param = (name: string) => (typeof params[name] === 'string' ? decodeURIComponent(params[name] as string) : '')
  const ticketId = param('ticketId')
  const ticket = ticketId ? { id: ticketId, number: param('ticketNumber') || '—' } : null
  return (
    <SessionGate className='chat-ask page-narrow' permission='chat.use' denied={{ title: '暂不能使用在线咨询', description: '注册审核通过后即可咨询工程师' }}>
      {(me) => <Route me={me} chatId={param('id')} ticket={ticket} />}
    </SessionGate>
  )
}
