import type { ChatMessageCreate } from '@shared/schemas/chat.schema'
import { isApiError } from './api-error'
import { sendMessage, type ChatMessageView } from './chat'
import { messageOf } from './errors.zh'
import { createIdempotencyKey } from './idempotency'
import { uploadFile } from './upload'

export type OutgoingKind = ChatMessageCreate['kind']

/**
 * A message on its way: shown as a bubble from the moment it is composed
 * until the server's copy replaces it. `failed` keeps it (and its clientId)
 * for 重试; `rejected` is final (content security refused the text).
 */
export type OutgoingState = 'uploading' | 'sending' | 'failed' | 'rejected'

export interface Outgoing {
  /** Made once when composed and sent with every attempt: the server stores the message once. */
  clientId: string
  kind: OutgoingKind
  text?: string
  /** The picked or recorded file (weapp temp path, H5 blob: URL) until it is uploaded. */
  localPath?: string
  /** Set once the upload went through: a retry only resends the message. */
  fileId?: string
  durationMs?: number | null
  state: OutgoingState
  /** Why it failed, in Chinese. */
  error?: string
  /** When it was composed (ISO): pending bubbles keep this order. */
  composedAt: string
}

export const CONTENT_REJECTED_TEXT = '消息包含不当内容，未发送'
export const CHAT_CLOSED_TEXT = '会话已结束，消息未发送'

/** The server's Chinese reason for a 409 (咨询已结束, 已由其他工程师接待) when it gives one. */
function conflictText(detail: string | undefined): string {
  return detail && /[\u4e00-\u9fff]/.test(detail) ? `${detail}，消息未发送` : CHAT_CLOSED_TEXT
}

export function composeText(text: string): Outgoing {
  return { clientId: createIdempotencyKey(), kind: 'text', text: text.trim(), state: 'sending', composedAt: new Date().toISOString() }
}

export function composeFile(kind: 'image' | 'voice', localPath: string, durationMs: number | null = null): Outgoing {
  return { clientId: createIdempotencyKey(), kind, localPath, durationMs, state: 'uploading', composedAt: new Date().toISOString() }
}

export type Delivery =
  | { ok: true; message: ChatMessageView }
  /** `changed`: the server answered 409 (the conversation was closed, or a colleague took it): reload it. */
  | { ok: false; outgoing: Outgoing; changed: boolean }

function uploadError(err: unknown): string {
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return '文件太大，未发送'
  if (isApiError(err) && (err.code === 'UNSUPPORTED_MEDIA_TYPE' || err.code === 'VALIDATION_FAILED')) return '文件格式不支持，未发送'
  return `上传失败：${messageOf(err)}`
}

/**
 * Sends one outgoing message: uploads its file first (`chat` purpose) if it
 * has none yet, then posts it with its clientId. Never throws: a failure
 * comes back as the bubble to show, with what has been done kept (an
 * uploaded fileId is not uploaded again).
 */
export async function deliver(chatId: string, outgoing: Outgoing, onProgress?: (o: Outgoing) => void): Promise<Delivery> {
  let current: Outgoing = { ...outgoing, error: undefined }
  if (current.kind !== 'text' && !current.fileId) {
    if (!current.localPath) return { ok: false, outgoing: { ...current, state: 'failed', error: '文件已失效，请重新选择' }, changed: false }
    current = { ...current, state: 'uploading' }
    onProgress?.(current)
    try {
      const stored = await uploadFile(current.localPath!, 'chat')
      current = { ...current, fileId: stored.id }
    } catch (err) {
      return { ok: false, outgoing: { ...current, state: 'failed', error: uploadError(err) }, changed: false }
    }
  }
  current = { ...current, state: 'sending' }
  onProgress?.(current)
  const body: ChatMessageCreate =
    current.kind === 'text'
      ? { kind: 'text', text: current.text ?? '', clientId: current.clientId }
      : { kind: current.kind, fileId: current.fileId, clientId: current.clientId }
  try {
    return { ok: true, message: await sendMessage(chatId, body) }
  } catch (err) {
    if (isApiError(err) && err.code === 'CONTENT_REJECTED') return { ok: false, outgoing: { ...current, state: 'rejected', error: CONTENT_REJECTED_TEXT }, changed: false }
    if (isApiError(err) && err.status === 409) return { ok: false, outgoing: { ...current, state: 'failed', error: conflictText(err.detail) }, changed: true }
    return { ok: false, outgoing: { ...current, state: 'failed', error: messageOf(err) }, changed: false }
  }
}
