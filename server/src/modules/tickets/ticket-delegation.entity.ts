import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DELEGATION_PURPOSES } from '../../../../shared/tickets';
import { baseProperties } from '../../db/base.entity';
import { DealerSchema } from '../dealers/dealer.entity';
import { TicketSchema } from './ticket.entity';

/** A ticket entrusted to a dealer for an on-site check or pickup; active until `endedAt`. */
export const TicketDelegationSchema = defineEntity({
  name: 'TicketDelegation',
  tableName: 'ticket_delegation',
  properties: {
    ...baseProperties(),
    ticket: p.manyToOne(TicketSchema).index(),
    dealer: p.manyToOne(DealerSchema).index(),
    purpose: p.enum([...DELEGATION_PURPOSES]),
    delegatedById: p.uuid(),
    endedAt: p.datetime().nullable(),
  },
});
export type TicketDelegation = InferEntity<typeof TicketDelegationSchema>;
