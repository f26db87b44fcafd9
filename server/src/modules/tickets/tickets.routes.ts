import { z } from 'zod';
import { AnyTicketViewSchema, TicketListQuerySchema, TicketPageSchema } from '../../../../shared/schemas/tickets.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { getTicket, listTickets } from './tickets.service';

export function ticketRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/tickets',
      summary: 'Tickets the caller may see (access-matrix.md), newest first; `scope` narrows to mine or managed',
      tags: ['tickets'],
      access: { permission: 'tickets.read' },
      query: TicketListQuerySchema,
      response: TicketPageSchema,
      handler: ({ query, state }) => listTickets(deps, state.em, state.actor!, query, state.requestId),
    }),
    defineRoute({
      method: 'get',
      path: '/tickets/:id',
      summary: 'One ticket, if the caller may see it (404 otherwise)',
      tags: ['tickets'],
      access: { permission: 'tickets.read' },
      params: z.object({ id: z.string().uuid() }),
      response: AnyTicketViewSchema,
      errors: [404],
      handler: ({ params, state }) => getTicket(deps, state.em, state.actor!, params.id, state.requestId),
    }),
  ];
}
