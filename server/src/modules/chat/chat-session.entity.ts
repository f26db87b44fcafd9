import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A customer-service conversation a staff member opened, optionally about
 * one of their tickets. Engineers and admins see every open one; one of
 * them claims it and answers; it ends closed.
 */
export const ChatSessionSchema = defineEntity({
  name: 'ChatSession',
  tableName: 'chat_session',
  indexes: [{ properties: ['status', 'lastMessageAt'] }, { properties: ['ownerId', 'lastMessageAt'] }],
  properties: {
    ...baseProperties(),
    ownerId: p.uuid(),
    ticketId: p.uuid().nullable(),
    /** `open` or `closed` (validated by the shared schema). */
    status: p.string().length(10).default('open'),
    claimedById: p.uuid().nullable().index(),
    lastMessageAt: p.datetime(),
    closedAt: p.datetime().nullable(),
  },
});
export type ChatSession = InferEntity<typeof ChatSessionSchema>;
