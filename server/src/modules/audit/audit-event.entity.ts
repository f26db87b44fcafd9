import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * Append-only log of admin decisions and of every reveal of personal data
 * (a badge photo, a full phone number, an export): who, whom, what, why, and
 * the request id that ties it to the server log (privacy.md, Art. 51/54).
 */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  // The console's search by action and its list of distinct actions.
  indexes: [{ properties: ['action'] }],
  properties: {
    ...baseProperties(),
    actorId: p.uuid().nullable().index(),
    /** e.g. registration.approve, registration.reject, pii.badge.view */
    action: p.string().length(60),
    subjectUserId: p.uuid().nullable().index(),
    /** Which personal fields were revealed, for pii.* actions. */
    fields: p.json<string[]>().nullable(),
    reason: p.string().length(200).nullable(),
    requestId: p.string().length(64).nullable(),
  },
});
export type AuditEvent = InferEntity<typeof AuditEventSchema>;
