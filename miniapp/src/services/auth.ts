import { SessionSchema, SmsSendResultSchema, type Session, type SmsPurpose, type SmsSendResult } from '@shared/schemas/auth.schema'
import { MeSchema, type Me } from '@shared/schemas/me.schema'
import type { ConsentRequest } from '@shared/schemas/privacy.schema'
import { createIdempotencyKey } from './idempotency'
import { request, requestParsed } from './http'

/** Sends a login code. One key per tap: a retried send is not a second SMS. */
export function sendSmsCode(phone: string, purpose: SmsPurpose = 'login'): Promise<SmsSendResult> {
  return requestParsed(SmsSendResultSchema, '/auth/sms/send', {
    method: 'POST',
    body: { phone, purpose },
    idempotencyKey: createIdempotencyKey(),
  })
}

/** `consent` is the choice made on the consent screen before login, recorded with the account in one step. */
export function verifySmsCode(phone: string, code: string, consent?: ConsentRequest): Promise<Session> {
  return requestParsed(SessionSchema, '/auth/sms/verify', { method: 'POST', body: { phone, code, consent } })
}

/** weapp only: the `Taro.login()` code. */
export function loginWithWechat(code: string, consent?: ConsentRequest): Promise<Session> {
  return requestParsed(SessionSchema, '/auth/wechat', { method: 'POST', body: { code, consent } })
}

/** weapp only: the phone button's `e.detail.code` (not the login code). */
export function bindWechatPhone(code: string): Promise<Me> {
  return requestParsed(MeSchema, '/auth/wechat/phone', { method: 'POST', body: { code } })
}

export async function logout(): Promise<void> {
  await request('/auth/logout', { method: 'POST' })
}
