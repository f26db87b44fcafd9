import { z } from 'zod';
import { AnyTicketDetailSchema, AnyTicketViewSchema, TicketListQuerySchema, TicketPageSchema } from '../../../../shared/schemas/tickets.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { listTickets } from './tickets.service';
import { getTicketDetail } from './ticket-detail.service';
import { ticketCommentRoutes } from './ticket-comments.routes';
import { ticketDelegationRoutes } from './ticket-delegations.routes';
import { AssignSchema, RatingSchema, TicketCreateSchema, TicketEventSchema, TransitionSchema } from '../../../../shared/schemas/ticket-workflow.schema';
import { TicketViewSchema } from '../../../../shared/schemas/tickets.schema';
import { assignTicket, createTicket, rateTicket, ticketEvents, transitionTicket } from './ticket-workflow.service';

const IdParams = z.object({ id: z.string().uuid() });

export function ticketRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/tickets',
      summary: 'Tickets the caller may see (access-matrix.md), newest first; `scope` narrows to mine, managed, the unassigned queue or assigned',
      tags: ['tickets'],
      access: { permission: 'tickets.read' },
      query: TicketListQuerySchema,
      response: TicketPageSchema,
      handler: ({ query, state }) => listTickets(deps, state.em, state.actor!, query, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets',
      summary: 'Report a fault; with Idempotency-Key a retry or double tap returns the first ticket',
      tags: ['tickets'],
      access: { permission: 'tickets.create' },
      body: TicketCreateSchema,
      response: TicketViewSchema,
      status: 201,
      errors: [403, 409],
      handler: ({ body, state, ctx }) => createTicket(deps, state.em, state.actor!, body, ctx.get('idempotency-key') || undefined, state.requestId),
    }),
    defineRoute({
      method: 'get',
      path: '/tickets/:id/events',
      summary: "A ticket's timeline, oldest first",
      tags: ['tickets'],
      access: { permission: 'tickets.read' },
      params: IdParams,
      response: z.object({ items: z.array(TicketEventSchema) }),
      errors: [404],
      handler: ({ params, state }) => ticketEvents(deps, state.em, state.actor!, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:id/transitions',
      summary: 'Move a ticket along its lifecycle (409 with the possible actions when not allowed now)',
      tags: ['tickets'],
      access: { permission: 'tickets.transition' },
      params: IdParams,
      body: TransitionSchema,
      response: AnyTicketViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => transitionTicket(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:id/assign',
      summary: 'Assign or reassign the engineer (admins; engineers take queue tickets for themselves)',
      tags: ['tickets'],
      access: { permission: 'tickets.assign' },
      params: IdParams,
      body: AssignSchema,
      response: AnyTicketViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => assignTicket(deps, state.em, state.actor!, params.id, body.engineerId, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:id/rating',
      summary: 'The reporter rates a resolved repair (once); this closes the ticket',
      tags: ['tickets'],
      access: { permission: 'tickets.rate' },
      params: IdParams,
      body: RatingSchema,
      response: AnyTicketViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => rateTicket(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'get',
      path: '/tickets/:id',
      summary: 'One ticket, if the caller may see it (404 otherwise): with SLA, service report, rating, delegations and the caller’s next actions; dealers get the minimal view',
      tags: ['tickets'],
      access: { permission: 'tickets.read' },
      params: z.object({ id: z.string().uuid() }),
      response: AnyTicketDetailSchema,
      errors: [404],
      handler: ({ params, state }) => getTicketDetail(deps, state.em, state.actor!, params.id, state.requestId),
    }),
    ...ticketCommentRoutes(deps),
    ...ticketDelegationRoutes(deps),
  ];
}
