import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { activeDealers } from './dealers.service';

export function dealerRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/dealers',
      summary: 'Active dealers a ticket can be delegated to (id and name only)',
      tags: ['tickets'],
      access: { permission: 'tickets.delegate' },
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
      handler: ({ state }) => activeDealers(state.em),
    }),
  ];
}
