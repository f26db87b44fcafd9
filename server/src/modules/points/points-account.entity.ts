import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A person's current points balance: a cache of the sum of their ledger
 * entries, kept so the "never negative" rule can be one conditional update
 * (and a CHECK the database enforces even if code is wrong).
 */
export const PointsAccountSchema = defineEntity({
  name: 'PointsAccount',
  tableName: 'points_account',
  checks: [{ name: 'points_account_balance_check', expression: 'balance >= 0' }],
  properties: {
    ...baseProperties(),
    userId: p.uuid().unique(),
    balance: p.integer().default(0),
    /** The seq of this person's latest entry: bumped with the balance under the row lock, so it orders entries as the balance moved. */
    lastSeq: p.integer().default(0),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PointsAccount = InferEntity<typeof PointsAccountSchema>;
