import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * An entrusted dealer organisation (PIPL Art. 21/23 recipient): the contract
 * under which it receives ticket data and the purposes it may use it for.
 */
export const DealerSchema = defineEntity({
  name: 'Dealer',
  properties: {
    ...baseProperties(),
    name: p.string().length(100).unique(),
    contractRef: p.string().length(60),
    purposes: p.json<string[]>(),
    active: p.boolean().default(true),
  },
});
export type Dealer = InferEntity<typeof DealerSchema>;
