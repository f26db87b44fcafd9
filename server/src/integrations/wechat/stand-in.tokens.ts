import { randomBytes } from 'node:crypto';

export const TOKEN_TTL_S = 7200;
/** Normal stable_token calls in the last five minutes get a new token: the platform renews early. */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** A token replaced by force_refresh keeps working this long, so other holders can move over. */
export const SUPERSEDED_GRACE_MS = 5 * 60_000;

export type TokenVerdict = { ok: true } | { ok: false; errcode: number; errmsg: string };

interface IssuedToken {
  expiresAt: number;
  /** Set when a forced refresh replaced it; from then on it is "not latest". */
  revokedAt?: number;
}

/**
 * The access tokens the stand-in has handed out, with stable_token's rules:
 * one current token, reused by normal calls while it has more than five
 * minutes left; a forced refresh replaces it at once, leaving the old one a
 * grace period.
 */
export class AccessTokenLedger {
  private readonly tokens = new Map<string, IssuedToken>();
  private current: string | undefined;

  constructor(private readonly now: () => number) {}

  stable(forceRefresh: boolean): { access_token: string; expires_in: number } {
    const now = this.now();
    const current = this.current ? this.tokens.get(this.current) : undefined;
    if (this.current && current && !forceRefresh && current.expiresAt - now > RENEW_BEFORE_EXPIRY_MS) {
      return { access_token: this.current, expires_in: Math.round((current.expiresAt - now) / 1000) };
    }
    if (current && forceRefresh) current.revokedAt = Math.min(current.expiresAt, now + SUPERSEDED_GRACE_MS);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { expiresAt: now + TOKEN_TTL_S * 1000 });
    this.current = token;
    return { access_token: token, expires_in: TOKEN_TTL_S };
  }

  check(token: string | null): TokenVerdict {
    if (!token) return { ok: false, errcode: 41001, errmsg: 'access_token missing' };
    const issued = this.tokens.get(token);
    const now = this.now();
    if (!issued || (issued.revokedAt !== undefined && issued.revokedAt <= now)) {
      return { ok: false, errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    }
    if (issued.expiresAt <= now) return { ok: false, errcode: 42001, errmsg: 'access_token expired' };
    return { ok: true };
  }
}
