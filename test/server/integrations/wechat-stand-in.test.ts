import { startWechatStandIn, type WechatStandIn } from '../../../server/src/integrations/wechat/stand-in';
import { body } from '../../support/http';

const APPID = 'wx1234567890abcdef';
const SECRET = 'stand-in-secret';
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
