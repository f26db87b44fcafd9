import { WechatApiError, WechatResponseError, WechatUnreachableError } from './wechat-api.error';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface WechatTransport {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export type WechatBody = Record<string, unknown>;

/**
 * One call to a WeChat API: JSON in, JSON out, a timeout, and WeChat's
 * error convention (HTTP 200 with a non-zero `errcode`) turned into a
 * WechatApiError. `secrets` are values that must not survive into an error
 * (the AppSecret, codes, tokens): WeChat's `errmsg` is scrubbed of them
 * before it is kept.
 */
export async function callWechat(
  transport: WechatTransport,
  api: string,
  request: { query?: Record<string, string>; json?: object; secrets?: string[]; int64Fields?: string[] },
): Promise<WechatBody> {
  const url = new URL(api, transport.baseUrl);
  for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
  let res: Response;
  let text: string;
  try {
    res = await transport.fetch(url, {
      method: request.json ? 'POST' : 'GET',
      headers: request.json ? { 'content-type': 'application/json' } : undefined,
      body: request.json ? JSON.stringify(request.json) : undefined,
      signal: AbortSignal.timeout(transport.timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    // fetch's own errors carry the host and the cause, not the URL with its query.
    const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${transport.timeoutMs} ms` : 'network error';
    throw new WechatUnreachableError(api, reason, { cause: err });
  }
  if (res.status !== 200) throw new WechatUnreachableError(api, `HTTP ${res.status}`);
  let body: unknown;
  try {
    body = JSON.parse(quoteInt64(text, request.int64Fields ?? []));
  } catch {
    throw new WechatResponseError(api, 'not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new WechatResponseError(api, 'not a JSON object');
  const { errcode, errmsg } = body as WechatBody;
  if (errcode !== undefined && errcode !== 0) {
    throw new WechatApiError(api, Number(errcode), scrub(String(errmsg ?? ''), request.secrets ?? []));
  }
  return body as WechatBody;
}

/** WeChat ids such as `msgid` are 64-bit and lose digits as JS numbers: read them as strings. */
function quoteInt64(text: string, fields: string[]): string {
  return fields.reduce((t, f) => t.replace(new RegExp(`("${f}"\\s*:\\s*)(-?\\d+)`, 'g'), '$1"$2"'), text);
}

function scrub(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('[redacted]'), text);
}
