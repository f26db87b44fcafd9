import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';
import { TicketSchema } from './ticket.entity';

/** The reporter's satisfaction rating, one per ticket; the comment is personal and sealed. */
export const TicketRatingSchema = defineEntity({
  name: 'TicketRating',
  tableName: 'ticket_rating',
  // The dashboard's ratings in a period.
  indexes: [{ properties: ['createdAt'] }],
  properties: {
    ...baseProperties(),
    ticket: p.oneToOne(TicketSchema).owner().unique(),
    raterId: p.uuid().index(),
    score: p.integer(),
    commentSealed: p.text().nullable(),
  },
});
export type TicketRating = InferEntity<typeof TicketRatingSchema>;
