import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';
import { TicketSchema } from './ticket.entity';

/** What the engineer found and did, written when resolving; the latest resolve's report is the ticket's. */
export const TicketServiceReportSchema = defineEntity({
  name: 'TicketServiceReport',
  tableName: 'ticket_service_report',
  properties: {
    ...baseProperties(),
    ticket: p.manyToOne(TicketSchema).index(),
    engineerId: p.uuid(),
    found: p.text(),
    done: p.text(),
    parts: p.text().nullable(),
  },
});
export type TicketServiceReport = InferEntity<typeof TicketServiceReportSchema>;
