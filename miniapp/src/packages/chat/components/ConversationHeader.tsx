import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import type { ChatSummary } from '../../../services/chat'
import { CHAT_STATUS_LABELS, handlingLine } from '../labels'

interface Props {
  chat: ChatSummary
  me: Me
  answerer: boolean
  canClaim: boolean
  canClose: boolean
  claiming: boolean
  onClaim: () => void
  onClose: () => void
  onOpenTicket?: () => void
}

/** Above the messages: who asked (for answerers), about which ticket, who is handling it, and 认领 / 结束会话. */
export default function ConversationHeader({ chat, me, answerer, canClaim, canClose, claiming, onClaim, onClose, onOpenTicket }: Props) {
  const org = [chat.owner.hospital, chat.owner.department].filter(Boolean).join(' · ')
  return (
    <View className='conv-head' data-testid='chat-header'>
      <View className='conv-head__inner page-narrow'>
        <View className='conv-head__info'>
          <View className='conv-head__row'>
            <Text className={`conv-head__status conv-head__status--${chat.status}`} data-testid='chat-status' data-status={chat.status}>
              {CHAT_STATUS_LABELS[chat.status]}
            </Text>
            <Text className='conv-head__title'>{answerer ? chat.owner.name : '在线咨询'}</Text>
          </View>
          {answerer && org ? <Text className='conv-head__line'>{org}</Text> : null}
          <Text className='conv-head__line' data-testid='chat-handling'>
            {handlingLine(chat, me.id)}
          </Text>
          {chat.ticket ? (
            <Text className='conv-head__ticket' onClick={onOpenTicket} data-testid='chat-ticket'>
              关于工单 {chat.ticket.number} ›
            </Text>
          ) : null}
        </View>
        <View className='conv-head__actions'>
          {canClaim ? (
            <Button size='small' type='primary' loading={claiming} disabled={claiming} onClick={onClaim} data-testid='chat-claim'>
              {chat.claimedBy ? '接手' : '认领'}
            </Button>
          ) : null}
          {canClose ? (
            <Button size='small' fill='outline' type='danger' onClick={onClose} data-testid='chat-close'>
              结束会话
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  )
}
