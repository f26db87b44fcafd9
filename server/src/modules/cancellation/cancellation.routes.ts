import { CancellationRequestSchema, CancellationViewSchema } from '../../../../shared/schemas/cancellation.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { cancellationView, requestCancellation, undoCancellation } from './cancellation.service';

/**
 * Account cancellation in the privacy centre. Part of the consent flow
 * (`consentExempt`): a person asked to accept a new policy may still leave.
 * A `cancelling` account signed in again has the not-yet-active permissions
 * (profile and privacy centre), so these routes need only `profile.self`.
 */
export function cancellationRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/me/cancellation',
      summary: 'Whether my account is being cancelled, when its personal data will be purged, and the grace period',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: CancellationViewSchema,
      handler: async ({ state }) => cancellationView(deps, await state.actor!.loadUser()),
    }),
    defineRoute({
      method: 'post',
      path: '/me/cancellation',
      summary: 'Cancel my account (confirmation and a fresh SMS code to my own number): every session ends now, the purge follows the grace period',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      body: CancellationRequestSchema,
      response: CancellationViewSchema,
      errors: [409, 422, 429],
      handler: ({ body, state, ctx }) => requestCancellation(deps, state.em, state.actor!, body, ctx.ip, state.requestId),
    }),
    defineRoute({
      method: 'delete',
      path: '/me/cancellation',
      summary: 'Undo the cancellation during the grace period: the account is kept as it was',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: CancellationViewSchema,
      errors: [409],
      handler: ({ state }) => undoCancellation(deps, state.em, state.actor!, state.requestId),
    }),
  ];
}
