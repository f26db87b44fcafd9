import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { RedemptionOrderSchema } from '../redemptions/redemption-order.entity';

/**
 * Units of each gift held in orders that are not cancelled — one person's
 * (against the per-person limit) or everyone's (the admin's redeemed count)
 * — in one grouped query rather than one per gift.
 */
export async function redeemedUnits(em: EntityManager, userId?: string): Promise<Map<string, number>> {
  const found = await (em as SqlEntityManager)
    .createQueryBuilder(RedemptionOrderSchema)
    .select(['giftId', raw('sum(quantity) as units')])
    .where({ status: { $ne: 'cancelled' }, ...(userId ? { userId } : {}) })
    .groupBy('giftId')
    .execute<{ giftId: string; units: number | string }[]>('all');
  return new Map(found.map((r) => [r.giftId, Number(r.units)]));
}
