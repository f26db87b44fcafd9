import type { Logger } from 'pino';
import { ConfigError, type Env } from '../../config/env';
import { maskPhone } from '../../../../shared/phone';
import type { SmsMessage, SmsProvider } from './sms.provider';

/**
 * Development and tests only: "sends" by logging that a message went out,
 * and hands the code back to the caller (`devCode`, which the sign-in page
 * fills in), so a developer can log in without a phone. The code itself is
 * not logged: no code or token is, anywhere (privacy.md; every test server
 * scans its log for them). Refuses to exist in production, where returning
 * the code would let anyone log in as anyone.
 */
export class DevSmsProvider implements SmsProvider {
  readonly name = 'dev' as const;
  readonly returnsCodeToCaller = true;
  private readonly logger: Logger;

  constructor(options: { nodeEnv: Env['NODE_ENV']; logger: Logger }) {
    if (options.nodeEnv === 'production') {
      throw new ConfigError([{ setting: 'SMS_PROVIDER', message: 'the development SMS provider must not run in production (it returns codes to the caller)' }]);
    }
    this.logger = options.logger;
  }

  async send(message: SmsMessage): Promise<void> {
    const to = maskPhone(message.phone);
    this.logger.info(
      { sms: 'dev', to, purpose: message.purpose, ttlMinutes: message.ttlMinutes },
      `dev SMS to ${to} (${message.purpose}, valid ${message.ttlMinutes} min); the code is in the answer's devCode`,
    );
  }
}
