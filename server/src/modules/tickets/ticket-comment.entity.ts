import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';
import { TicketSchema } from './ticket.entity';

/** A note (and photos) on a ticket by anyone who may comment on it; the text may name people, so it is sealed. */
export const TicketCommentSchema = defineEntity({
  name: 'TicketComment',
  tableName: 'ticket_comment',
  properties: {
    ...baseProperties(),
    ticket: p.manyToOne(TicketSchema).index(),
    authorId: p.uuid(),
    bodySealed: p.text(),
    fileIds: p.json<string[]>(),
  },
});
export type TicketComment = InferEntity<typeof TicketCommentSchema>;
