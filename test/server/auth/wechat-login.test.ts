import { call, consentFor, login } from '../../support/api';
import { startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { SMS_IP_DAILY_LIMIT: '1000' } });
});
afterAll(() => server.close());

const standIn = () => server.running.wechatStandIn!;

async function wechatLogin(openid: string) {
  const { code } = standIn().issueLoginCode(openid);
  return call(server, 'POST', '/auth/wechat', { body: { code, consent: await consentFor(server, ['service']) } });
}

describe('WeChat sign-in (through the stand-in, real wire format)', () => {
  it('exchanges a wx.login code for a session; the session key never reaches the client', async () => {
    const res = await wechatLogin('oWx_login_0001');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'token', 'user']);
    expect(JSON.stringify(res.body)).not.toMatch(/session_?key/i);
    const me = await call(server, 'GET', '/me', { token: res.body.token });
    expect(me.body).toMatchObject({ status: 'unregistered', profile: { wechatBound: true, phone: null } });
    expect(JSON.stringify(server.logs)).not.toContain('oWx_login_0001');
  });

  it('finds the same account on the next sign-in', async () => {
    const a = await wechatLogin('oWx_same_0002');
    const b = await wechatLogin('oWx_same_0002');
    const idA = (await call(server, 'GET', '/me', { token: a.body.token })).body.id;
    const idB = (await call(server, 'GET', '/me', { token: b.body.token })).body.id;
    expect(idB).toBe(idA);
  });

  it('refuses a replayed code with VERIFICATION_FAILED', async () => {
    const { code } = standIn().issueLoginCode('oWx_replay_0003');
    expect((await call(server, 'POST', '/auth/wechat', { body: { code } })).status).toBe(200);
    const replay = await call(server, 'POST', '/auth/wechat', { body: { code } });
    expect(replay.status).toBe(422);
    expect(replay.body.code).toBe('VERIFICATION_FAILED');
  });

  it('binds the phone from the phone button, masked in the profile', async () => {
    const res = await wechatLogin('oWx_phone_0004');
    const { code } = standIn().issuePhoneCode('13911110004');
    const bound = await call(server, 'POST', '/auth/wechat/phone', { token: res.body.token, body: { code } });
    expect(bound.status).toBe(200);
    expect(bound.body.profile).toMatchObject({ phone: '139****0004', wechatBound: true });
  });

  it('joins a WeChat sign-in to the account that already has the phone (made by SMS on the web)', async () => {
    const web = await login(server, '13911110005');
    const webId = (await call(server, 'GET', '/me', { token: web.token })).body.id;
    const wx = await wechatLogin('oWx_merge_0005');
    const { code } = standIn().issuePhoneCode('13911110005');
    const bound = await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code } });
    expect(bound.status).toBe(200);
    expect(bound.body.id).toBe(webId);
    expect((await call(server, 'GET', '/me', { token: wx.body.token })).body).toMatchObject({ id: webId, profile: { wechatBound: true } });
    const next = await wechatLogin('oWx_merge_0005');
    expect((await call(server, 'GET', '/me', { token: next.body.token })).body.id).toBe(webId);
  });

  it('leaves a phone with its owner when this WeChat account already holds data of its own (409)', async () => {
    await login(server, '13911110007');
    const wx = await wechatLogin('oWx_conflict_0006');
    await call(server, 'PATCH', '/me', { token: wx.body.token, body: { name: '微信账号' } });
    const { code } = standIn().issuePhoneCode('13911110007');
    const clash = await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code } });
    expect(clash.status).toBe(409);
    expect((await call(server, 'GET', '/me', { token: wx.body.token })).body.profile).toMatchObject({ name: '微信账号', phone: null });
  });
});
