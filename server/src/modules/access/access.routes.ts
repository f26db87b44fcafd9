import { z } from 'zod';
import {
  AccessQueueQuerySchema,
  AccessRequestCreateSchema,
  AccessRequestSchema,
  AdminAccessRequestSchema,
  AdvancedUserSchema,
  ApproveAccessSchema,
  ReasonSchema,
} from '../../../../shared/schemas/access.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import {
  accessQueue,
  advancedUsers,
  approveAccessRequest,
  createAccessRequest,
  ownAccessRequests,
  rejectAccessRequest,
  revokeAdvanced,
} from './access.service';

const IdParams = z.object({ id: z.string().uuid() });
const PageQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(200).optional() });

export function accessRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/access-requests',
      summary: 'Apply for advanced access to departments of my hospital',
      tags: ['access'],
      access: { permission: 'access.request' },
      body: AccessRequestCreateSchema,
      response: AccessRequestSchema,
      status: 201,
      errors: [409],
      handler: ({ body, state }) => createAccessRequest(deps, state.em, state.actor!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/access-requests',
      summary: 'My applications for advanced access, newest first',
      tags: ['access'],
      access: { permission: 'access.request' },
      response: z.object({ items: z.array(AccessRequestSchema) }),
      handler: ({ state }) => ownAccessRequests(deps, state.em, state.actor!),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/access-requests',
      summary: 'Applications for advanced access by status',
      tags: ['access', 'admin'],
      access: { permission: 'admin.access' },
      query: AccessQueueQuerySchema,
      response: z.object({ items: z.array(AdminAccessRequestSchema), nextCursor: z.string().nullable() }),
      handler: ({ query, state }) => accessQueue(deps, state.em, query),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/access-requests/:id/approve',
      summary: 'Grant advanced access for an explicit set of the requested departments',
      tags: ['access', 'admin'],
      access: { permission: 'admin.access' },
      params: IdParams,
      body: ApproveAccessSchema,
      response: AdminAccessRequestSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => approveAccessRequest(deps, state.em, state.actor!, params.id, body.departmentIds, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/access-requests/:id/reject',
      summary: 'Reject an application with a reason the applicant sees',
      tags: ['access', 'admin'],
      access: { permission: 'admin.access' },
      params: IdParams,
      body: ReasonSchema,
      response: AdminAccessRequestSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => rejectAccessRequest(deps, state.em, state.actor!, params.id, body.reason, state.requestId),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/users',
      summary: 'Staff with advanced access and the departments they manage',
      tags: ['access', 'admin'],
      access: { permission: 'admin.access' },
      query: PageQuery.extend({ tier: z.literal('advanced') }),
      response: z.object({ items: z.array(AdvancedUserSchema), nextCursor: z.string().nullable() }),
      handler: ({ query, state }) => advancedUsers(deps, state.em, query),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/users/:id/revoke-advanced',
      summary: 'End all advanced access of a user, effective on their next request',
      tags: ['access', 'admin'],
      access: { permission: 'admin.access' },
      params: IdParams,
      body: ReasonSchema,
      response: z.null(),
      status: 204,
      errors: [404, 409],
      handler: async ({ params, body, state }) => {
        await revokeAdvanced(deps, state.em, state.actor!, params.id, body.reason, state.requestId);
        return null;
      },
    }),
  ];
}
