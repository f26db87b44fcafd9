import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { CONSENT_PURPOSES, type ConsentPurpose, type ConsentRequest, type Policy } from '../../../../shared/schemas/privacy.schema';
import { ConflictError, ConsentRequiredError, ReconsentRequiredError } from '../../core/errors';
import type { User } from '../users/user.entity';
import { ConsentEventSchema } from './consent-event.entity';
import { PURPOSE_TEXT, BUILT_IN_POLICY } from './policy-text';
import { PolicyVersionSchema, type PolicyVersion } from './policy-version.entity';

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Loads the built-in policy into an empty table, so every installation has a policy to consent to. */
export async function ensurePolicy(em: EntityManager): Promise<void> {
  if ((await em.count(PolicyVersionSchema)) > 0) return;
  em.create(PolicyVersionSchema, { ...BUILT_IN_POLICY, textHash: hashText(BUILT_IN_POLICY.text) });
  await em.flush();
}

export async function currentPolicy(em: EntityManager): Promise<PolicyVersion> {
  const [latest] = await em.find(PolicyVersionSchema, {}, { orderBy: { publishedAt: 'desc' }, limit: 1 });
  if (!latest) throw new Error('no privacy policy published');
  return latest;
}

export function policyView(policy: PolicyVersion): Policy {
  return {
    version: policy.version,
    publishedAt: policy.publishedAt.toISOString(),
    material: policy.material,
    title: policy.title,
    text: policy.text,
    purposes: CONSENT_PURPOSES.map((key) => ({ key, ...PURPOSE_TEXT[key] })),
  };
}

export async function publishPolicy(
  em: EntityManager,
  input: { version: string; title: string; text: string; material: boolean },
  now: Date,
): Promise<PolicyVersion> {
  if (await em.findOne(PolicyVersionSchema, { version: input.version })) {
    throw new ConflictError(`Policy version ${input.version} exists already.`);
  }
  const policy = em.create(PolicyVersionSchema, { ...input, publishedAt: now, textHash: hashText(input.text) });
  await em.flush();
  return policy;
}

export type ConsentBlock = 'consent' | 'reconsent' | undefined;

type ConsentState = { consentedPolicyVersion?: string | null; consentPurposes: readonly ConsentPurpose[] };

/**
 * What stands between this user and the API: no consent at all, or a
 * material policy published after the version they accepted. On the hot
 * path the second part comes from the session statement
 * (session-actor.read.ts) and this is pure.
 */
export function blockFor(user: { consentedPolicyVersion?: string | null; consentPurposes: readonly ConsentPurpose[] }, reconsentPending: boolean): ConsentBlock {
  if (!user.consentedPolicyVersion || !user.consentPurposes.includes('service')) return 'consent';
  return reconsentPending ? 'reconsent' : undefined;
}

/** The same, with its own query: for a user whose consent changed in this request. */
export async function consentBlock(em: EntityManager, user: ConsentState): Promise<ConsentBlock> {
  if (!user.consentedPolicyVersion || !user.consentPurposes.includes('service')) return 'consent';
  const rows = await em.getConnection().execute<{ version: string }[]>(
    `select p.version from policy_version p
      where p.material = ? and p.published_at > (select q.published_at from policy_version q where q.version = ?)
      limit 1`,
    [true, user.consentedPolicyVersion],
  );
  return blockFor(user, rows.length > 0);
}

export function throwForBlock(block: ConsentBlock): void {
  if (block === 'consent') throw new ConsentRequiredError(['service'], 'Accept the privacy policy first.');
  if (block === 'reconsent') throw new ReconsentRequiredError('The privacy policy changed materially; accept the new version to continue.');
}

/** Processing that needs a separate consent (badge photo, fault media, location, dealer sharing). */
export function requirePurpose(user: { consentPurposes: readonly ConsentPurpose[] }, purpose: ConsentPurpose): void {
  if (!user.consentPurposes.includes(purpose)) throw new ConsentRequiredError([purpose]);
}

/**
 * Records consent to the current policy. Consent to a newer version starts
 * afresh (and must include `service`); for the same version it adds purposes.
 * The event log keeps the text hash of what was shown.
 */
export async function grantConsent(em: EntityManager, user: User, request: ConsentRequest, requestId: string | null, now: Date): Promise<void> {
  const policy = await currentPolicy(em);
  if (request.policyVersion !== policy.version) {
    throw new ConflictError(`The policy shown (${request.policyVersion}) is not the current one (${policy.version}); reload it.`);
  }
  const sameVersion = user.consentedPolicyVersion === policy.version;
  const purposes = new Set<ConsentPurpose>(sameVersion ? user.consentPurposes : []);
  for (const p of request.purposes) purposes.add(p);
  if (!purposes.has('service')) throw new ConsentRequiredError(['service'], 'Accepting the privacy policy (service) is required.');
  user.consentedPolicyVersion = policy.version;
  user.consentPurposes = CONSENT_PURPOSES.filter((p) => purposes.has(p));
  user.adultConfirmedAt ??= now;
  em.create(ConsentEventSchema, {
    userId: user.id,
    action: 'grant',
    policyVersion: policy.version,
    purposes: request.purposes,
    adult: request.adult,
    textHash: policy.textHash,
    requestId,
  });
}

export async function withdrawConsent(em: EntityManager, user: User, purpose: ConsentPurpose, requestId: string | null): Promise<void> {
  if (purpose === 'service') {
    throw new ConflictError('The privacy policy itself cannot be withdrawn while the account exists; cancel the account instead.');
  }
  if (!user.consentPurposes.includes(purpose)) return;
  const policy = await currentPolicy(em);
  user.consentPurposes = user.consentPurposes.filter((p) => p !== purpose);
  em.create(ConsentEventSchema, {
    userId: user.id,
    action: 'withdraw',
    policyVersion: user.consentedPolicyVersion ?? policy.version,
    purposes: [purpose],
    adult: user.adultConfirmedAt !== null,
    textHash: policy.textHash,
    requestId,
  });
}
