import { Image, Text, View } from '@tarojs/components'
import StoredImage from '../../../components/StoredImage'
import { ROLE_LABELS } from '../../../labels/ticket.zh'
import type { ChatMessageView } from '../../../services/chat'
import type { Outgoing } from '../../../services/chat-outgoing'
import { previewImage } from '../../../services/preview'
import { formatShanghai } from '../../../utils/format'
import VoiceBubble from './VoiceBubble'

/** `李工（工程师）` above someone else's message. */
export function authorLabel(m: ChatMessageView): string {
  const role = ROLE_LABELS[m.author.role]
  if (!m.author.name) return role ?? ''
  return role && m.author.role !== 'staff' ? `${m.author.name}（${role}）` : m.author.name
}

function Body({ kind, text, fileId, localPath, durationMs, mine }: { kind: string; text?: string | null; fileId?: string | null; localPath?: string; durationMs?: number | null; mine: boolean }) {
  if (kind === 'image') {
    if (fileId) return <StoredImage fileId={fileId} alt='聊天图片' testId='chat-image' />
    return (
      <View className='stored-image' data-testid='chat-image'>
        {localPath ? <Image className='stored-image__img' src={localPath} mode='aspectFill' onClick={() => previewImage(localPath)} /> : <Text>图片</Text>}
      </View>
    )
  }
  if (kind === 'voice') return <VoiceBubble fileId={fileId} localPath={localPath} durationMs={durationMs} mine={mine} />
  return (
    <View className={`bubble${mine ? ' bubble--mine' : ''}`}>
      <Text className='bubble__text' userSelect>
        {text ?? ''}
      </Text>
    </View>
  )
}

interface SentProps {
  m: ChatMessageView
  /** Show who wrote it (the previous message is someone else's). */
  showAuthor: boolean
}

/** A stored message: mine on the right, theirs on the left with name and role. */
export function SentMessage({ m, showAuthor }: SentProps) {
  return (
    <View className={`msg${m.mine ? ' msg--mine' : ''}`} data-testid='chat-message' data-state='sent' data-id={m.id} data-mine={m.mine ? 'true' : 'false'} data-kind={m.kind}>
      {!m.mine && showAuthor ? (
        <Text className='msg__author' data-testid='chat-message-author'>
          {authorLabel(m)}
        </Text>
      ) : null}
      <Body kind={m.kind} text={m.text} fileId={m.fileId} mine={m.mine} />
      <Text className='msg__meta'>{formatShanghai(m.createdAt).slice(5)}</Text>
    </View>
  )
}

interface PendingProps {
  o: Outgoing
  /** Hidden when the conversation no longer takes messages. */
  canRetry: boolean
  onRetry: () => void
  onEdit: () => void
  onDiscard: () => void
}

/** One of my messages on its way: 发送中, or failed with 重试 (same clientId), or refused by content security. */
export function PendingMessage({ o, canRetry, onRetry, onEdit, onDiscard }: PendingProps) {
  const state = o.state === 'uploading' ? 'sending' : o.state
  return (
    <View className='msg msg--mine msg--pending' data-testid='chat-message' data-state={state} data-phase={o.state} data-client-id={o.clientId} data-mine='true' data-kind={o.kind}>
      <Body kind={o.kind} text={o.text} fileId={o.fileId} localPath={o.localPath} durationMs={o.durationMs} mine />
      {o.state === 'uploading' || o.state === 'sending' ? <Text className='msg__meta'>{o.state === 'uploading' ? '上传中…' : '发送中…'}</Text> : null}
      {o.state === 'failed' ? (
        <>
          <View className='msg__failed'>
            <Text className='msg__error'>发送失败</Text>
            {canRetry ? (
              <Text className='msg__retry' onClick={onRetry} data-testid='chat-retry'>
                重试
              </Text>
            ) : null}
            {o.kind === 'text' ? (
              <Text className='msg__link' onClick={onEdit} data-testid='chat-edit'>
                修改
              </Text>
            ) : null}
            <Text className='msg__link' onClick={onDiscard} data-testid='chat-discard'>
              删除
            </Text>
          </View>
          {o.error ? (
            <Text className='msg__reason' data-testid='chat-message-error'>
              {o.error}
            </Text>
          ) : null}
        </>
      ) : null}
      {o.state === 'rejected' ? (
        <View className='msg__failed'>
          <Text className='msg__error' data-testid='chat-message-rejected'>
            {o.error ?? '消息包含不当内容，未发送'}
          </Text>
          <Text className='msg__link' onClick={onEdit} data-testid='chat-edit'>
            修改
          </Text>
          <Text className='msg__link' onClick={onDiscard} data-testid='chat-discard'>
            删除
          </Text>
        </View>
      ) : null}
    </View>
  )
}
