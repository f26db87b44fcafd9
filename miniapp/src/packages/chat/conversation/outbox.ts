import Taro from '@tarojs/taro'
import type { Outgoing } from '../../../services/chat-outgoing'

const KEY = 'scopedesk.chatOutbox'
const MAX_PER_CHAT = 20

interface Stored {
  v: 1
  userId: string
  chats: Record<string, Outgoing[]>
}

function readAll(userId: string): Stored {
  try {
    const value = Taro.getStorageSync(KEY) as Stored | ''
    if (value && value.v === 1 && value.userId === userId && typeof value.chats === 'object') return value
  } catch {
    // Unreadable storage: start empty.
  }
  return { v: 1, userId, chats: {} }
}

/**
 * A message that could not be sent is kept on the device until it is sent
 * or the user discards it, so leaving the conversation never loses it. Only
 * what can be resent later is kept: text, and files already uploaded (a
 * blob: URL or temp path does not outlive the page).
 */
export function saveOutbox(userId: string, chatId: string, pending: readonly Outgoing[]): void {
  const keep = pending
    .filter((o) => o.state === 'failed' || o.state === 'rejected' || o.state === 'sending' || o.state === 'uploading')
    .filter((o) => o.kind === 'text' || Boolean(o.fileId))
    .slice(-MAX_PER_CHAT)
    .map((o) => ({ ...o, localPath: undefined }))
  try {
    const all = readAll(userId)
    if (keep.length > 0) all.chats[chatId] = keep
    else delete all.chats[chatId]
    if (Object.keys(all.chats).length > 0) Taro.setStorageSync(KEY, all)
    else Taro.removeStorageSync(KEY)
  } catch {
    // Storage full or unavailable: the bubbles stay on screen while the page is open.
  }
}

/** What was left unsent in this conversation, shown again as failed (重试 resends it with the same clientId). */
export function readOutbox(userId: string, chatId: string): Outgoing[] {
  return (readAll(userId).chats[chatId] ?? []).map((o) =>
    o.state === 'rejected' ? o : { ...o, state: 'failed' as const, error: o.error ?? '未发送，请重试' },
  )
}
