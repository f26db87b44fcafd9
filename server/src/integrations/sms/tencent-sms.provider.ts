import { scrubPhone } from './phone.mask';
import { SmsSendError } from './sms-send.error';
import type { SmsMessage, SmsProvider } from './sms.provider';
import { signTc3 } from './tc3.signer';

export interface TencentSmsOptions {
  /** `https://sms.tencentcloudapi.com` (SMS_API_BASE). */
  baseUrl: string;
  secretId: string;
  secretKey: string;
  region: string;
  /** SmsSdkAppId of the SMS application. */
  appId: string;
  /** Approved signature, e.g. `ScopeDesk`. */
  signName: string;
  /** Approved template with two parameters: the code and its validity in minutes. */
  templateId: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

interface SendSmsResponse {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { Code?: string; Message?: string }[];
    RequestId?: string;
  };
}

/** Tencent Cloud SMS, SendSms of API version 2021-01-11, signed with TC3-HMAC-SHA256. */
export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent' as const;
  readonly returnsCodeToCaller = false;

  constructor(private readonly options: TencentSmsOptions) {}

  async send(message: SmsMessage): Promise<void> {
    const o = this.options;
    const payload = JSON.stringify({
      PhoneNumberSet: [message.phone.startsWith('+') ? message.phone : `+86${message.phone}`],
      SmsSdkAppId: o.appId,
      SignName: o.signName,
      TemplateId: o.templateId,
      TemplateParamSet: [message.code, String(message.ttlMinutes)],
    });
    const url = new URL('/', o.baseUrl);
    const headers = signTc3({
      secretId: o.secretId,
      secretKey: o.secretKey,
      service: 'sms',
      host: url.host,
      action: 'SendSms',
      version: '2021-01-11',
      region: o.region,
      timestamp: Math.floor((o.now ?? Date.now)() / 1000),
      payload,
    });
    const fail = (code: string, detail: string, requestId?: string, cause?: unknown) =>
      new SmsSendError('tencent', code, scrubPhone(detail, message.phone), requestId, cause ? { cause } : undefined);

    let status: number;
    let text: string;
    try {
      const res = await (o.fetch ?? fetch)(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw fail('Unreachable', timedOut ? 'no answer in time' : 'network error', undefined, err);
    }
    let body: SendSmsResponse;
    try {
      body = JSON.parse(text) as SendSmsResponse;
    } catch {
      throw fail('InvalidResponse', `HTTP ${status}, not JSON`);
    }
    const response = body.Response;
    if (!response) throw fail('InvalidResponse', `HTTP ${status}, no Response`);
    if (response.Error) throw fail(response.Error.Code ?? 'UnknownError', response.Error.Message ?? '', response.RequestId);
    const result = response.SendStatusSet?.[0];
    if (!result) throw fail('InvalidResponse', 'no SendStatusSet', response.RequestId);
    if (result.Code !== 'Ok') throw fail(result.Code ?? 'UnknownError', result.Message ?? '', response.RequestId);
  }
}
