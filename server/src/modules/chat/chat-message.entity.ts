import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';
import { ChatSessionSchema } from './chat-session.entity';

/**
 * One message: text (sealed — transcripts are personal), or an image or
 * voice note (a `chat` file). Ids are time-ordered, so `after=<id>` pages
 * and long-polls in order.
 */
export const ChatMessageSchema = defineEntity({
  name: 'ChatMessage',
  tableName: 'chat_message',
  indexes: [{ properties: ['chat', 'id'] }],
  properties: {
    ...baseProperties(),
    chat: p.manyToOne(ChatSessionSchema),
    authorId: p.uuid(),
    /** `text`, `image` or `voice`. */
    kind: p.string().length(10),
    bodySealed: p.text().nullable(),
    fileId: p.uuid().nullable(),
    /** The client's id for the message, so a retried send stores it once. */
    clientId: p.string().length(64).nullable(),
  },
  uniques: [{ properties: ['chat', 'authorId', 'clientId'] }],
});
export type ChatMessage = InferEntity<typeof ChatMessageSchema>;
