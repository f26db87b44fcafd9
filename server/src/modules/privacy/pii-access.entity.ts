import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * The personal-information access log (PIPL Art. 51, 54, 57): one row for
 * every reveal of a badge photo or a full phone number, every export and
 * every dealer read — who, whose data, which fields, why, and the request
 * id that ties it to the application log. Append-only: no route updates or
 * deletes a row, and the retention job keeps it longest of all.
 */
export const PiiAccessSchema = defineEntity({
  name: 'PiiAccess',
  tableName: 'pii_access_log',
  indexes: [{ properties: ['subjectUserId', 'id'] }, { properties: ['actorId', 'id'] }, { properties: ['createdAt'] }],
  properties: {
    ...baseProperties(),
    /** Null for the system itself (a scheduled export, a job). */
    actorId: p.uuid().nullable(),
    /** Whose data; null when an export covers many people (then `subjectCount` says how many). */
    subjectUserId: p.uuid().nullable(),
    subjectCount: p.integer().default(1),
    /** PII_ACCESS_ACTIONS (shared/schemas/access-log.schema.ts). */
    action: p.string().length(40),
    fields: p.json<string[]>(),
    purpose: p.string().length(100),
    requestId: p.string().length(64).nullable(),
  },
});
export type PiiAccess = InferEntity<typeof PiiAccessSchema>;
