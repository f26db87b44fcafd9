import {
  createWechatClient,
  WechatApiError,
  WechatResponseError,
  WechatUnreachableError,
  type WechatClient,
} from '../../../server/src/integrations/wechat/wechat.client';
import { startWechatStandIn, type WechatStandIn } from '../../../server/src/integrations/wechat/stand-in';
import { body } from '../../support/http';
import { startLocalServer, type LocalServer } from './local-http';

const APPID = 'wx1234567890abcdef';
const SECRET = 'client-test-secret-0123456789';
const MINUTE = 60_000;

let clock: number;
let standIn: WechatStandIn;
let client: WechatClient;

beforeEach(async () => {
  clock = Date.parse('2026-11-21T08:00:00Z');
  standIn = await startWechatStandIn({ appid: APPID, secret: SECRET, now: () => clock });
  client = createWechatClient({ baseUrl: standIn.baseUrl, appid: APPID, secret: SECRET, now: () => clock });
});
afterEach(() => standIn.close());

const calls = (path: string) => standIn.stats().calls[path] ?? 0;

/** Whatever the client threw, as every text a log line could show. */
async function thrown(promise: Promise<unknown>): Promise<{ error: Error; text: string }> {
  const error = await promise.then(
    () => undefined,
    (err: Error) => err,
  );
  if (!error) throw new Error('expected a rejection');
  return { error, text: `${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${String(error.cause ?? '')}` };
}

/** A fake WeChat for answers the stand-in never gives; it issues tokens so token-backed calls get as far as the API. */
async function fakeWechat(answer: (path: string, body: Record<string, unknown>) => object | string | undefined): Promise<LocalServer> {
  return startLocalServer((req) => {
    const json = req.rawBody ? (JSON.parse(req.rawBody) as Record<string, unknown>) : {};
    if (req.path === '/cgi-bin/stable_token') return { access_token: 'fake-token', expires_in: 7200 };
    return answer(req.path, json);
  });
}

describe('code2Session', () => {
  it('turns a login code into the openid and a session key', async () => {
    const { code } = standIn.issueLoginCode('oNurse0001');
    const session = await client.code2Session(code);
    expect(session).toEqual({ openid: 'oNurse0001', sessionKey: expect.any(String) });
    expect(session.sessionKey.length).toBeGreaterThan(10);
  });

  it('refuses a replayed code with WechatApiError 40029, naming neither the code nor the secret', async () => {
    const { code } = standIn.issueLoginCode();
    await client.code2Session(code);
    const { error, text } = await thrown(client.code2Session(code));
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 40029, errmsg: 'invalid code', api: '/sns/jscode2session' });
    expect(text).not.toContain(code);
    expect(text).not.toContain(SECRET);
  });

  it('keeps the session key, code and secret out of every error, even when WeChat echoes them', async () => {
    const sessionKey = 'SeSsIoNkEy+only/for/the/server==';
    let round = 0;
    const fake = await startLocalServer((req) => {
      round += 1;
      const code = req.query.get('js_code');
      // First an answer without an openid, then an errmsg that repeats what it was sent.
      return round === 1 ? { session_key: sessionKey, unionid: 'u1' } : { errcode: 40226, errmsg: `high risk user ${code} ${req.query.get('secret')}` };
    });
    try {
      const fakeClient = createWechatClient({ baseUrl: fake.baseUrl, appid: APPID, secret: SECRET });
      const unusable = await thrown(fakeClient.code2Session('login-code-0001'));
      expect(unusable.error).toBeInstanceOf(WechatResponseError);
      expect(unusable.text).not.toContain(sessionKey);
      const echoed = await thrown(fakeClient.code2Session('login-code-0002'));
      expect(echoed.error).toMatchObject({ errcode: 40226 });
      for (const secret of ['login-code-0002', SECRET, sessionKey]) expect(echoed.text).not.toContain(secret);
    } finally {
      await fake.close();
    }
  });
});

describe('getPhoneNumber', () => {
  it('returns the number behind a phone-button code, once', async () => {
    const { code } = standIn.issuePhoneCode('13800000004');
    expect(await client.getPhoneNumber(code)).toEqual({ phoneNumber: '13800000004', purePhoneNumber: '13800000004', countryCode: '86' });
    const { error, text } = await thrown(client.getPhoneNumber(code));
    expect(error).toMatchObject({ errcode: 40029, api: '/wxa/business/getuserphonenumber' });
    expect(text).not.toContain(code);
  });

  it('refuses a number whose watermark names another mini-program', async () => {
    const fake = await fakeWechat(() => ({
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: '13800000004', purePhoneNumber: '13800000004', countryCode: '86', watermark: { timestamp: 1, appid: 'wxSOMEONEELSE00000' } },
    }));
    try {
      const fakeClient = createWechatClient({ baseUrl: fake.baseUrl, appid: APPID, secret: SECRET });
      const { error, text } = await thrown(fakeClient.getPhoneNumber('phone-code'));
      expect(error).toBeInstanceOf(WechatResponseError);
      expect(error.message).toContain('watermark');
      expect(text).not.toContain('13800000004');
    } finally {
      await fake.close();
    }
  });
});

describe('access token', () => {
  it('50 parallel callers share one upstream stable_token call, and later calls use the cache', async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, () => client.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(calls('/cgi-bin/stable_token')).toBe(1);
    clock += 60 * MINUTE;
    expect(await client.accessToken()).toBe(tokens[0]);
    expect(calls('/cgi-bin/stable_token')).toBe(1);
  });

  it('renews a few minutes before expiry, and the new token works', async () => {
    const first = await client.accessToken();
    clock += 7200_000 - 4 * MINUTE;
    const second = await client.accessToken();
    expect(second).not.toBe(first);
    expect(calls('/cgi-bin/stable_token')).toBe(2);
    expect(await client.msgSecCheck({ openid: 'oNurse0001', scene: 2, content: '你好' })).toBe('pass');
  });

  it('a token WeChat calls expired (42001) is replaced once and the call retried', async () => {
    // The client's own clock stands still, so only WeChat knows the token has run out.
    const frozen = clock;
    const drifting = createWechatClient({ baseUrl: standIn.baseUrl, appid: APPID, secret: SECRET, now: () => frozen });
    const before = await drifting.accessToken();
    clock += 7200_000;
    expect(await drifting.msgSecCheck({ openid: 'oNurse0001', scene: 2, content: '有违禁词' })).toBe('risky');
    expect(calls('/wxa/msg_sec_check')).toBe(2);
    expect(calls('/cgi-bin/stable_token')).toBe(2);
    expect(await drifting.accessToken()).not.toBe(before);
  });

  it('a token replaced elsewhere (40001) is replaced here once for all parallel callers', async () => {
    await client.accessToken();
    // Another instance forces a refresh; the grace period runs out.
    await fetch(`${standIn.baseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: true }),
    }).then(body);
    clock += 6 * MINUTE;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.sendSubscribeMessage({ touser: 'oNurse0001', templateId: 'TPL_1', data: { thing1: `工单 ${i}` } })),
    );
    expect(new Set(results.map((r) => r.msgid)).size).toBe(10);
    expect(standIn.sentMessages()).toHaveLength(10);
    expect(calls('/cgi-bin/stable_token')).toBe(3);
  });

  it('retries only once: a token refused twice surfaces the error', async () => {
    const fake = await fakeWechat(() => ({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }));
    try {
      const fakeClient = createWechatClient({ baseUrl: fake.baseUrl, appid: APPID, secret: SECRET });
      const { error, text } = await thrown(fakeClient.msgSecCheck({ openid: 'oNurse0001', scene: 1, content: '你好' }));
      expect(error).toMatchObject({ errcode: 40001, api: '/wxa/msg_sec_check' });
      expect(text).not.toContain('fake-token');
      expect(fake.received.filter((r) => r.path === '/wxa/msg_sec_check')).toHaveLength(2);
      const forced = fake.received.filter((r) => r.path === '/cgi-bin/stable_token').map((r) => JSON.parse(r.rawBody).force_refresh);
      expect(forced).toEqual([false, true]);
    } finally {
      await fake.close();
    }
  });

  it('a wrong secret fails with WeChat\'s 40125, without the secret in the message', async () => {
    const wrong = createWechatClient({ baseUrl: standIn.baseUrl, appid: APPID, secret: 'wrong-secret-value' });
    const { error, text } = await thrown(wrong.accessToken());
    expect(error).toMatchObject({ errcode: 40125, api: '/cgi-bin/stable_token' });
    expect(text).not.toContain('wrong-secret-value');
  });
});

describe('subscription messages and content check', () => {
  it('sends a subscription message in WeChat\'s data format', async () => {
    const { msgid } = await client.sendSubscribeMessage({
      touser: 'oNurse0001',
      templateId: 'TPL_TICKET_UPDATE',
      page: 'packages/ticket/detail?id=7',
      data: { thing1: '胃镜 GIF-H290 故障', time2: '2026-11-21 16:00' },
      state: 'trial',
    });
    expect(standIn.sentMessages()).toEqual([
      {
        msgid: Number(msgid),
        touser: 'oNurse0001',
        template_id: 'TPL_TICKET_UPDATE',
        page: 'packages/ticket/detail?id=7',
        data: { thing1: { value: '胃镜 GIF-H290 故障' }, time2: { value: '2026-11-21 16:00' } },
        miniprogram_state: 'trial',
        lang: 'zh_CN',
        sentAt: new Date(clock).toISOString(),
      },
    ]);
  });

  it('keeps every digit of a 64-bit msgid', async () => {
    // Sent as a bare JSON number, as WeChat does; a JS number would round it.
    const fake = await fakeWechat(() => '{"errcode":0,"errmsg":"ok","msgid":1700827132819554304}');
    try {
      const fakeClient = createWechatClient({ baseUrl: fake.baseUrl, appid: APPID, secret: SECRET });
      expect(await fakeClient.sendSubscribeMessage({ touser: 'oNurse0001', templateId: 'T', data: {} })).toEqual({ msgid: '1700827132819554304' });
    } finally {
      await fake.close();
    }
  });

  it('refuses a message to a malformed openid with 40003', async () => {
    await expect(client.sendSubscribeMessage({ touser: '!!', templateId: 'T', data: {} })).rejects.toMatchObject({ errcode: 40003 });
    expect(standIn.sentMessages()).toEqual([]);
  });

  it('reports the content-check verdict, and WeChat\'s refusal of over-long text', async () => {
    const check = (content: string) => client.msgSecCheck({ openid: 'oNurse0001', scene: 3, content });
    expect(await check('镜子清洗流程')).toBe('pass');
    expect(await check('含违禁词的帖子')).toBe('risky');
    expect(await check('需要待复核')).toBe('review');
    await expect(check('长'.repeat(2501))).rejects.toMatchObject({ errcode: 40097, api: '/wxa/msg_sec_check' });
  });
});

describe('transport', () => {
  it('gives up after the timeout with WechatUnreachableError', async () => {
    const silent = await startLocalServer(() => undefined);
    try {
      const slow = createWechatClient({ baseUrl: silent.baseUrl, appid: APPID, secret: SECRET, timeoutMs: 200 });
      const started = Date.now();
      const { error, text } = await thrown(slow.code2Session('login-code-0003'));
      expect(error).toBeInstanceOf(WechatUnreachableError);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('login-code-0003');
    } finally {
      await silent.close();
    }
  });
});
