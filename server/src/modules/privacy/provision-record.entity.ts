import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * Append-only record of personal data given to an entrusted dealer (PIPL
 * Art. 23/55): one row for every ticket a dealer's staff member reads, with
 * which fields, for which purpose. The reporter sees their own rows.
 */
export const ProvisionRecordSchema = defineEntity({
  name: 'ProvisionRecord',
  tableName: 'provision_record',
  properties: {
    ...baseProperties(),
    ticketId: p.uuid().index(),
    subjectUserId: p.uuid().index(),
    dealerId: p.uuid().index(),
    recipientUserId: p.uuid(),
    purpose: p.string().length(30),
    fields: p.json<string[]>(),
    requestId: p.string().length(64).nullable(),
  },
});
export type ProvisionRecord = InferEntity<typeof ProvisionRecordSchema>;
