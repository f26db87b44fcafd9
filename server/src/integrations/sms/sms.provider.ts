import type { SmsPurpose } from '../../../../shared/schemas/auth.schema';

export interface SmsMessage {
  /** Mainland number, 11 digits (or already `+86…`). */
  phone: string;
  code: string;
  purpose: SmsPurpose;
  ttlMinutes: number;
}

/** Sends a verification code by SMS. Throws SmsSendError when the code was not sent. */
export interface SmsProvider {
  readonly name: 'dev' | 'tencent';
  /** True only for the development provider: the caller may show the code (`devCode`). */
  readonly returnsCodeToCaller: boolean;
  send(message: SmsMessage): Promise<void>;
}
