import { Text, View } from '@tarojs/components'
import type { ChatSummary } from '../../../services/chat'
import { formatShanghai } from '../../../utils/format'
import { handlingLine } from '../labels'

interface Props {
  chat: ChatSummary
  meId: string
  /** Engineers and admins see who asked (name, hospital, department). */
  showOwner?: boolean
  onOpen: () => void
}

/** One conversation in a list: who / about what, the last message, when, unread. */
export default function ChatListItem({ chat, meId, showOwner, onOpen }: Props) {
  const org = [chat.owner.hospital, chat.owner.department].filter(Boolean).join(' · ')
  return (
    <View
      className={`chat-item${chat.unread > 0 ? ' chat-item--unread' : ''}`}
      onClick={onOpen}
      data-testid='chat-item'
      data-chat-id={chat.id}
      data-status={chat.status}
      data-unread={chat.unread}
    >
      <View className='chat-item__head'>
        <Text className='chat-item__title'>{showOwner ? chat.owner.name : chat.ticket ? `工单 ${chat.ticket.number}` : '在线咨询'}</Text>
        <Text className={`chat-item__status chat-item__status--${chat.status}${chat.claimedBy ? '' : ' chat-item__status--waiting'}`}>{handlingLine(chat, meId)}</Text>
        <View className='chat-item__grow' />
        {chat.unread > 0 ? (
          <Text className='chat-item__unread' data-testid='chat-item-unread'>
            {chat.unread > 99 ? '99+' : chat.unread}
          </Text>
        ) : null}
      </View>
      {showOwner && (org || chat.ticket) ? (
        <Text className='chat-item__org'>
          {org}
          {chat.ticket ? `${org ? ' · ' : ''}工单 ${chat.ticket.number}` : ''}
        </Text>
      ) : null}
      <Text className='chat-item__preview' data-testid='chat-item-preview'>
        {chat.lastMessage.preview}
      </Text>
      <Text className='chat-item__time'>{formatShanghai(chat.lastMessage.at)}</Text>
    </View>
  )
}
