/**
 * The SMS was not sent. `code` is the provider's own (`LimitExceeded.PhoneNumberDailyLimit`,
 * `AuthFailure.SignatureFailure`, …) or ours for transport failures (`Unreachable`,
 * `InvalidResponse`). Never carries the phone number or the code being sent.
 */
export class SmsSendError extends Error {
  constructor(
    readonly provider: 'dev' | 'tencent',
    readonly code: string,
    detail: string,
    readonly requestId?: string,
    options?: { cause?: unknown },
  ) {
    super(`SMS via ${provider} not sent: ${code} (${detail})`, options);
    this.name = 'SmsSendError';
  }
}
