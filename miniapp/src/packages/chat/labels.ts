import type { ChatSummary } from '../../services/chat'

export const CHAT_STATUS_LABELS: Record<ChatSummary['status'], string> = {
  open: '进行中',
  closed: '已结束',
}

/** `待认领`, `李工 接待中`, or `已结束` for a conversation in a list or a header. */
export function handlingLine(chat: ChatSummary, meId: string): string {
  if (chat.status === 'closed') return '已结束'
  if (!chat.claimedBy) return '待工程师接待'
  return chat.claimedBy.id === meId ? '我接待中' : `${chat.claimedBy.name} 接待中`
}
