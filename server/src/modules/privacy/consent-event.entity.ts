import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ConsentPurpose } from '../../../../shared/schemas/privacy.schema';
import { baseProperties } from '../../db/base.entity';

/** Append-only record of every consent given or withdrawn (PIPL Art. 14, 15): never updated. */
export const ConsentEventSchema = defineEntity({
  name: 'ConsentEvent',
  tableName: 'consent_event',
  properties: {
    ...baseProperties(),
    userId: p.uuid().index(),
    action: p.enum(['grant', 'withdraw']),
    policyVersion: p.string().length(20),
    purposes: p.json<ConsentPurpose[]>(),
    adult: p.boolean(),
    textHash: p.string().length(64),
    requestId: p.string().length(64).nullable(),
  },
});
export type ConsentEvent = InferEntity<typeof ConsentEventSchema>;
