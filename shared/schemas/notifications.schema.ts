import { z } from 'zod';
import { NOTIFICATION_KINDS, SUBSCRIBE_RESULTS, TEMPLATE_KEYS } from '../notifications';
import { IsoDateTime } from './common.schema';

export const NotificationViewSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  ticketId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  read: z.boolean(),
  createdAt: IsoDateTime,
});
export type NotificationView = z.infer<typeof NotificationViewSchema>;

export const NotificationListQuerySchema = z.object({
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  unread: z.enum(['true', 'false']).optional(),
});

/** Newest first; `unread` counts all the user's unread notifications (for the badge). */
export const NotificationPageSchema = z.object({
  items: z.array(NotificationViewSchema),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

/** Mark some (`ids`) or all (`all: true`) as read. */
export const MarkReadSchema = z
  .object({ ids: z.array(z.string().uuid()).max(100).optional(), all: z.boolean().optional() })
  .refine((b) => Boolean(b.all) || Boolean(b.ids?.length), { path: ['ids'], message: '请选择要标为已读的消息' });
export type MarkRead = z.infer<typeof MarkReadSchema>;

/** What `wx.requestSubscribeMessage` answered, per template key. */
export const SubscriptionResultsSchema = z.object({
  results: z.partialRecord(z.enum(TEMPLATE_KEYS), z.enum(SUBSCRIBE_RESULTS)),
});
export type SubscriptionResults = z.infer<typeof SubscriptionResultsSchema>;

/** The templates to ask for (ids from configuration) and how many messages of each the user still allows. */
export const SubscriptionsViewSchema = z.object({
  templates: z.array(z.object({ key: z.enum(TEMPLATE_KEYS), templateId: z.string(), title: z.string() })),
  allowances: z.partialRecord(z.enum(TEMPLATE_KEYS), z.number().int()),
});
export type SubscriptionsView = z.infer<typeof SubscriptionsViewSchema>;
