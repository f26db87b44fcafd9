import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/** A sign-in. Only the SHA-256 of the token is stored (decision 003). */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'user_session',
  properties: {
    ...baseProperties(),
    userId: p.uuid().index(),
    tokenHash: p.string().length(64).unique(),
    lastUsedAt: p.datetime(),
    idleExpiresAt: p.datetime(),
    absoluteExpiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  },
});
export type Session = InferEntity<typeof SessionSchema>;
