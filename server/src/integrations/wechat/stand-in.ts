import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SingleUseCodes } from './stand-in.codes';
import { WECHAT_ENDPOINTS, type PhoneOnRecord, type SentSubscribeMessage, type StandInState } from './stand-in.handlers';
import { AccessTokenLedger } from './stand-in.tokens';

export type { SentSubscribeMessage } from './stand-in.handlers';

/**
 * A local stand-in for the WeChat endpoints ScopeDesk calls (wechat.md), for
 * development and tests: these machines cannot reach api.weixin.qq.com. It
 * speaks WeChat's wire format — JSON bodies with `errcode`/`errmsg`, HTTP 200
 * even on errors — with single-use, five-minute codes and expiring access
 * tokens. The production client is the same code pointed at the real base URL.
 *
 * Control endpoints play the parts WeChat plays on the phone, and let tests
 * look inside:
 * - `POST /__standin/login-code {openid?}` → `{code, openid}` (`wx.login()`)
 * - `POST /__standin/phone-code {phoneNumber, countryCode?}` → `{code}` (the phone button)
 * - `GET /__standin/messages` → `{messages}` (subscription messages "delivered")
 * - `GET /__standin/stats` → `{calls: {<api path>: n}}`
 */
export interface WechatStandIn {
  baseUrl: string;
  /** What `wx.login()` would hand the mini-program for this WeChat user. */
  issueLoginCode(openid?: string): { code: string; openid: string };
  /** What the getPhoneNumber button would hand the mini-program for this number. */
  issuePhoneCode(phoneNumber: string, countryCode?: string): { code: string };
  sentMessages(): SentSubscribeMessage[];
  /** Calls received per WeChat API path (control endpoints not counted). */
  stats(): { calls: Record<string, number> };
  close(): Promise<void>;
}

export async function startWechatStandIn(options: { appid: string; secret: string; now?: () => number; port?: number }): Promise<WechatStandIn> {
  const now = options.now ?? Date.now;
  const state: StandInState = {
    appid: options.appid,
    secret: options.secret,
    now,
    loginCodes: new SingleUseCodes<string>(now),
    phoneCodes: new SingleUseCodes<PhoneOnRecord>(now),
    tokens: new AccessTokenLedger(now),
    messages: [],
  };
  const calls: Record<string, number> = {};

  const issueLoginCode = (openid = `o${randomBytes(13).toString('base64url')}`) => ({ code: state.loginCodes.issue(openid), openid });
  const issuePhoneCode = (phoneNumber: string, countryCode = '86') => {
    const purePhoneNumber = phoneNumber.startsWith(`+${countryCode}`) ? phoneNumber.slice(countryCode.length + 1) : phoneNumber;
    return { code: state.phoneCodes.issue({ purePhoneNumber, countryCode }) };
  };
  // Copies, so a test holding the list cannot rewrite what was "sent".
  const sentMessages = () => state.messages.map((m) => structuredClone(m));
  const stats = () => ({ calls: { ...calls } });

  const control: Record<string, (body: Record<string, unknown>) => object> = {
    'POST /__standin/login-code': (body) => issueLoginCode(typeof body.openid === 'string' ? body.openid : undefined),
    'POST /__standin/phone-code': (body) =>
      typeof body.phoneNumber === 'string'
        ? issuePhoneCode(body.phoneNumber, typeof body.countryCode === 'string' ? body.countryCode : undefined)
        : { errcode: 40097, errmsg: 'invalid args hint: phoneNumber missing' },
    'GET /__standin/messages': () => ({ messages: sentMessages() }),
    'GET /__standin/stats': stats,
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const route = `${req.method} ${url.pathname}`;
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const body = await readJson(req);
    const api = WECHAT_ENDPOINTS[route];
    if (api) {
      calls[url.pathname] = (calls[url.pathname] ?? 0) + 1;
      return send(200, api(state, { query: url.searchParams, body }));
    }
    const ctl = control[route];
    if (ctl) return send(200, ctl(body));
    send(404, { errcode: -1, errmsg: 'system error: no such api in the stand-in' });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    issueLoginCode,
    issuePhoneCode,
    sentMessages,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
