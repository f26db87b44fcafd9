import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@shared/schemas/me.schema'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { messageOf } from '../../../services/errors.zh'
import { canAnswerChats, chatAskUrl, ROUTES, ticketDetailUrl } from '../../../routes'
import CloseDialog from '../components/CloseDialog'
import Composer from '../components/Composer'
import ConversationHeader from '../components/ConversationHeader'
import { PendingMessage, SentMessage } from '../components/MessageBubble'
import { readDraft, saveDraft } from '../drafts'
import { useConversation } from './useConversation'
import '../chat.scss'
import './index.scss'

function scrollToEnd() {
  void Taro.pageScrollTo({ scrollTop: 1_000_000, duration: 0 }).catch(() => undefined)
}

function Conversation({ id, me }: { id: string; me: Me }) {
  const c = useConversation(id, me.id)
  const [text, setText] = useState(() => readDraft(me.id, `chat:${id}`))
  const [closing, setClosing] = useState(false)
  const [claiming, setClaiming] = useState(false)
  const answerer = canAnswerChats(me)
  const chat = c.chat

  useEffect(() => saveDraft(me.id, `chat:${id}`, text), [text])
  // New messages (and one's own bubbles) come in at the bottom.
  useEffect(scrollToEnd, [c.messages.length, c.pending.length, c.phase.kind])
  useEffect(() => {
    if (answerer && chat) void Taro.setNavigationBarTitle({ title: chat.owner.name || '在线咨询' }).catch(() => undefined)
  }, [answerer, chat?.owner.name])

  if (c.phase.kind === 'loading') return <View className='conversation'><PageLoading rows={6} /></View>
  if (c.phase.kind === 'error') {
    return (
      <View className='conversation'>
        <PageError error={c.phase.error} onRetry={() => void c.reload()} />
      </View>
    )
  }
  if (c.phase.kind === 'not-found' || !chat) {
    return (
      <View className='conversation'>
        <PagePrompt
          testId='chat-not-found'
          title='咨询不存在或您无权查看'
          message='该咨询可能已超出可查看期限。'
          action={{ text: '返回在线咨询', onClick: () => void Taro.redirectTo({ url: answerer ? ROUTES.chatQueue : ROUTES.chat }) }}
        />
      </View>
    )
  }

  const open = chat.status === 'open'
  const mine = chat.owner.id === me.id
  const admin = me.roles.includes('admin')
  const claimedByMe = chat.claimedBy?.id === me.id
  // The server's rules (chat.policy.ts): the asker; an engineer on an unclaimed one (answering claims it) or their own; admins always.
  const canWrite = open && (mine || (answerer && (!chat.claimedBy || claimedByMe || admin)))
  const canClaim = open && answerer && !mine && !claimedByMe && (!chat.claimedBy || admin)
  const canClose = open && (mine || claimedByMe || admin)

  const claim = async () => {
    if (claiming) return
    if (chat.claimedBy && !claimedByMe) {
      const res = await Taro.showModal({ title: '接手咨询', content: `该咨询正由 ${chat.claimedBy.name} 接待，确定由您接手吗？`, confirmText: '接手' })
      if (!res.confirm) return
    }
    setClaiming(true)
    try {
      await c.claim()
      void Taro.showToast({ title: '已认领', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 })
      void c.reload()
    } finally {
      setClaiming(false)
    }
  }

  const confirmDiscard = async (clientId: string) => {
    const res = await Taro.showModal({ title: '删除消息', content: '这条消息尚未发送，删除后无法恢复。确定删除吗？', confirmText: '删除', confirmColor: '#f53f3f' })
    if (res.confirm) c.discard(clientId)
  }

  const edit = (clientId: string, old: string | undefined) => {
    if (old) setText((t) => (t.trim() ? `${t}\n${old}` : old))
    c.discard(clientId)
  }

  const firstQuestion = c.messages.find((m) => m.author.id === chat.owner.id && m.kind === 'text')?.text ?? ''
  const answers = c.messages
    .filter((m) => m.author.id !== chat.owner.id && m.kind === 'text' && m.text)
    .map((m) => m.text)
    .join('\n')

  return (
    <View className='conversation' data-testid='chat-page' data-chat-id={chat.id} data-status={chat.status}>
      <ConversationHeader
        chat={chat}
        me={me}
        answerer={answerer}
        canClaim={canClaim}
        canClose={canClose}
        claiming={claiming}
        onClaim={() => void claim()}
        onClose={() => setClosing(true)}
        onOpenTicket={chat.ticket ? () => void Taro.navigateTo({ url: ticketDetailUrl(chat.ticket!.id) }) : undefined}
      />
      {c.offline ? (
        <Text className='conversation__offline' data-testid='chat-offline'>
          {c.offline}
        </Text>
      ) : null}
      <View className='conversation__messages page-narrow' data-testid='chat-messages'>
        {c.messages.map((m, i) => (
          <SentMessage key={m.id} m={m} showAuthor={c.messages[i - 1]?.author.id !== m.author.id} />
        ))}
        {c.pending.map((o) => (
          <PendingMessage
            key={o.clientId}
            o={o}
            canRetry={open}
            onRetry={() => c.retry(o.clientId)}
            onEdit={() => edit(o.clientId, o.text)}
            onDiscard={() => void confirmDiscard(o.clientId)}
          />
        ))}
      </View>
      {open && canWrite ? (
        <>
          {answerer && !chat.claimedBy ? <Text className='conversation__hint'>回复即认领此咨询</Text> : null}
          <Composer text={text} onText={setText} onSendText={c.sendText} onSendFile={c.sendFile} />
        </>
      ) : null}
      {open && !canWrite ? (
        <View className='conversation__footer' data-testid='chat-readonly'>
          <Text>{chat.claimedBy ? `该咨询由 ${chat.claimedBy.name} 接待中，您可以查看记录` : '您可以查看该咨询的记录'}</Text>
        </View>
      ) : null}
      {!open ? (
        <View className='conversation__footer' data-testid='chat-closed'>
          <Text>会话已结束，记录可随时查看</Text>
          {mine ? (
            <Text className='conversation__again' onClick={() => void Taro.redirectTo({ url: chatAskUrl(chat.ticket ?? undefined) })} data-testid='chat-ask-again'>
              再次咨询 ›
            </Text>
          ) : null}
        </View>
      ) : null}
      <CloseDialog
        open={closing}
        canSaveAnswer={answerer && !mine}
        suggestedQuestion={firstQuestion}
        suggestedAnswer={answers}
        onClose={() => setClosing(false)}
        onConfirm={async (body) => {
          await c.close(body)
          setClosing(false)
          void Taro.showToast({ title: body.quickAnswer ? '已结束并保存为常见问题' : '会话已结束', icon: 'none' })
        }}
      />
    </View>
  )
}

/** One conversation: messages as they arrive, sending with per-bubble state, and (engineers, admins) 认领 / 结束会话. */
export default function ConversationPage() {
  const { params } = useRouter()
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : ''
  return (
    <SessionGate className='conversation' permission='chat.use' rows={6}>
      {(me) =>
        id ? (
          <Conversation id={id} me={me} />
        ) : (
          <View className='conversation'>
            <PagePrompt testId='chat-not-found' title='咨询不存在或您无权查看' action={{ text: '返回在线咨询', onClick: () => void Taro.redirectTo({ url: ROUTES.chat }) }} />
          </View>
        )
      }
    </SessionGate>
  )
}
