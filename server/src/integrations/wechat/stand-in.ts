import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the WeChat endpoints ScopeDesk calls (wechat.md), for
 * development and tests: these machines cannot reach api.weixin.qq.com. It
 * speaks WeChat's wire format — JSON bodies with `errcode`/`errmsg`, HTTP 200
 * even on errors — with single-use, five-minute login codes. The production
 * client is the same code pointed at the real base URL.
 *
 * A test or the dev H5 page plays `wx.login()` through the control endpoint
 * `POST /__standin/login-code {openid?}` → `{code, openid}`.
 */
export interface WechatStandIn {
  baseUrl: string;
  /** What `wx.login()` would hand the mini-program for this WeChat user. */
  issueLoginCode(openid?: string): { code: string; openid: string };
  close(): Promise<void>;
}

const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_S = 7200;

interface LoginCode {
  openid: string;
  expiresAt: number;
}

export async function startWechatStandIn(options: { appid: string; secret: string; now?: () => number; port?: number }): Promise<WechatStandIn> {
  const now = options.now ?? Date.now;
  const codes = new Map<string, LoginCode>();
  let token: { value: string; expiresAt: number } | undefined;

  const issueLoginCode = (openid = `o${randomBytes(13).toString('base64url')}`) => {
    const code = randomBytes(16).toString('hex');
    codes.set(code, { openid, expiresAt: now() + CODE_TTL_MS });
    return { code, openid };
  };

  const credentialsOk = (appid: unknown, secret: unknown) => appid === options.appid && secret === options.secret;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const send = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const readJson = async (): Promise<Record<string, unknown>> => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      try {
        return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return {};
      }
    };

    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      const q = url.searchParams;
      if (!credentialsOk(q.get('appid'), q.get('secret'))) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (q.get('grant_type') !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      const code = q.get('js_code') ?? '';
      const entry = codes.get(code);
      codes.delete(code); // single use, whether it worked or not
      if (!entry || entry.expiresAt < now()) return send({ errcode: 40029, errmsg: 'invalid code' });
      return send({ openid: entry.openid, session_key: randomBytes(16).toString('base64') });
    }

    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      const body = await readJson();
      if (body.grant_type !== 'client_credential') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (!credentialsOk(body.appid, body.secret)) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (!token || token.expiresAt <= now() || body.force_refresh === true) {
        token = { value: randomBytes(32).toString('base64url'), expiresAt: now() + TOKEN_TTL_S * 1000 };
      }
      return send({ access_token: token.value, expires_in: Math.round((token.expiresAt - now()) / 1000) });
    }

    if (req.method === 'POST' && url.pathname === '/__standin/login-code') {
      const body = await readJson();
      return send(issueLoginCode(typeof body.openid === 'string' ? body.openid : undefined));
    }

    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errcode: -1, errmsg: 'system error: no such api in the stand-in' }));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    issueLoginCode,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
