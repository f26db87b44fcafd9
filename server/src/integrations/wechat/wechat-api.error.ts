/**
 * What can go wrong talking to WeChat, in WeChat's terms. Messages name the
 * API path and WeChat's code only — never the AppSecret, a session key, an
 * access token, or a code the user handed us — so they are safe to log.
 */
export abstract class WechatError extends Error {
  constructor(
    /** The API path, e.g. `/sns/jscode2session`. */
    readonly api: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** WeChat answered with a non-zero `errcode` (40029 invalid code, 45011 rate limit, …). */
export class WechatApiError extends WechatError {
  constructor(
    api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(api, `WeChat ${api} failed: errcode ${errcode} (${errmsg})`);
  }
}

/** WeChat could not be reached, timed out, or answered other than HTTP 200. */
export class WechatUnreachableError extends WechatError {
  constructor(api: string, reason: string, options?: { cause?: unknown }) {
    super(api, `WeChat ${api} unreachable: ${reason}`, options);
  }
}

/** WeChat answered 200 without an errcode, but the answer cannot be used or trusted. */
export class WechatResponseError extends WechatError {
  constructor(api: string, reason: string) {
    super(api, `WeChat ${api} answered unusably: ${reason}`);
  }
}
