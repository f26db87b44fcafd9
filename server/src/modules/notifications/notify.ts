import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../../shared/notifications';
import { newId } from '../../core/ids';
import { enqueue } from '../../core/outbox/outbox';

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  ticketId: string | null;
  /** Short, names no person: e.g. `工单 R20261122-0001 已受理`. */
  title: string;
  body: string;
  /** Unique per thing notified and recipient, e.g. `ticket-event:<eventId>:<userId>`. */
  dedupeKey: string;
  /** Mini-program page the WeChat message opens, e.g. `packages/ticket/detail/index?id=…`. */
  page?: string;
  /** The WeChat template's status word (at most 5 characters, e.g. 已受理); a default by kind otherwise. */
  phrase?: string;
  /** For a notice not about a ticket: the number WeChat shows in the template's 编号 field (a gift order's `DH…`). */
  number?: string;
}

/** The `notify` topic's payload, checked again when delivered (a message can outlive a deploy). */
export const NotifyPayloadSchema = z.object({
  userId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  ticketId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  dedupeKey: z.string(),
  page: z.string().optional(),
  phrase: z.string().optional(),
  number: z.string().optional(),
  /** Drawn when the cause commits, so the in-app list keeps the order things happened in, whatever the delivery order. */
  notificationId: z.string().optional(),
});
export type NotifyPayload = z.infer<typeof NotifyPayloadSchema>;

export const NOTIFY_TOPIC = 'notify';

/**
 * Tells a user something, after the caller's transaction commits: the
 * in-app list always, WeChat when the user allowed that template. Call it
 * inside the transaction that makes the change.
 */
export async function notifyUser(tx: EntityManager, now: Date, input: NotifyInput): Promise<void> {
  const payload: NotifyPayload = { ...input, notificationId: newId() };
  await enqueue(tx, now, { topic: NOTIFY_TOPIC, dedupeKey: `notify:${input.dedupeKey}`, payload });
}
