import { Text, View } from '@tarojs/components'
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KIND_TONE } from '../../labels/notification.zh'
import type { NotificationView } from '../../services/notifications'
import { formatShanghai } from '../../utils/format'

/** One notification: unread dot, what it is about, the message, when; tap opens its ticket (or, for a reply, the conversations). */
export default function NotificationItem({ n, onOpen }: { n: NotificationView; onOpen: () => void }) {
  return (
    <View
      className={`notification${n.read ? '' : ' notification--unread'}`}
      onClick={onOpen}
      data-testid='notification'
      data-id={n.id}
      data-read={n.read ? 'true' : 'false'}
      data-kind={n.kind}
    >
      <View className='notification__dot' />
      <View className='notification__body'>
        <View className='notification__head'>
          <Text className={`notification__kind notification__kind--${NOTIFICATION_KIND_TONE[n.kind]}`}>{NOTIFICATION_KIND_LABELS[n.kind]}</Text>
          <Text className='notification__time'>{formatShanghai(n.createdAt)}</Text>
        </View>
        <Text className='notification__title'>{n.title}</Text>
        {n.body ? <Text className='notification__text'>{n.body}</Text> : null}
        {n.ticketId ? <Text className='notification__link'>查看工单 ›</Text> : null}
        {!n.ticketId && n.kind === 'chat_reply' ? <Text className='notification__link'>查看咨询 ›</Text> : null}
        {n.kind === 'order_update' ? <Text className='notification__link'>查看我的兑换 ›</Text> : null}
        {n.kind === 'privacy_update' ? <Text className='notification__link'>查看我的申请 ›</Text> : null}
      </View>
    </View>
  )
}
