import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * One movement of a person's points. Append-only: never updated after the
 * posting transaction, never deleted. `idempotencyKey` is unique so a retried
 * event (approval, rating, first read, a double-tapped adjustment) posts once.
 * `reason` is a string validated against POINTS_REASONS (decision 002).
 */
export const PointsEntrySchema = defineEntity({
  name: 'PointsEntry',
  tableName: 'points_entry',
  indexes: [{ properties: ['userId', 'id'] }, { properties: ['userId', 'seq'] }, { properties: ['userId', 'reason', 'createdAt'] }, { properties: ['createdAt'] }],
  properties: {
    ...baseProperties(),
    userId: p.uuid(),
    delta: p.integer(),
    balanceAfter: p.integer(),
    /**
     * Position in this person's ledger, in the order the balance actually
     * moved (ids are minted before the row lock, so concurrent postings can
     * commit out of id order). The latest entry is the highest seq.
     */
    seq: p.integer(),
    reason: p.string().length(40),
    /** What caused it, e.g. `ticket:<id>`, `user:<id>`, `document:<id>`. */
    reference: p.string().length(120).nullable(),
    idempotencyKey: p.string().length(200).unique(),
    /** The admin, for manual adjustments. */
    actorId: p.uuid().nullable(),
    note: p.string().length(200).nullable(),
  },
});
export type PointsEntry = InferEntity<typeof PointsEntrySchema>;
