import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The last ticket number drawn on each Asia/Shanghai day; incremented atomically inside the creating transaction. */
export const TicketDayCounterSchema = defineEntity({
  name: 'TicketDayCounter',
  tableName: 'ticket_day_counter',
  properties: {
    day: p.string().length(8).primary(),
    last: p.integer(),
  },
});
export type TicketDayCounter = InferEntity<typeof TicketDayCounterSchema>;
