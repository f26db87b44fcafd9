import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import type { ChatClose } from '@shared/schemas/chat.schema'
import { isApiError } from '../../../services/api-error'
import { claimChat, closeChat, getMessages, markChatRead, type ChatMessageView, type ChatSummary } from '../../../services/chat'
import { startMessagePoll, type MessagePoll } from '../../../services/chat-poll'
import { composeFile, composeText, deliver, type Outgoing } from '../../../services/chat-outgoing'
import { lastMessageId, mergeMessages, settlePending } from '../../../services/chat-thread'
import { messageOf } from '../../../services/errors.zh'
import { readOutbox, saveOutbox } from './outbox'

export type ConversationPhase = { kind: 'loading' } | { kind: 'ready' } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

/** The latest messages first shown (the server's page size at most). */
const FIRST_PAGE = 100

export interface Conversation {
  phase: ConversationPhase
  chat: ChatSummary | null
  messages: ChatMessageView[]
  pending: Outgoing[]
  /** The live updates are failing (network): shown as a thin banner while the loop retries. */
  offline: string | null
  reload: () => Promise<void>
  sendText: (text: string) => void
  sendFile: (kind: 'image' | 'voice', localPath: string, durationMs?: number | null) => void
  retry: (clientId: string) => void
  /** Removes an unsent bubble (the user chose to; never automatic). */
  discard: (clientId: string) => void
  claim: () => Promise<void>
  close: (body: ChatClose) => Promise<void>
}

/**
 * One conversation as the page shows it: the latest messages, then a
 * long-poll that adds each new one as it arrives while the page is shown
 * (stopped when hidden or left); the user's own messages as bubbles from
 * the moment they are composed until the server's copy replaces them; and
 * everything up to the newest message reported read while the page is shown.
 */
export function useConversation(chatId: string, meId: string): Conversation {
  const [phase, setPhase] = useState<ConversationPhase>({ kind: 'loading' })
  const [chat, setChat] = useState<ChatSummary | null>(null)
  const [messages, setMessages] = useState<ChatMessageView[]>([])
  const [pending, setPending] = useState<Outgoing[]>(() => readOutbox(meId, chatId))
  const [offline, setOffline] = useState<string | null>(null)
  const poll = useRef<MessagePoll | null>(null)
  const visible = useRef(true)
  const messagesRef = useRef(messages)
  messagesRef.current = messages
  const pendingRef = useRef(pending)
  pendingRef.current = pending
  const chatRef = useRef(chat)
  chatRef.current = chat
  const markedRead = useRef<string | undefined>(undefined)
  const alive = useRef(true)

  const markRead = useCallback(() => {
    const last = lastMessageId(messagesRef.current)
    if (!visible.current || !last || last === markedRead.current) return
    markedRead.current = last
    // Seeing the message is what matters; a failed mark is made good by the next one.
    markChatRead(chatId, last).catch(() => {
      if (markedRead.current === last) markedRead.current = undefined
    })
  }, [chatId])

  const absorb = useCallback((incoming: ChatMessageView[], summary?: ChatSummary) => {
    if (summary) setChat(summary)
    if (incoming.length === 0) return
    const merged = mergeMessages(messagesRef.current, incoming)
    messagesRef.current = merged
    setMessages(merged)
    setPending((p) => settlePending(p, merged))
  }, [])

  const stopPoll = useCallback(() => {
    poll.current?.stop()
    poll.current = null
  }, [])

  const startPoll = useCallback(() => {
    if (!alive.current || poll.current || !visible.current || chatRef.current?.status !== 'open') return
    poll.current = startMessagePoll({
      chatId,
      after: lastMessageId(messagesRef.current),
      onPage: (page) => {
        setOffline(null)
        absorb(page.items, page.chat)
        if (page.items.length > 0) markRead()
      },
      onError: (error) => setOffline(`${messageOf(error)}，正在重新连接…`),
      onEnd: (reason, error) => {
        poll.current = null
        setOffline(null)
        if (reason === 'error' && isApiError(error) && error.code === 'NOT_FOUND') setPhase({ kind: 'not-found' })
        else if (reason === 'error') setOffline(messageOf(error))
      },
    })
  }, [chatId, absorb, markRead])

  const reload = useCallback(async () => {
    stopPoll()
    try {
      const page = await getMessages(chatId, { limit: FIRST_PAGE })
      if (!alive.current) return
      messagesRef.current = page.items
      chatRef.current = page.chat
      setMessages(page.items)
      setChat(page.chat)
      setPending((p) => settlePending(p, page.items))
      setPhase({ kind: 'ready' })
      markRead()
      startPoll()
    } catch (error) {
      if (!alive.current) return
      const missing = isApiError(error) && (error.code === 'NOT_FOUND' || (error.status === 400 && error.code === 'VALIDATION_FAILED'))
      if (chatRef.current && !missing) {
        // Already showing the conversation: keep it, and let the loop catch up when the network is back.
        setOffline(messageOf(error))
        startPoll()
      } else setPhase(missing ? { kind: 'not-found' } : { kind: 'error', error })
    }
  }, [chatId, stopPoll, startPoll, markRead])

  useEffect(() => {
    alive.current = true
    void reload()
    return () => {
      alive.current = false
      stopPoll()
    }
  }, [reload, stopPoll])

  useDidShow(() => {
    if (visible.current) return
    visible.current = true
    // Back on screen: catch up at once (the loop's first answer brings what came meanwhile) and mark it read.
    markRead()
    startPoll()
  })
  useDidHide(() => {
    visible.current = false
    stopPoll()
  })

  // Unsent bubbles survive leaving the page.
  useEffect(() => saveOutbox(meId, chatId, pending), [pending])

  const update = (clientId: string, next: Outgoing) => setPending((p) => p.map((o) => (o.clientId === clientId ? next : o)))

  const run = useCallback(
    async (o: Outgoing) => {
      const result = await deliver(chatId, o, (progress) => update(o.clientId, progress))
      if (!alive.current) return
      if (result.ok) {
        setPending((p) => p.filter((x) => x.clientId !== o.clientId))
        absorb([result.message])
        markRead()
        poll.current?.wake()
        return
      }
      update(o.clientId, result.outgoing)
      // Closed or taken by a colleague meanwhile: show the conversation as it is now.
      if (result.changed) void reload()
    },
    [chatId, absorb, markRead, reload],
  )

  const enqueue = (o: Outgoing) => {
    setPending((p) => [...p, o])
    void run(o)
  }

  return {
    phase,
    chat,
    messages,
    pending,
    offline,
    reload,
    sendText: (text) => enqueue(composeText(text)),
    sendFile: (kind, localPath, durationMs = null) => enqueue(composeFile(kind, localPath, durationMs)),
    retry: (clientId) => {
      const o = pendingRef.current.find((x) => x.clientId === clientId)
      if (!o || o.state === 'sending' || o.state === 'uploading') return
      void run({ ...o, state: o.fileId || o.kind === 'text' ? 'sending' : 'uploading', error: undefined })
    },
    discard: (clientId) => setPending((p) => p.filter((o) => o.clientId !== clientId)),
    claim: async () => {
      const summary = await claimChat(chatId)
      if (summary) setChat(summary)
      else await reload()
    },
    close: async (body) => {
      const summary = await closeChat(chatId, body)
      stopPoll()
      if (summary) setChat(summary)
      else await reload()
    },
  }
}
