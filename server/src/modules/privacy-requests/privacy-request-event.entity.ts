import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * The history of a privacy request, shown to the requester and the admins:
 * received, taken up, a note, completed, refused. Append-only. `kind` is a
 * PRIVACY_REQUEST_EVENT_KINDS string; the note is sealed.
 */
export const PrivacyRequestEventSchema = defineEntity({
  name: 'PrivacyRequestEvent',
  tableName: 'privacy_request_event',
  indexes: [{ properties: ['requestId', 'id'] }],
  properties: {
    ...baseProperties(),
    requestId: p.uuid(),
    actorId: p.uuid().nullable(),
    kind: p.string().length(20),
    noteSealed: p.text().nullable(),
  },
});
export type PrivacyRequestEvent = InferEntity<typeof PrivacyRequestEventSchema>;
