import type { NotificationKind } from '@shared/notifications'

/** A short tag before a notification's title: what it is about. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  ticket_status: '工单进度',
  ticket_assigned: '工单指派',
  ticket_comment: '工单留言',
  sla_warning: '时限提醒',
  sla_breach: '已超时',
  chat_reply: '咨询回复',
  order_update: '礼品订单',
  privacy_update: '个人信息申请',
}

/** Kinds that need attention drawn in orange or red. */
export const NOTIFICATION_KIND_TONE: Record<NotificationKind, 'info' | 'warning' | 'danger'> = {
  ticket_status: 'info',
  ticket_assigned: 'info',
  ticket_comment: 'info',
  sla_warning: 'warning',
  sla_breach: 'danger',
  chat_reply: 'info',
  order_update: 'info',
  privacy_update: 'info',
}
