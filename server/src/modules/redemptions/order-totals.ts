import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { shanghaiYearStart } from '../points/shanghai-time';
import { RedemptionOrderSchema } from './redemption-order.entity';

/** What a person's orders add up to, cancelled ones left out: the figures the caps are checked against. */
async function sumOf(tx: EntityManager, column: 'quantity' | 'value_yuan_total', where: Record<string, unknown>): Promise<number> {
  const found = await (tx as SqlEntityManager)
    .createQueryBuilder(RedemptionOrderSchema)
    .select(raw(`coalesce(sum(${column}), 0) as total`))
    .where({ ...where, status: { $ne: 'cancelled' } })
    .execute<{ total: number | string }>('get', false);
  return Number(found?.total ?? 0);
}

/** Units of this gift in the person's orders that are not cancelled (against the per-person limit). */
export function unitsHeld(tx: EntityManager, userId: string, giftId: string): Promise<number> {
  return sumOf(tx, 'quantity', { userId, giftId });
}

/** Value of the person's orders this Shanghai year that are not cancelled (against the yearly cap). */
export function valueThisYear(tx: EntityManager, userId: string, now: Date): Promise<number> {
  return sumOf(tx, 'value_yuan_total', { userId, createdAt: { $gte: shanghaiYearStart(now) } });
}

