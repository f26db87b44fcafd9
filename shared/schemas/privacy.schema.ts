import { z } from 'zod';

/**
 * Consent purposes (privacy.md). `service` is the policy itself and required;
 * the sensitive ones are separate consents, never bundled (PIPL Art. 29, 23).
 */
export const CONSENT_PURPOSES = ['service', 'badge_photo', 'fault_media', 'location', 'dealer_sharing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const PolicySchema = z.object({
  version: z.string(),
  publishedAt: z.string(),
  /** A material change asks every user to consent again. */
  material: z.boolean(),
  title: z.string(),
  text: z.string(),
  purposes: z.array(
    z.object({ key: z.enum(CONSENT_PURPOSES), title: z.string(), description: z.string(), required: z.boolean(), sensitive: z.boolean() }),
  ),
});
export type Policy = z.infer<typeof PolicySchema>;

export const ConsentRequestSchema = z.object({
  policyVersion: z.string(),
  purposes: z.array(z.enum(CONSENT_PURPOSES)).min(1),
  /** The 18+ statement (PIPL Art. 31). */
  adult: z.literal(true, { message: '需确认已年满 18 周岁' }),
});
export type ConsentRequest = z.infer<typeof ConsentRequestSchema>;
