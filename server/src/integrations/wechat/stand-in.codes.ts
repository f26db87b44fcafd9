import { randomBytes } from 'node:crypto';

/** Codes the platform hands the mini-program (login, phone button) live five minutes (wechat.md). */
export const CODE_TTL_MS = 5 * 60_000;

/**
 * Codes as WeChat treats them: one redemption each, and a code is spent by
 * the attempt, whether it was still valid or not — so a replay always fails.
 */
export class SingleUseCodes<T> {
  private readonly codes = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  issue(value: T): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { value, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  redeem(code: string): T | undefined {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.expiresAt < this.now()) return undefined;
    return entry.value;
  }
}
