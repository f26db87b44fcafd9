import { createAccessTokenSource } from './access-token.source';
import { createMemoryTokenStore, type TokenStore } from './access-token.store';
import { WechatApiError, WechatResponseError } from './wechat-api.error';
import { callWechat, DEFAULT_TIMEOUT_MS, type WechatBody, type WechatTransport } from './wechat.http';

export { WechatApiError, WechatError, WechatResponseError, WechatUnreachableError } from './wechat-api.error';
export type { StoredAccessToken, TokenStore } from './access-token.store';
export { createMemoryTokenStore } from './access-token.store';

export interface WechatClientOptions {
  /** `https://api.weixin.qq.com`, or the local stand-in. */
  baseUrl: string;
  appid: string;
  secret: string;
  fetch?: typeof fetch;
  now?: () => number;
  tokenStore?: TokenStore;
  timeoutMs?: number;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
  /** Stays on the server (wechat.md): never in a response, a log line or an error. */
  sessionKey: string;
}

export interface WechatPhone {
  /** With `+<country code>` for numbers outside the mainland; plain 11 digits inside. */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** Mini-program page the message opens, with its query. */
  page?: string;
  /** Template fields, e.g. `{ thing1: '胃镜 GIF-H290 故障', time2: '2026-11-21 16:00' }`. */
  data: Record<string, string>;
  /** Which build the message opens; WeChat defaults to `formal`. */
  state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

/** msg_sec_check scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type SecCheckScene = 1 | 2 | 3 | 4;
export type SecCheckVerdict = 'pass' | 'review' | 'risky';

export interface WechatClient {
  code2Session(code: string): Promise<WechatSession>;
  getPhoneNumber(code: string): Promise<WechatPhone>;
  accessToken(): Promise<string>;
  /** `msgid` is WeChat's 64-bit id, as a decimal string. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<{ msgid: string }>;
  msgSecCheck(input: { openid: string; scene: SecCheckScene; content: string }): Promise<SecCheckVerdict>;
}

/** WeChat's answers for a token it no longer accepts: invalid or not latest, and expired. */
const TOKEN_REJECTED = new Set([40001, 42001]);

/**
 * The server's only way to WeChat. Endpoints that need an access token get it
 * from one cached source; when WeChat rejects it mid-life (another holder
 * forced a refresh, clocks drift) the call is retried once with a new one.
 */
export function createWechatClient(options: WechatClientOptions): WechatClient {
  const transport: WechatTransport = {
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const { appid, secret } = options;

  const tokens = createAccessTokenSource({
    store: options.tokenStore ?? createMemoryTokenStore(),
    now: options.now ?? Date.now,
    async fetchToken(forceRefresh) {
      const api = '/cgi-bin/stable_token';
      const body = await callWechat(transport, api, {
        json: { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh },
        secrets: [secret],
      });
      if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') throw new WechatResponseError(api, 'no access_token');
      return { token: body.access_token, expiresInSeconds: body.expires_in };
    },
  });

  /** A POST with `?access_token=`, retried once with a replaced token if WeChat refuses the token. */
  const callWithToken = async (api: string, json: object, extra: { secrets?: string[]; int64Fields?: string[] } = {}): Promise<WechatBody> => {
    const attempt = (token: string) =>
      callWechat(transport, api, { query: { access_token: token }, json, secrets: [...(extra.secrets ?? []), token], int64Fields: extra.int64Fields });
    const token = await tokens.current();
    try {
      return await attempt(token);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_REJECTED.has(err.errcode)) throw err;
      return attempt(await tokens.replace(token));
    }
  };

  return {
    async code2Session(code) {
      const api = '/sns/jscode2session';
      const body = await callWechat(transport, api, {
        query: { appid, secret, js_code: code, grant_type: 'authorization_code' },
        secrets: [secret, code],
      });
      if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') throw new WechatResponseError(api, 'no openid or session_key');
      return {
        openid: body.openid,
        ...(typeof body.unionid === 'string' ? { unionid: body.unionid } : {}),
        sessionKey: body.session_key,
      };
    },

    async getPhoneNumber(code) {
      const api = '/wxa/business/getuserphonenumber';
      const body = await callWithToken(api, { code }, { secrets: [code] });
      const info = body.phone_info as
        | { phoneNumber?: unknown; purePhoneNumber?: unknown; countryCode?: unknown; watermark?: { appid?: unknown } }
        | undefined;
      if (typeof info?.phoneNumber !== 'string' || typeof info.purePhoneNumber !== 'string' || typeof info.countryCode !== 'string') {
        throw new WechatResponseError(api, 'no phone_info');
      }
      // The number must have been issued to our mini-program, not replayed from another one.
      if (info.watermark?.appid !== appid) throw new WechatResponseError(api, 'watermark appid is not ours');
      return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: info.countryCode };
    },

    accessToken: () => tokens.current(),

    async sendSubscribeMessage(message) {
      const api = '/cgi-bin/message/subscribe/send';
      const body = await callWithToken(api, {
        touser: message.touser,
        template_id: message.templateId,
        ...(message.page !== undefined ? { page: message.page } : {}),
        data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
        ...(message.state ? { miniprogram_state: message.state } : {}),
        ...(message.lang ? { lang: message.lang } : {}),
      }, { int64Fields: ['msgid'] });
      if (typeof body.msgid !== 'string') throw new WechatResponseError(api, 'no msgid');
      return { msgid: body.msgid };
    },

    async msgSecCheck({ openid, scene, content }) {
      const api = '/wxa/msg_sec_check';
      const body = await callWithToken(api, { content, version: 2, scene, openid });
      const suggest = (body.result as { suggest?: unknown } | undefined)?.suggest;
      if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') throw new WechatResponseError(api, 'no result.suggest');
      return suggest;
    },
  };
}
