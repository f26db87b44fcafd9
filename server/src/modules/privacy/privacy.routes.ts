import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { ConsentStateSchema } from '../../../../shared/schemas/me.schema';
import { CONSENT_PURPOSES, ConsentRequestSchema, PolicySchema } from '../../../../shared/schemas/privacy.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import type { User } from '../users/user.entity';
import { ownProvisions } from './provision.service';
import { afterConsentWithdrawn } from '../cancellation/consent-effects';
import { accessLogRoutes } from './access-log.routes';
import { consentBlock, currentPolicy, grantConsent, policyView, publishPolicy, withdrawConsent } from './consent.service';

/** The consent state after a change in this request: read from the changed entity, not the row the request started with. */
async function consentState(em: EntityManager, user: User) {
  const block = await consentBlock(em, user);
  return {
    policyVersion: user.consentedPolicyVersion ?? null,
    reconsentRequired: block === 'reconsent',
    purposes: user.consentPurposes,
    adult: Boolean(user.adultConfirmedAt),
  };
}

export function privacyRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/privacy/policy',
      summary: 'The current privacy policy and its consent purposes',
      tags: ['privacy'],
      access: { public: true },
      response: PolicySchema,
      handler: async ({ state }) => policyView(await currentPolicy(state.em)),
    }),
    defineRoute({
      method: 'post',
      path: '/privacy/consents',
      summary: 'Consent to the current policy, or add purposes to it',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      body: ConsentRequestSchema,
      response: ConsentStateSchema,
      status: 201,
      errors: [409],
      handler: async ({ body, state }) => {
        const user = await state.actor!.loadUser();
        await state.em.transactional((tx) => grantConsent(tx, user, body, state.requestId, deps.clock.now()));
        return consentState(state.em, user);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/privacy/consents/:purpose',
      summary: 'Withdraw one consent purpose',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      params: z.object({ purpose: z.enum(CONSENT_PURPOSES) }),
      response: ConsentStateSchema,
      errors: [409],
      handler: async ({ params, state }) => {
        const user = await state.actor!.loadUser();
        await state.em.transactional(async (tx) => {
          await withdrawConsent(tx, user, params.purpose, state.requestId);
          await afterConsentWithdrawn(deps, tx, user, params.purpose);
        });
        return consentState(state.em, user);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/me/provisions',
      summary: 'Which dealers received my tickets’ data, and when',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: z.object({
        items: z.array(z.object({ ticketNumber: z.string(), dealer: z.string(), purpose: z.string(), fields: z.array(z.string()), at: z.string() })),
      }),
      handler: ({ state }) => ownProvisions(state.em, state.actor!.userId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/privacy/policies',
      summary: 'Publish a new policy version (material versions ask everyone to consent again)',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      body: z.object({
        version: z.string().trim().max(20, '版本号不能超过 20 个字符').regex(/^\d+\.\d+(\.\d+)?$/),
        title: z.string().trim().min(1).max(100),
        text: z.string().trim().min(20).max(50_000),
        material: z.boolean(),
      }),
      response: PolicySchema,
      status: 201,
      errors: [409],
      handler: async ({ body, state }) => policyView(await publishPolicy(state.em, body, deps.clock.now())),
    }),
    ...accessLogRoutes(deps),
  ];
}
