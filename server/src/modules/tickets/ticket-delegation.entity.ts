import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DELEGATION_PURPOSES } from '../../../../shared/tickets';
import { baseProperties } from '../../db/base.entity';
import { DealerSchema } from '../dealers/dealer.entity';
import { TicketSchema } from './ticket.entity';

/** A ticket entrusted to a dealer for an on-site check or pickup; active until `endedAt`. */
export const TicketDelegationSchema = defineEntity({
  name: 'TicketDelegation',
  tableName: 'ticket_delegation',
  // A dealer's list walks its active delegations, newest ticket first (tickets.read.ts). Partial, as
  // `ended_at is null` would not keep a (dealer_id, ended_at, ticket_id) range in ticket order on PostgreSQL.
  indexes: [
    {
      name: 'ticket_delegation_active_index',
      expression: `create index "ticket_delegation_active_index" on "ticket_delegation" ("dealer_id", "ticket_id") where "ended_at" is null`,
    },
  ],
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
