import { startWechatStandIn, type WechatStandIn } from '../../../server/src/integrations/wechat/stand-in';
import { body } from '../../support/http';

const APPID = 'wx1234567890abcdef';
const SECRET = 'stand-in-secret';
const MINUTE = 60_000;
let clock = Date.parse('2026-11-21T08:00:00Z');
let standIn: WechatStandIn;

beforeAll(async () => {
  standIn = await startWechatStandIn({ appid: APPID, secret: SECRET, now: () => clock });
});
afterAll(() => standIn.close());

const code2session = (code: string, secret = SECRET) =>
  fetch(`${standIn.baseUrl}/sns/jscode2session?appid=${APPID}&secret=${secret}&js_code=${code}&grant_type=authorization_code`).then(body);

const stableToken = (extra: object = {}) =>
  fetch(`${standIn.baseUrl}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET, ...extra }),
  }).then(body);

const post = (path: string, json: object, token?: string) =>
  fetch(`${standIn.baseUrl}${path}${token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
  }).then(body);

const phoneCode = (phoneNumber: string) => post('/__standin/phone-code', { phoneNumber }).then((b) => b.code as string);
const getPhone = (code: string, token: string) => post('/wxa/business/getuserphonenumber', { code }, token);
const message = (extra: object = {}) => ({ touser: 'oNurse0001', template_id: 'TPL_TICKET_UPDATE', data: { thing1: { value: '胃镜故障' } }, ...extra });
const sendMessage = (token: string, extra: object = {}) => post('/cgi-bin/message/subscribe/send', message(extra), token);
const secCheck = (token: string, content: string, extra: object = {}) =>
  post('/wxa/msg_sec_check', { content, version: 2, scene: 2, openid: 'oNurse0001', ...extra }, token);
const freshToken = async () => (await stableToken({ force_refresh: true })).access_token as string;

describe('WeChat stand-in (wire format of wechat.md)', () => {
  it('exchanges a login code for the openid and a session key, once', async () => {
    const { code } = await fetch(`${standIn.baseUrl}/__standin/login-code`, { method: 'POST', body: JSON.stringify({ openid: 'oNurse0001' }) }).then(body);
    expect(await code2session(code)).toEqual({ openid: 'oNurse0001', session_key: expect.any(String) });
    expect(await code2session(code)).toEqual({ errcode: 40029, errmsg: 'invalid code' });
  });

  it('refuses a code older than five minutes, and a wrong secret', async () => {
    const { code } = standIn.issueLoginCode();
    clock += 5 * 60_000 + 1;
    expect((await code2session(code)).errcode).toBe(40029);
    const fresh = standIn.issueLoginCode();
    expect((await code2session(fresh.code, 'wrong')).errcode).toBe(40125);
  });

  it('hands out a stable access token valid for 7200 s, renewed only when forced or expired', async () => {
    const first = await stableToken();
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    clock += 1000;
    const again = await stableToken();
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBe(7199);
    const forced = await stableToken({ force_refresh: true });
    expect(forced.access_token).not.toBe(first.access_token);
    expect((await stableToken({ secret: 'nope' })).errcode).toBe(40125);
  });
});

describe('access tokens on the APIs that need one', () => {
  const INVALID = { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
  const EXPIRED = { errcode: 42001, errmsg: 'access_token expired' };

  it.each(['/wxa/business/getuserphonenumber', '/cgi-bin/message/subscribe/send', '/wxa/msg_sec_check'])(
    '%s answers 41001 without a token and 40001 for one it never issued',
    async (path) => {
      expect((await post(path, {})).errcode).toBe(41001);
      expect(await post(path, {}, 'made-up-token')).toEqual(INVALID);
    },
  );

  it('a token stops working 7200 s after it was issued (42001); a new one works', async () => {
    const token = await freshToken();
    clock += 7200_000 - 1;
    expect((await secCheck(token, '你好')).errcode).toBe(0);
    clock += 1;
    expect(await secCheck(token, '你好')).toEqual(EXPIRED);
    const renewed = await stableToken();
    expect(renewed.access_token).not.toBe(token);
    expect((await secCheck(renewed.access_token, '你好')).errcode).toBe(0);
  });

  it('a forced refresh leaves the old token valid for five more minutes, then "not latest" (40001)', async () => {
    const old = await freshToken();
    clock += 10 * MINUTE;
    const replacement = await freshToken();
    expect(replacement).not.toBe(old);
    clock += 5 * MINUTE - 1;
    expect((await secCheck(old, '你好')).errcode).toBe(0);
    clock += 1;
    expect(await secCheck(old, '你好')).toEqual(INVALID);
    expect((await secCheck(replacement, '你好')).errcode).toBe(0);
    // Normal calls now hand out the replacement, not the old token.
    expect((await stableToken()).access_token).toBe(replacement);
  });

  it('renews early: a normal call in the last five minutes gets a new token, the old one lives out its time', async () => {
    const old = await freshToken();
    clock += 7200_000 - 5 * MINUTE;
    const renewed = await stableToken();
    expect(renewed).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(renewed.access_token).not.toBe(old);
    clock += 5 * MINUTE - 1;
    expect((await secCheck(old, '你好')).errcode).toBe(0);
    clock += 1;
    expect((await secCheck(old, '你好')).errcode).toBe(42001);
  });
});

describe('phone numbers (getuserphonenumber)', () => {
  it('turns a phone code into the number, with our appid in the watermark, once', async () => {
    const token = await freshToken();
    const code = await phoneCode('13800000004');
    expect(await getPhone(code, token)).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13800000004',
        purePhoneNumber: '13800000004',
        countryCode: '86',
        watermark: { timestamp: Math.floor(clock / 1000), appid: APPID },
      },
    });
    expect(await getPhone(code, token)).toEqual({ errcode: 40029, errmsg: 'invalid code' });
  });

  it('refuses a phone code after five minutes, a login code, and a made-up code', async () => {
    const token = await freshToken();
    const { code } = standIn.issuePhoneCode('13900000005');
    clock += 5 * MINUTE + 1;
    expect((await getPhone(code, token)).errcode).toBe(40029);
    expect((await getPhone(standIn.issueLoginCode().code, token)).errcode).toBe(40029);
    expect((await getPhone('nonsense', token)).errcode).toBe(40029);
  });

  it('gives numbers outside the mainland with their prefix', async () => {
    const token = await freshToken();
    const { code } = standIn.issuePhoneCode('91234567', '852');
    expect((await getPhone(code, token)).phone_info).toMatchObject({ phoneNumber: '+85291234567', purePhoneNumber: '91234567', countryCode: '852' });
  });
});

describe('subscription messages (subscribe/send)', () => {
  it('sends, answers a msgid, and records the message for tests to read', async () => {
    const token = await freshToken();
    const before = standIn.sentMessages().length;
    const sent = await sendMessage(token, { page: 'packages/ticket/detail?id=7', miniprogram_state: 'trial' });
    expect(sent).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    const recorded = { msgid: sent.msgid, ...message(), page: 'packages/ticket/detail?id=7', miniprogram_state: 'trial', lang: 'zh_CN', sentAt: new Date(clock).toISOString() };
    expect(standIn.sentMessages().slice(before)).toEqual([recorded]);
    const listed = await fetch(`${standIn.baseUrl}/__standin/messages`).then(body);
    expect(listed.messages.at(-1)).toEqual(recorded);
    const second = await sendMessage(token);
    expect(second.msgid).not.toBe(sent.msgid);
  });

  it('refuses a bad openid (40003), a missing template (40037) and malformed data (47003), recording nothing', async () => {
    const token = await freshToken();
    const before = standIn.sentMessages().length;
    expect((await sendMessage(token, { touser: 'not an openid!' })).errcode).toBe(40003);
    expect((await sendMessage(token, { touser: undefined })).errcode).toBe(40003);
    expect((await sendMessage(token, { template_id: undefined })).errcode).toBe(40037);
    expect((await sendMessage(token, { template_id: '' })).errcode).toBe(40037);
    expect((await sendMessage(token, { data: { thing1: '胃镜故障' } })).errcode).toBe(47003);
    expect(standIn.sentMessages()).toHaveLength(before);
  });
});

describe('content check (msg_sec_check, version 2)', () => {
  it('passes ordinary text, flags listed words as risky or for review', async () => {
    const token = await freshToken();
    const pass = await secCheck(token, '内镜送修，请尽快处理');
    expect(pass).toEqual({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
      trace_id: expect.any(String),
    });
    const risky = await secCheck(token, '这里有违禁词');
    expect(risky.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(risky.detail).toContainEqual(expect.objectContaining({ strategy: 'keyword', suggest: 'risky', keyword: '违禁词' }));
    expect((await secCheck(token, '此条待复核')).result.suggest).toBe('review');
    expect((await secCheck(token, '待复核的违禁词')).result.suggest).toBe('risky');
  });

  it('takes up to 2,500 characters; longer, a bad openid or scene, or version 1 are refused', async () => {
    const token = await freshToken();
    expect((await secCheck(token, '镜'.repeat(2500))).result.suggest).toBe('pass');
    expect(await secCheck(token, '镜'.repeat(2501))).toEqual({ errcode: 40097, errmsg: expect.stringContaining('invalid args') });
    expect((await secCheck(token, '你好', { openid: '' })).errcode).toBe(40003);
    expect((await secCheck(token, '你好', { scene: 9 })).errcode).toBe(40097);
    expect((await secCheck(token, '你好', { version: 1 })).errcode).toBe(40097);
  });
});

describe('call counts', () => {
  it('counts calls per WeChat API path, not the control endpoints', async () => {
    const counted = await startWechatStandIn({ appid: APPID, secret: SECRET });
    try {
      const call = (path: string, init?: RequestInit) => fetch(`${counted.baseUrl}${path}`, init).then(body);
      await call('/cgi-bin/stable_token', { method: 'POST', body: '{}' });
      await call('/cgi-bin/stable_token', { method: 'POST', body: '{}' });
      await call('/wxa/msg_sec_check', { method: 'POST', body: '{}' });
      await call('/__standin/phone-code', { method: 'POST', body: JSON.stringify({ phoneNumber: '13800000004' }) });
      await call('/__standin/messages');
      const expected = { calls: { '/cgi-bin/stable_token': 2, '/wxa/msg_sec_check': 1 } };
      expect(await call('/__standin/stats')).toEqual(expected);
      expect(counted.stats()).toEqual(expected);
    } finally {
      await counted.close();
    }
  });
});
