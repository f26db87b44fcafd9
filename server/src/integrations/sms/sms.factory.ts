import type { Logger } from 'pino';
import { ConfigError, type Env } from '../../config/env';
import { DevSmsProvider } from './dev-sms.provider';
import type { SmsProvider } from './sms.provider';
import { TencentSmsProvider } from './tencent-sms.provider';

export type SmsEnv = Pick<
  Env,
  | 'NODE_ENV'
  | 'SMS_PROVIDER'
  | 'SMS_API_BASE'
  | 'TENCENT_SMS_SECRET_ID'
  | 'TENCENT_SMS_SECRET_KEY'
  | 'TENCENT_SMS_REGION'
  | 'TENCENT_SMS_APP_ID'
  | 'TENCENT_SMS_SIGN_NAME'
  | 'TENCENT_SMS_TEMPLATE_ID'
>;

/** The provider SMS_PROVIDER names; a Tencent provider with settings missing refuses to start. */
export function createSmsProvider(env: SmsEnv, logger: Logger, options: { fetch?: typeof fetch } = {}): SmsProvider {
  if (env.SMS_PROVIDER === 'dev') return new DevSmsProvider({ nodeEnv: env.NODE_ENV, logger });
  const required = {
    TENCENT_SMS_SECRET_ID: env.TENCENT_SMS_SECRET_ID,
    TENCENT_SMS_SECRET_KEY: env.TENCENT_SMS_SECRET_KEY,
    TENCENT_SMS_APP_ID: env.TENCENT_SMS_APP_ID,
    TENCENT_SMS_SIGN_NAME: env.TENCENT_SMS_SIGN_NAME,
    TENCENT_SMS_TEMPLATE_ID: env.TENCENT_SMS_TEMPLATE_ID,
  };
  const missing = Object.entries(required).filter(([, v]) => !v);
  if (missing.length) {
    throw new ConfigError(missing.map(([setting]) => ({ setting, message: 'is required when SMS_PROVIDER=tencent' })));
  }
  return new TencentSmsProvider({
    baseUrl: env.SMS_API_BASE,
    secretId: required.TENCENT_SMS_SECRET_ID!,
    secretKey: required.TENCENT_SMS_SECRET_KEY!,
    region: env.TENCENT_SMS_REGION,
    appId: required.TENCENT_SMS_APP_ID!,
    signName: required.TENCENT_SMS_SIGN_NAME!,
    templateId: required.TENCENT_SMS_TEMPLATE_ID!,
    fetch: options.fetch,
  });
}
