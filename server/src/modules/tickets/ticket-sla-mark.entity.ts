import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';
import { TicketSchema } from './ticket.entity';

/**
 * A warning sent or a breach recorded for one of a ticket's SLA clocks
 * (`response` or `resolution`); at most one of each kind per clock.
 */
export const TicketSlaMarkSchema = defineEntity({
  name: 'TicketSlaMark',
  tableName: 'ticket_sla_mark',
  uniques: [{ properties: ['ticket', 'clock', 'kind'] }],
  // The dashboard's breaches in a period.
  indexes: [{ properties: ['kind', 'createdAt'] }],
  properties: {
    ...baseProperties(),
    ticket: p.manyToOne(TicketSchema).index(),
    clock: p.string().length(20),
    kind: p.string().length(20),
    /** Business minutes used when marked. */
    usedMinutes: p.integer(),
  },
});
export type TicketSlaMark = InferEntity<typeof TicketSlaMarkSchema>;
