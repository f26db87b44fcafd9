import type { EntityManager } from '@mikro-orm/core';
import type { NotificationKind } from '../../../../shared/notifications';
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
}

/**
 * Tells a user something, after the caller's transaction commits: the
 * in-app list always, WeChat when the user allowed that template. Call it
 * inside the transaction that makes the change.
 */
export async function notifyUser(tx: EntityManager, now: Date, input: NotifyInput): Promise<void> {
  await enqueue(tx, now, { topic: 'notify', dedupeKey: `notify:${input.dedupeKey}`, payload: { ...input } });
}
