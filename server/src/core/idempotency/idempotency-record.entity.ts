import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A create that cost something, remembered by the caller's Idempotency-Key:
 * written in the same transaction as the thing it created, so a retry after
 * a crash, a timeout or a double tap finds it and gets the same answer.
 */
export const IdempotencyRecordSchema = defineEntity({
  name: 'IdempotencyRecord',
  tableName: 'idempotency_record',
  uniques: [{ properties: ['userId', 'route', 'key'] }],
  properties: {
    ...baseProperties(),
    userId: p.uuid(),
    route: p.string().length(60),
    key: p.string().length(100),
    bodyHash: p.string().length(64),
    /** Null while the first request is still running. */
    responseBody: p.json<unknown>().nullable(),
  },
});
export type IdempotencyRecord = InferEntity<typeof IdempotencyRecordSchema>;
