import { z } from 'zod';
import { DelegationCreateSchema, DelegationViewSchema } from '../../../../shared/schemas/ticket-workflow.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { delegateTicket, endDelegation } from './ticket-delegation.service';

const DelegationList = z.object({ items: z.array(DelegationViewSchema) });

export function ticketDelegationRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/tickets/:id/delegations',
      summary: "Entrust a ticket to a dealer (assigned engineer or admin; one active delegation per dealer); returns the ticket's delegations, active and ended",
      tags: ['tickets'],
      access: { permission: 'tickets.delegate' },
      params: z.object({ id: z.string().uuid() }),
      body: DelegationCreateSchema,
      response: DelegationList,
      status: 201,
      errors: [403, 404, 409],
      handler: ({ params, body, state }) => delegateTicket(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'delete',
      path: '/tickets/:id/delegations/:dealerId',
      summary: "End the ticket's active delegation to a dealer (its staff lose the ticket on their next request); returns the ticket's delegations",
      tags: ['tickets'],
      access: { permission: 'tickets.delegate' },
      params: z.object({ id: z.string().uuid(), dealerId: z.string().uuid() }),
      response: DelegationList,
      errors: [403, 404],
      handler: ({ params, state }) => endDelegation(deps, state.em, state.actor!, params.id, params.dealerId, state.requestId),
    }),
  ];
}
