import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/** How far a participant has read a conversation: messages after `lastReadId` by others are unread. */
export const ChatReadSchema = defineEntity({
  name: 'ChatRead',
  tableName: 'chat_read',
  uniques: [{ properties: ['chatId', 'userId'] }],
  properties: {
    ...baseProperties(),
    chatId: p.uuid(),
    userId: p.uuid(),
    lastReadId: p.string().length(36),
  },
});
export type ChatRead = InferEntity<typeof ChatReadSchema>;
