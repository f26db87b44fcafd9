import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * One movement of a gift's stock, written in the transaction that moves it.
 * Append-only. `reason` is a STOCK_CHANGE_REASONS string (decision 002);
 * `reference` names the order for redemptions and cancellations, so the
 * restore on cancel is unique per order and can only happen once.
 */
export const GiftStockChangeSchema = defineEntity({
  name: 'GiftStockChange',
  tableName: 'gift_stock_change',
  indexes: [{ properties: ['giftId', 'id'] }],
  uniques: [{ properties: ['reason', 'reference'] }],
  properties: {
    ...baseProperties(),
    giftId: p.uuid(),
    delta: p.integer(),
    stockAfter: p.integer(),
    reason: p.string().length(40),
    reference: p.string().length(120).nullable(),
    note: p.string().length(200).nullable(),
    actorId: p.uuid().nullable(),
  },
});
export type GiftStockChange = InferEntity<typeof GiftStockChangeSchema>;
