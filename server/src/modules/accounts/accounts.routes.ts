import { z } from 'zod';
import { AccountSchema, DealerCreateSchema, DealerSchema, DealerStaffCreateSchema, EngineerCreateSchema } from '../../../../shared/schemas/access.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { createDealer, createDealerStaff, createEngineer, listDealers, listEngineers } from './accounts.service';

export function accountRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/engineers',
      summary: 'Active service engineers (id and name), for the admin assigning a ticket',
      tags: ['admin'],
      access: { permission: 'admin.directory' },
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
      handler: ({ state }) => listEngineers(deps, state.em),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/engineers',
      summary: 'Create a service engineer account',
      tags: ['admin'],
      access: { permission: 'admin.directory' },
      body: EngineerCreateSchema,
      response: AccountSchema,
      status: 201,
      errors: [409],
      handler: ({ body, state }) => createEngineer(deps, state.em, state.actor!, body, state.requestId),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/dealers',
      summary: 'Dealer organisations',
      tags: ['admin'],
      access: { permission: 'admin.directory' },
      response: z.object({ items: z.array(DealerSchema) }),
      handler: ({ state }) => listDealers(state.em),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/dealers',
      summary: 'Register an entrusted dealer organisation (contract and purposes)',
      tags: ['admin'],
      access: { permission: 'admin.directory' },
      body: DealerCreateSchema,
      response: DealerSchema,
      status: 201,
      errors: [409],
      handler: ({ body, state }) => createDealer(state.em, state.actor!, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/dealers/:id/staff',
      summary: "Create an account for a dealer's staff member (belongs to exactly that dealer)",
      tags: ['admin'],
      access: { permission: 'admin.directory' },
      params: z.object({ id: z.string().uuid() }),
      body: DealerStaffCreateSchema,
      response: AccountSchema,
      status: 201,
      errors: [404, 409],
      handler: ({ params, body, state }) => createDealerStaff(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
  ];
}
