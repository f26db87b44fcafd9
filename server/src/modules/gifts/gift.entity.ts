import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A gift in the points catalog. `stock` only moves through a guarded update
 * that also writes a `gift_stock_change` row (admin change, redemption,
 * cancellation), and the CHECK keeps it from going below zero whatever the
 * code does.
 */
export const GiftSchema = defineEntity({
  name: 'Gift',
  checks: [{ name: 'gift_stock_check', expression: 'stock >= 0' }],
  properties: {
    ...baseProperties(),
    name: p.string().length(60),
    description: p.string().length(300),
    pointsPrice: p.integer(),
    /** Market value in whole yuan: gifts to healthcare professionals are capped by value. */
    valueYuan: p.integer(),
    stock: p.integer(),
    perPersonLimit: p.integer().default(1),
    active: p.boolean().default(true),
    /** Stored files (purpose gift_image) in display order; the first is the cover. */
    imageIds: p.json<string[]>().nullable(),
    /** Redeemable only from / until these instants when set. */
    activeFrom: p.datetime().nullable(),
    activeUntil: p.datetime().nullable(),
    updatedAt: p.datetime().nullable(),
  },
});
export type Gift = InferEntity<typeof GiftSchema>;
