import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * An entry in a user's in-app notification list. Text names the ticket by
 * number and status only, never a person. `wechatState` follows the WeChat
 * copy of the same message: `skipped` (no allowance), `claimed` (allowance
 * spent, send pending — resent after a crash), `sent`.
 */
export const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  // The page, newest first; the unread badge count and the unread filter (read_at is null).
  indexes: [{ properties: ['userId', 'id'] }, { properties: ['userId', 'readAt', 'id'] }],
  properties: {
    ...baseProperties(),
    userId: p.uuid(),
    kind: p.string().length(40),
    ticketId: p.uuid().nullable(),
    title: p.string().length(80),
    body: p.string().length(300),
    readAt: p.datetime().nullable(),
    dedupeKey: p.string().length(200).unique(),
    wechatState: p.string().length(10).nullable(),
    wechatMsgId: p.string().length(40).nullable(),
  },
});
export type Notification = InferEntity<typeof NotificationSchema>;
