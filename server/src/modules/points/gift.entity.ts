import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

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
  },
});
export type Gift = InferEntity<typeof GiftSchema>;
