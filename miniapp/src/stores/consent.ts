import Taro from '@tarojs/taro'
import { z } from 'zod'
import { CONSENT_PURPOSES, type ConsentPurpose, type ConsentRequest } from '@shared/schemas/privacy.schema'

/**
 * The consent choice made on this device before login. It lives in storage
 * only until a login sends it with the account (POST /auth/sms/verify or
 * /auth/wechat `consent`), then it is removed: from then on the server's
 * record (`me.consents`) is the truth. After logout nothing is left, so the
 * next person on this device reads and accepts the policy before logging in.
 */
const KEY = 'scopedesk.pendingConsent'

const PendingConsentSchema = z.object({
  policyVersion: z.string().min(1),
  purposes: z.array(z.enum(CONSENT_PURPOSES)).min(1),
  adult: z.literal(true),
  acceptedAt: z.string(),
})
export type PendingConsent = z.infer<typeof PendingConsentSchema>

export function getPendingConsent(): PendingConsent | undefined {
  try {
    const parsed = PendingConsentSchema.safeParse(Taro.getStorageSync(KEY))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

export function savePendingConsent(policyVersion: string, purposes: ConsentPurpose[]): PendingConsent {
  const consent: PendingConsent = { policyVersion, purposes, adult: true, acceptedAt: new Date().toISOString() }
  Taro.setStorageSync(KEY, consent)
  return consent
}

export function clearPendingConsent(): void {
  try {
    Taro.removeStorageSync(KEY)
  } catch {
    // Nothing stored is the state we want.
  }
}

/** The body part the login calls carry. */
export function pendingConsentRequest(): ConsentRequest | undefined {
  const pending = getPendingConsent()
  return pending ? { policyVersion: pending.policyVersion, purposes: pending.purposes, adult: true } : undefined
}
