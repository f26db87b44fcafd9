import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A request about personal information that needs a person (PIPL Art. 44–50):
 * access, correction, deletion, transfer, explanation, complaint. Due 15 days
 * after receipt (`dueAt`); received only after the requester re-verified their
 * identity with a fresh SMS code (`verifiedAt`). `type`, `status` and
 * `refusalReason` are strings checked against shared/schemas/privacy-requests.schema.ts
 * (decision 002). The free text is sealed like every personal field.
 */
export const PrivacyRequestSchema = defineEntity({
  name: 'PrivacyRequest',
  tableName: 'privacy_request',
  indexes: [{ properties: ['userId', 'id'] }, { properties: ['status', 'dueAt'] }],
  properties: {
    ...baseProperties(),
    userId: p.uuid(),
    type: p.string().length(20),
    status: p.string().length(20),
    detailsSealed: p.text().nullable(),
    verifiedAt: p.datetime(),
    dueAt: p.datetime(),
    handledById: p.uuid().nullable(),
    outcomeSealed: p.text().nullable(),
    refusalReason: p.string().length(40).nullable(),
    closedAt: p.datetime().nullable(),
    updatedAt: p.datetime().nullable(),
  },
});
export type PrivacyRequest = InferEntity<typeof PrivacyRequestSchema>;
