import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TICKET_EVENT_KINDS } from '../../../../shared/schemas/ticket-workflow.schema';
import { HOLD_REASONS } from '../../../../shared/ticket-lifecycle';
import { TICKET_STATUSES } from '../../../../shared/tickets';
import { baseProperties } from '../../db/base.entity';
import { TicketSchema } from './ticket.entity';

/** One step of a ticket's life: who moved it from what to what, and why. Never updated. */
export const TicketEventSchema = defineEntity({
  name: 'TicketEvent',
  tableName: 'ticket_event',
  // The dashboard's trends: acceptances and resolutions in a period.
  indexes: [{ properties: ['kind', 'createdAt'] }],
  properties: {
    ...baseProperties(),
    ticket: p.manyToOne(TicketSchema).index(),
    actorId: p.uuid(),
    kind: p.enum([...TICKET_EVENT_KINDS]),
    fromStatus: p.enum([...TICKET_STATUSES]).nullable(),
    toStatus: p.enum([...TICKET_STATUSES]),
    reason: p.enum([...HOLD_REASONS]).nullable(),
    note: p.text().nullable(),
    assigneeId: p.uuid().nullable(),
  },
});
export type TicketEvent = InferEntity<typeof TicketEventSchema>;
