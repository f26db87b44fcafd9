import { SmsVerifySchema } from '../../../../shared/schemas/auth.schema';
import { MeSchema, ProfilePatchSchema } from '../../../../shared/schemas/me.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { changePhone, correctProfile, meView } from './users.service';


export function userRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/me',
      summary: 'Who I am, what I may do, my profile and consents',
      tags: ['users'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: MeSchema,
      handler: ({ state }) => meView(state.em, deps.pii, state.actor!.user, state.actor!.consentBlock),
    }),
    defineRoute({
      method: 'patch',
      path: '/me',
      summary: 'Correct my own profile (never role, tier or status); a new hospital or department goes back to admin review',
      tags: ['users'],
      access: { permission: 'profile.self' },
      body: ProfilePatchSchema,
      response: MeSchema,
      handler: ({ body, state }) => correctProfile(deps, state.em, state.actor!, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/me/phone',
      summary: 'Change my login phone with a change_phone SMS code sent to the new number',
      tags: ['users'],
      access: { permission: 'profile.self' },
      body: SmsVerifySchema,
      response: MeSchema,
      errors: [409, 429],
      handler: ({ body, state, ctx }) => changePhone(deps, state.em, state.actor!, body, ctx.ip, state.requestId),
    }),
  ];
}
