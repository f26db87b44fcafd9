import type { EntityManager } from '@mikro-orm/core';
import { DealerSchema } from './dealer.entity';

/** Dealers a ticket can be entrusted to (the delegation picker): active ones, by name; no contract details. */
export async function activeDealers(em: EntityManager): Promise<{ items: { id: string; name: string }[] }> {
  const dealers = await em.find(DealerSchema, { active: true }, { orderBy: { name: 'asc' } });
  return { items: dealers.map((d) => ({ id: d.id, name: d.name })) };
}
