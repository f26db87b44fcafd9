import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * Work that must happen after a commit (notifications, WeChat messages, SLA
 * warnings), written in the same transaction as the change that causes it.
 * The worker delivers it at least once; `dedupeKey` makes a repeat harmless
 * and a second enqueue of the same thing a no-op.
 */
export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  indexes: [{ properties: ['deliveredAt', 'availableAt'] }],
  properties: {
    ...baseProperties(),
    topic: p.string().length(40),
    dedupeKey: p.string().length(200).unique(),
    payload: p.json<Record<string, unknown>>(),
    attempts: p.integer().default(0),
    /** Not before this time: the next attempt after a failure, or the lease end while a worker holds it. */
    availableAt: p.datetime(),
    deliveredAt: p.datetime().nullable(),
    lastError: p.text().nullable(),
  },
});
export type OutboxMessage = InferEntity<typeof OutboxMessageSchema>;
