import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { newId } from '../ids';
import { OutboxMessageSchema } from './outbox-message.entity';

export interface OutboxInput {
  /** Which handler delivers it, e.g. `notify`. */
  topic: string;
  /** Same key, same message: a second enqueue is ignored and delivery is harmless to repeat. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  /** Not before this time (defaults to now). */
  availableAt?: Date;
}

/**
 * Adds a message to the outbox in the caller's transaction, so it commits
 * (or rolls back) with the change that caused it. An existing message with
 * the same dedupe key wins.
 */
export async function enqueue(tx: EntityManager, now: Date, message: OutboxInput): Promise<void> {
  await (tx as SqlEntityManager)
    .createQueryBuilder(OutboxMessageSchema)
    .insert({
      id: newId(),
      createdAt: now,
      topic: message.topic,
      dedupeKey: message.dedupeKey.slice(0, 200),
      payload: message.payload,
      attempts: 0,
      availableAt: message.availableAt ?? now,
      deliveredAt: null,
      lastError: null,
    })
    .onConflict('dedupeKey')
    .ignore()
    .execute();
}
