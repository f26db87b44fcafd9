/**
 * WeChat subscription-message templates the service uses, by our own key.
 * The template ids are configuration (they differ per mini-program); the
 * mini-program gets them from `GET /notifications/subscriptions` and maps
 * `wx.requestSubscribeMessage` results (keyed by template id) back to these keys.
 */
export const TEMPLATE_KEYS = ['ticket_status', 'ticket_comment', 'sla_warning', 'order_status'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** What a notification is about; decides its icon and which template its WeChat copy uses. */
export const NOTIFICATION_KINDS = ['ticket_status', 'ticket_assigned', 'ticket_comment', 'sla_warning', 'sla_breach', 'chat_reply', 'order_update', 'privacy_update'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The WeChat template a kind's copy goes out with. A kind left out is in-app
 * only: its delivery skips the WeChat copy (reason `no_template`).
 */
export const TEMPLATE_FOR_KIND: Partial<Record<NotificationKind, TemplateKey>> = {
  ticket_status: 'ticket_status',
  ticket_assigned: 'ticket_status',
  ticket_comment: 'ticket_comment',
  sla_warning: 'sla_warning',
  sla_breach: 'sla_warning',
  // No template of its own: a reply in a conversation reads like a comment.
  chat_reply: 'ticket_comment',
  // A gift order shipped, delivered or cancelled by an admin.
  order_update: 'order_status',
  // privacy_update (a privacy request taken up, answered, noted): in-app only, no template.
};

export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban'] as const;
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];
