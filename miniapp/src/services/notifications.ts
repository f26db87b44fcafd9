import type { SubscribeResult, TemplateKey } from '@shared/notifications'
import {
  NotificationPageSchema,
  SubscriptionsViewSchema,
  type MarkRead,
  type NotificationPage,
  type NotificationView,
  type SubscriptionsView,
} from '@shared/schemas/notifications.schema'
import { SUBSCRIBE_RESULTS } from '@shared/notifications'
import { request, requestParsed } from './http'

export type { NotificationPage, NotificationView, SubscriptionsView }
export type SubscriptionTemplate = SubscriptionsView['templates'][number]
export type SubscriptionAnswers = Partial<Record<TemplateKey, SubscribeResult>>

/** GET /notifications: newest first; `unread` counts all of the user's unread ones (for the badge). */
export function listNotifications({ cursor, limit = 20 }: { cursor?: string; limit?: number } = {}): Promise<NotificationPage> {
  return requestParsed(NotificationPageSchema, '/notifications', { query: { cursor, limit } })
}

/** POST /notifications/read: some by id, or all of them. */
export async function markNotificationsRead(which: MarkRead): Promise<void> {
  await request('/notifications/read', { method: 'POST', body: which })
}

/** GET /notifications/subscriptions: the WeChat templates to ask for (ids are configuration) and what each still allows. */
export function getSubscriptions(): Promise<SubscriptionsView> {
  return requestParsed(SubscriptionsViewSchema, '/notifications/subscriptions')
}

/** POST /notifications/subscriptions: what the user answered, by our template key. */
export async function saveSubscriptionAnswers(results: SubscriptionAnswers): Promise<void> {
  await request('/notifications/subscriptions', { method: 'POST', body: { results } })
}

/** WeChat asks for at most three templates in one prompt. */
export const MAX_TEMPLATES_PER_PROMPT = 3

/** What the prompt after reporting a fault asks for; gift orders ask for `order_status` on their own page. */
export const TICKET_TEMPLATE_KEYS: readonly TemplateKey[] = ['ticket_status', 'ticket_comment', 'sla_warning']

/** The templates one prompt asks for: those configured, in the server's order, at most three. */
export function templatesToAsk(view: SubscriptionsView, keys: readonly TemplateKey[] = TICKET_TEMPLATE_KEYS): SubscriptionTemplate[] {
  return view.templates.filter((t) => t.templateId.length > 0 && keys.includes(t.key)).slice(0, MAX_TEMPLATES_PER_PROMPT)
}

const isSubscribeResult = (value: unknown): value is SubscribeResult => SUBSCRIBE_RESULTS.some((r) => r === value)

/**
 * `wx.requestSubscribeMessage` answers by template id (`{ [tmplId]: 'accept' | 'reject' | 'ban' | 'filter', errMsg }`);
 * the server wants our keys. Ids WeChat did not answer, or answered `filter` (template unusable), are left out.
 */
export function answersByKey(templates: readonly SubscriptionTemplate[], answer: object): SubscriptionAnswers {
  const byId = new Map<string, unknown>(Object.entries(answer))
  const out: SubscriptionAnswers = {}
  for (const t of templates) {
    const value = byId.get(t.templateId)
    if (isSubscribeResult(value)) out[t.key] = value
  }
  return out
}
