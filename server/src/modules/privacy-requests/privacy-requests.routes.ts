import { z } from 'zod';
import {
  AdminPrivacyRequestPageSchema,
  AdminPrivacyRequestQuerySchema,
  AdminPrivacyRequestViewSchema,
  PrivacyRequestCompleteSchema,
  PrivacyRequestCreateSchema,
  PrivacyRequestListSchema,
  PrivacyRequestNoteSchema,
  PrivacyRequestRefuseSchema,
  PrivacyRequestViewSchema,
} from '../../../../shared/schemas/privacy-requests.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute, type AnyRoute } from '../../http/route';
import { adminRequest, adminRequests, completeRequest, noteRequest, refuseRequest, takeRequest } from './privacy-requests-admin.service';
import { createPrivacyRequest, listOwnRequests, ownRequest } from './privacy-requests.service';

const IdParams = z.object({ id: z.string().uuid() });

/**
 * The requester's routes need only `profile.self`, so pending users may use
 * them, and they are reachable before a new policy is accepted
 * (`consentExempt`): exercising one's rights (PIPL Art. 44–50, a complaint
 * about the policy itself) never depends on consenting first.
 */
export function privacyRequestRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/privacy/requests',
      summary:
        'File a privacy request (access, correction, deletion, transfer, explanation, complaint) with a fresh SMS code (purpose login) sent to one’s own number; 422 VERIFICATION_FAILED stores nothing; due 15 days later; Idempotency-Key honoured',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      body: PrivacyRequestCreateSchema,
      response: PrivacyRequestViewSchema,
      status: 201,
      errors: [409, 422, 429],
      handler: ({ body, state, ctx }) => createPrivacyRequest(deps, state.em, state.actor!, body, ctx.get('idempotency-key') || undefined, ctx.ip),
    }),
    defineRoute({
      method: 'get',
      path: '/privacy/requests',
      summary: 'My privacy requests with their history, newest first (the privacy team is named only as such)',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: PrivacyRequestListSchema,
      handler: ({ state }) => listOwnRequests(deps, state.em, state.actor!),
    }),
    defineRoute({
      method: 'get',
      path: '/privacy/requests/:id',
      summary: 'One of my privacy requests with its history (404 for anyone else’s)',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      params: IdParams,
      response: PrivacyRequestViewSchema,
      errors: [404],
      handler: ({ params, state }) => ownRequest(deps, state.em, state.actor!, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/privacy/requests',
      summary:
        'The privacy request queue: status open (default: received and in progress, earliest due first), received, in_progress, completed or refused (most recently closed first); overdue=true for open ones past due; overdueCount for the dashboard flag',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      query: AdminPrivacyRequestQuerySchema,
      response: AdminPrivacyRequestPageSchema,
      handler: ({ query, state }) => adminRequests(deps, state.em, query),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/privacy/requests/:id',
      summary: 'One privacy request with the requester and its history',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      params: IdParams,
      response: AdminPrivacyRequestViewSchema,
      errors: [404],
      handler: ({ params, state }) => adminRequest(deps, state.em, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/privacy/requests/:id/take',
      summary: 'Take up a received request (→ in_progress, handled by me); audited; the requester is told in the app',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      params: IdParams,
      response: AdminPrivacyRequestViewSchema,
      errors: [404, 409],
      handler: ({ params, state }) => takeRequest(deps, state.em, state.actor!, params.id, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/privacy/requests/:id/note',
      summary: 'Add a note the requester reads in the history, while the request is open; audited; the requester is told in the app',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      params: IdParams,
      body: PrivacyRequestNoteSchema,
      response: AdminPrivacyRequestViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => noteRequest(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/privacy/requests/:id/complete',
      summary: 'Answer a request in progress with the outcome the requester reads (→ completed, once); audited; the requester is told in the app',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      params: IdParams,
      body: PrivacyRequestCompleteSchema,
      response: AdminPrivacyRequestViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => completeRequest(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/privacy/requests/:id/refuse',
      summary: 'Refuse a request in progress on one of the legal grounds (REFUSAL_REASONS; anything else is a 422) with an explanation the requester reads (→ refused, once); audited; the requester is told in the app',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      params: IdParams,
      body: PrivacyRequestRefuseSchema,
      response: AdminPrivacyRequestViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => refuseRequest(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
  ];
}
