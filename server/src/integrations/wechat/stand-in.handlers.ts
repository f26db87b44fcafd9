import { randomBytes } from 'node:crypto';
import type { SingleUseCodes } from './stand-in.codes';
import type { AccessTokenLedger } from './stand-in.tokens';

/**
 * What the stand-in answers on each WeChat endpoint, as plain functions of its
 * state and the request. Every answer is a WeChat body: success fields, or
 * `errcode`/`errmsg` (always HTTP 200, as WeChat does).
 */

export interface PhoneOnRecord {
  purePhoneNumber: string;
  countryCode: string;
}

export interface SentSubscribeMessage {
  msgid: number;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
  sentAt: string;
}

export interface StandInState {
  appid: string;
  secret: string;
  now: () => number;
  loginCodes: SingleUseCodes<string>;
  phoneCodes: SingleUseCodes<PhoneOnRecord>;
  tokens: AccessTokenLedger;
  messages: SentSubscribeMessage[];
}

export interface StandInRequest {
  query: URLSearchParams;
  body: Record<string, unknown>;
}

type Handler = (state: StandInState, req: StandInRequest) => object;

/** Words the content check treats as a hit, so tests can provoke each verdict. */
export const SEC_CHECK_WORDS: Record<string, { suggest: 'risky' | 'review'; label: number }> = {
  违禁词: { suggest: 'risky', label: 20006 },
  待复核: { suggest: 'review', label: 21000 },
};
export const SEC_CHECK_MAX_CHARS = 2500;

const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
const err = (errcode: number, errmsg: string) => ({ errcode, errmsg });
const invalidOpenid = () => err(40003, 'invalid openid');
// WeChat's "invalid args". Not 87014: in msg_sec_check version 1 that code
// meant "risky content", and a client must never mistake a refusal for a verdict.
const invalidArgs = (hint: string) => err(40097, `invalid args hint: ${hint}`);

const credentialsOk = (state: StandInState, appid: unknown, secret: unknown) => appid === state.appid && secret === state.secret;

const jscode2session: Handler = (state, { query }) => {
  if (!credentialsOk(state, query.get('appid'), query.get('secret'))) return err(40125, 'invalid appsecret');
  if (query.get('grant_type') !== 'authorization_code') return err(40002, 'invalid grant_type');
  const openid = state.loginCodes.redeem(query.get('js_code') ?? '');
  if (!openid) return err(40029, 'invalid code');
  return { openid, session_key: randomBytes(16).toString('base64') };
};

const stableToken: Handler = (state, { body }) => {
  if (body.grant_type !== 'client_credential') return err(40002, 'invalid grant_type');
  if (!credentialsOk(state, body.appid, body.secret)) return err(40125, 'invalid appsecret');
  return state.tokens.stable(body.force_refresh === true);
};

/** Endpoints called with `?access_token=` answer 41001/40001/42001 before looking at the body. */
const withAccessToken =
  (handler: Handler): Handler =>
  (state, req) => {
    const verdict = state.tokens.check(req.query.get('access_token'));
    return verdict.ok ? handler(state, req) : err(verdict.errcode, verdict.errmsg);
  };

const getUserPhoneNumber = withAccessToken((state, { body }) => {
  const phone = typeof body.code === 'string' ? state.phoneCodes.redeem(body.code) : undefined;
  if (!phone) return err(40029, 'invalid code');
  return {
    errcode: 0,
    errmsg: 'ok',
    phone_info: {
      // Mainland numbers come without the prefix; others carry it.
      phoneNumber: phone.countryCode === '86' ? phone.purePhoneNumber : `+${phone.countryCode}${phone.purePhoneNumber}`,
      purePhoneNumber: phone.purePhoneNumber,
      countryCode: phone.countryCode,
      watermark: { timestamp: Math.floor(state.now() / 1000), appid: state.appid },
    },
  };
});

const isTemplateData = (data: unknown): data is Record<string, { value: string }> =>
  typeof data === 'object' &&
  data !== null &&
  !Array.isArray(data) &&
  Object.values(data).every((v) => typeof v === 'object' && v !== null && typeof (v as { value?: unknown }).value === 'string');

const sendSubscribeMessage = withAccessToken((state, { body }) => {
  if (typeof body.touser !== 'string' || !OPENID.test(body.touser)) return invalidOpenid();
  if (typeof body.template_id !== 'string' || !body.template_id) return err(40037, 'invalid template_id');
  if (!isTemplateData(body.data)) return err(47003, 'argument invalid! data.value invalid');
  const msgid = 3_000_000_000 + state.messages.length + 1;
  state.messages.push({
    msgid,
    touser: body.touser,
    template_id: body.template_id,
    ...(typeof body.page === 'string' ? { page: body.page } : {}),
    data: body.data,
    miniprogram_state: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : 'formal',
    lang: typeof body.lang === 'string' ? body.lang : 'zh_CN',
    sentAt: new Date(state.now()).toISOString(),
  });
  return { errcode: 0, errmsg: 'ok', msgid };
});

const msgSecCheck = withAccessToken((_state, { body }) => {
  if (body.version !== 2) return invalidArgs('the stand-in speaks version 2 only');
  if (typeof body.openid !== 'string' || !OPENID.test(body.openid)) return invalidOpenid();
  if (![1, 2, 3, 4].includes(body.scene as number)) return invalidArgs('scene must be 1, 2, 3 or 4');
  if (typeof body.content !== 'string' || !body.content) return invalidArgs('content missing');
  if ([...body.content].length > SEC_CHECK_MAX_CHARS) return invalidArgs(`content longer than ${SEC_CHECK_MAX_CHARS}`);
  const content = body.content;
  const hits = Object.entries(SEC_CHECK_WORDS).filter(([word]) => content.includes(word));
  const worst = hits.find(([, h]) => h.suggest === 'risky') ?? hits[0];
  const result = worst ? { suggest: worst[1].suggest, label: worst[1].label } : { suggest: 'pass', label: 100 };
  return {
    errcode: 0,
    errmsg: 'ok',
    result,
    detail: [
      { strategy: 'content_model', errcode: 0, ...result, prob: 90 },
      ...hits.map(([keyword, h]) => ({ strategy: 'keyword', errcode: 0, suggest: h.suggest, label: h.label, level: 20, keyword })),
    ],
    trace_id: randomBytes(12).toString('hex'),
  };
});

/** The WeChat endpoints the stand-in speaks, by method and path. */
export const WECHAT_ENDPOINTS: Record<string, Handler> = {
  'GET /sns/jscode2session': jscode2session,
  'POST /cgi-bin/stable_token': stableToken,
  'POST /wxa/business/getuserphonenumber': getUserPhoneNumber,
  'POST /cgi-bin/message/subscribe/send': sendSubscribeMessage,
  'POST /wxa/msg_sec_check': msgSecCheck,
};
