import { captureLogger } from '../../support/log-capture';
import { ConfigError } from '../../../server/src/config/env';
import { DevSmsProvider } from '../../../server/src/integrations/sms/dev-sms.provider';
import { createSmsProvider, type SmsEnv } from '../../../server/src/integrations/sms/sms.factory';
import { SmsSendError } from '../../../server/src/integrations/sms/sms-send.error';
import { TencentSmsProvider, type TencentSmsOptions } from '../../../server/src/integrations/sms/tencent-sms.provider';
import { startFakeTencentSms, type FakeTencentSms } from './fake-tencent-sms';

const PHONE = '13800000004';
const message = { phone: PHONE, code: '482913', purpose: 'login' as const, ttlMinutes: 5 };

const capture = () => captureLogger();

describe('development SMS provider', () => {
  it('refuses to exist in production', () => {
    expect(() => new DevSmsProvider({ nodeEnv: 'production', logger: capture().logger })).toThrow(ConfigError);
  });

  it('logs that a message went out with the phone masked and without the code, and offers the code to the caller', async () => {
    const { lines, logger } = capture();
    const dev = new DevSmsProvider({ nodeEnv: 'development', logger });
    expect(dev.returnsCodeToCaller).toBe(true);
    await dev.send(message);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(lines[0]).not.toContain('482913');
    expect(line.msg).toContain('138****0004');
    expect(line.to).toBe('138****0004');
    expect(lines[0]).not.toContain(PHONE);
  });
});

describe('Tencent Cloud SMS provider (SendSms 2021-01-11, TC3-HMAC-SHA256)', () => {
  const credentials = { secretId: 'AKIDtestSecretId0000000000000000', secretKey: 'test-secret-key-0123456789abcdef' };
  let fake: FakeTencentSms;
  const provider = (over: Partial<TencentSmsOptions> = {}) =>
    new TencentSmsProvider({
      baseUrl: fake.baseUrl,
      ...credentials,
      region: 'ap-guangzhou',
      appId: '1400000000',
      signName: 'ScopeDesk',
      templateId: '1234567',
      ...over,
    });

  beforeEach(async () => {
    fake = await startFakeTencentSms(credentials);
  });
  afterEach(() => fake.close());

  it('sends a correctly signed SendSms with the number in E.164 and the code and validity as template parameters', async () => {
    const tencent = provider();
    expect(tencent.returnsCodeToCaller).toBe(false);
    await tencent.send(message);
    expect(fake.accepted).toEqual([
      { PhoneNumberSet: ['+8613800000004'], SmsSdkAppId: '1400000000', SignName: 'ScopeDesk', TemplateId: '1234567', TemplateParamSet: ['482913', '5'] },
    ]);
    const headers = fake.received[0]!.headers;
    expect(headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou', 'content-type': 'application/json; charset=utf-8' });
  });

  it('surfaces a signature Tencent cannot verify as SmsSendError AuthFailure.SignatureFailure', async () => {
    const err = await provider({ secretKey: 'not-the-right-key' }).send(message).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsSendError);
    expect(err).toMatchObject({ code: 'AuthFailure.SignatureFailure', provider: 'tencent', requestId: expect.any(String) });
    expect(fake.accepted).toEqual([]);
  });

  it('refuses a request signed too long ago (a wrong clock) before sending', async () => {
    const err = await provider({ now: () => Date.now() - 10 * 60_000 }).send(message).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AuthFailure.SignatureExpire' });
    expect(fake.accepted).toEqual([]);
  });

  it('treats a per-number failure in SendStatusSet as not sent, without the number in the error', async () => {
    fake.statusCode = 'LimitExceeded.PhoneNumberDailyLimit';
    fake.statusMessage = `the number of sms messages sent to +86${PHONE} every day exceeds the upper limit`;
    const err = (await provider().send(message).catch((e: unknown) => e)) as SmsSendError;
    expect(err).toBeInstanceOf(SmsSendError);
    expect(err.code).toBe('LimitExceeded.PhoneNumberDailyLimit');
    expect(`${err.message} ${JSON.stringify(err)}`).not.toContain(PHONE);
    expect(err.message).toContain('138****0004');
  });

  it('reports an unreachable endpoint as SmsSendError Unreachable', async () => {
    await fake.close();
    await expect(provider({ timeoutMs: 500 }).send(message)).rejects.toMatchObject({ name: 'SmsSendError', code: 'Unreachable' });
    fake = await startFakeTencentSms(credentials);
  });
});

describe('createSmsProvider', () => {
  const tencentEnv: SmsEnv = {
    NODE_ENV: 'production',
    SMS_PROVIDER: 'tencent',
    SMS_API_BASE: 'https://sms.tencentcloudapi.com',
    TENCENT_SMS_SECRET_ID: 'id',
    TENCENT_SMS_SECRET_KEY: 'key',
    TENCENT_SMS_REGION: 'ap-guangzhou',
    TENCENT_SMS_APP_ID: '1400000000',
    TENCENT_SMS_SIGN_NAME: 'ScopeDesk',
    TENCENT_SMS_TEMPLATE_ID: '1234567',
  };

  it('chooses by SMS_PROVIDER', () => {
    const { logger } = capture();
    expect(createSmsProvider({ ...tencentEnv, NODE_ENV: 'development', SMS_PROVIDER: 'dev' }, logger)).toMatchObject({ name: 'dev', returnsCodeToCaller: true });
    expect(createSmsProvider(tencentEnv, logger)).toMatchObject({ name: 'tencent', returnsCodeToCaller: false });
  });

  it('refuses the dev provider in production, and Tencent without its settings, naming them', () => {
    const { logger } = capture();
    expect(() => createSmsProvider({ ...tencentEnv, SMS_PROVIDER: 'dev' }, logger)).toThrow(ConfigError);
    const missing = (() => {
      try {
        createSmsProvider({ ...tencentEnv, TENCENT_SMS_SECRET_KEY: undefined, TENCENT_SMS_TEMPLATE_ID: undefined }, logger);
      } catch (err) {
        return err;
      }
    })() as ConfigError;
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.problems.map((p) => p.setting)).toEqual(['TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_TEMPLATE_ID']);
  });
});
