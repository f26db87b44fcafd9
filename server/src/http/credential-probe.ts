import type { Middleware } from 'koa';

export type CredentialListener = (values: string[]) => void;

const field = (body: unknown, name: string): string | undefined => {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/**
 * Test-only (CreateAppOptions.onCredentials): reports every credential a
 * request carried or was given — the bearer token, a session token or a
 * development SMS code in the answer, a code sent to a sign-in, phone or
 * confirmation route — so the test harness can scan every log line of the
 * run for them (privacy.md: tokens and codes are never logged).
 */
/**
 * What a credential looks like: a six-digit SMS code, or a token or WeChat
 * code (long, from a URL-safe alphabet). Anything else a client put in those
 * places — `undefined`, `__proto__`, a fuzzer's garbage — is no secret, and
 * may well turn up in an ordinary log line.
 */
const CREDENTIAL_SHAPE = /^(\d{6}|[A-Za-z0-9_-]{16,512})$/;

export function credentialProbe(listener: CredentialListener): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      const found: (string | undefined)[] = [
        /^Bearer (.+)$/i.exec(ctx.get('authorization'))?.[1],
        field(ctx.body, 'token'),
        field(ctx.body, 'devCode'),
      ];
      const body = (ctx.request as { body?: unknown }).body;
      // `code` is a credential on these routes only (elsewhere, e.g. a label code, it is not).
      if (/\/(auth|cancellation|privacy-requests|phone)\b/.test(ctx.path)) found.push(field(body, 'code'));
      const values = found.filter((v): v is string => typeof v === 'string' && CREDENTIAL_SHAPE.test(v));
      if (values.length) listener(values);
    }
  };
}
