import { z } from 'zod';
import { MeSchema } from '../../../../shared/schemas/me.schema';
import {
  RegistrationQueueItemSchema,
  RegistrationQueueQuerySchema,
  RegistrationSchema,
  RejectSchema,
} from '../../../../shared/schemas/registration.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { approveRegistration, registrationQueue, rejectRegistration, submitRegistration } from './registration.service';

const UserIdParams = z.object({ userId: z.string().uuid() });

export function registrationRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/registration',
      summary: 'Submit my registration for review',
      tags: ['registration'],
      access: { permission: 'profile.self' },
      body: RegistrationSchema,
      response: MeSchema,
      status: 201,
      errors: [403, 409],
      handler: ({ body, state }) => submitRegistration(deps, state.em, state.actor!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/registrations',
      summary: 'Registrations by status, newest first',
      tags: ['registration', 'admin'],
      access: { permission: 'admin.registrations' },
      query: RegistrationQueueQuerySchema,
      response: z.object({ items: z.array(RegistrationQueueItemSchema), nextCursor: z.string().nullable() }),
      handler: ({ query, state }) => registrationQueue(deps, state.em, query),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/registrations/:userId/approve',
      summary: 'Approve a registration: the person becomes general-tier staff',
      tags: ['registration', 'admin'],
      access: { permission: 'admin.registrations' },
      params: UserIdParams,
      response: RegistrationQueueItemSchema,
      errors: [404, 409],
      handler: ({ params, state }) => approveRegistration(deps, state.em, state.actor!, params.userId, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/registrations/:userId/reject',
      summary: 'Reject a registration with a reason the person will see',
      tags: ['registration', 'admin'],
      access: { permission: 'admin.registrations' },
      params: UserIdParams,
      body: RejectSchema,
      response: RegistrationQueueItemSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => rejectRegistration(deps, state.em, state.actor!, params.userId, body.reason, state.requestId),
    }),
  ];
}
