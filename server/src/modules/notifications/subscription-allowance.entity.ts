import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * How many WeChat subscription messages of one template the user allowed
 * (wechat.md: one message per `accept` from wx.requestSubscribeMessage).
 */
export const SubscriptionAllowanceSchema = defineEntity({
  name: 'SubscriptionAllowance',
  tableName: 'subscription_allowance',
  uniques: [{ properties: ['userId', 'templateKey'] }],
  properties: {
    ...baseProperties(),
    userId: p.uuid(),
    templateKey: p.string().length(40),
    remaining: p.integer().default(0),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type SubscriptionAllowance = InferEntity<typeof SubscriptionAllowanceSchema>;
