import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A gift order. Created in the transaction that debits the points and the
 * stock; the address is a sealed snapshot (a later edit or deletion of the
 * saved address does not move a parcel). `status` is an ORDER_STATUSES
 * string (decision 002) and only moves by conditional update from the state
 * it is expected to be in, so a cancel races a cancel or a ship and exactly
 * one wins.
 */
export const RedemptionOrderSchema = defineEntity({
  name: 'RedemptionOrder',
  tableName: 'redemption_order',
  indexes: [
    { properties: ['userId', 'id'] },
    { properties: ['status', 'id'] },
    { properties: ['userId', 'giftId', 'status'] },
    { properties: ['userId', 'createdAt'] },
  ],
  checks: [{ name: 'redemption_order_quantity_check', expression: 'quantity > 0' }],
  properties: {
    ...baseProperties(),
    number: p.string().length(20).unique(),
    userId: p.uuid(),
    giftId: p.uuid(),
    /** The gift's name when ordered (the catalog may be renamed later). */
    giftName: p.string().length(60),
    quantity: p.integer(),
    pointsTotal: p.integer(),
    valueYuanTotal: p.integer(),
    addressSealed: p.text(),
    status: p.string().length(20),
    carrier: p.string().length(20).nullable(),
    trackingNo: p.string().length(40).nullable(),
    shippedAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    /** 'user' or 'admin'. */
    cancelledBy: p.string().length(10).nullable(),
    cancelledById: p.uuid().nullable(),
    cancelReason: p.string().length(200).nullable(),
    updatedAt: p.datetime().nullable(),
  },
});
export type RedemptionOrder = InferEntity<typeof RedemptionOrderSchema>;
