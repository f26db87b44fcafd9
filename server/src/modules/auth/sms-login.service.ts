import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { SmsPurpose, SmsSendResult } from '../../../../shared/schemas/auth.schema';
import type { AppDeps } from '../../app-deps';
import { ServiceUnavailableError, ValidationError, VerificationFailedError } from '../../core/errors';
import type { Actor } from '../../http/state';
import type { LimitSpec } from '../../http/rate-limit';
import { SmsCodeSchema } from './sms-code.entity';

export const SMS_CODE_TTL_MINUTES = 5;
export const SMS_MAX_ATTEMPTS = 5;

/** Limits on sending and guessing codes (issue 3): cooldown and daily caps per phone and per IP. */
export function smsLimits(env: AppDeps['env']) {
  return {
    cooldown: { name: 'sms-cooldown', points: 1, durationSeconds: env.SMS_COOLDOWN_SECONDS },
    phoneDaily: { name: 'sms-phone-day', points: env.SMS_PHONE_DAILY_LIMIT, durationSeconds: 86_400 },
    ipDaily: { name: 'sms-ip-day', points: env.SMS_IP_DAILY_LIMIT, durationSeconds: 86_400 },
    verifyPerIp: { name: 'sms-verify-ip', points: 60, durationSeconds: 600 },
  } satisfies Record<string, LimitSpec>;
}

function codeHash(deps: AppDeps, phoneIndex: string, code: string): string {
  return deps.cipher.blindIndex('sms-code', `${phoneIndex}:${code}`);
}

/**
 * Sends a fresh 6-digit code; any older unused code for the same phone and
 * purpose stops working. The code is stored only as a keyed hash.
 */
export async function sendSmsCode(
  deps: AppDeps,
  em: EntityManager,
  input: { phone: string; purpose: SmsPurpose },
  ip: string,
): Promise<SmsSendResult> {
  const limits = smsLimits(deps.env);
  const phoneIndex = deps.pii.phoneIndex(input.phone);
  await deps.rateLimits.consume(limits.cooldown, phoneIndex);
  await deps.rateLimits.consume(limits.phoneDaily, phoneIndex);
  await deps.rateLimits.consume(limits.ipDaily, ip);

  const now = deps.clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(SmsCodeSchema, { phoneIndex, purpose: input.purpose, consumedAt: null }, { consumedAt: now });
    tx.create(SmsCodeSchema, {
      phoneIndex,
      purpose: input.purpose,
      codeHash: codeHash(deps, phoneIndex, code),
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MINUTES * 60_000),
      attempts: 0,
    });
  });
  try {
    await deps.sms.send({ phone: input.phone, code, purpose: input.purpose, ttlMinutes: SMS_CODE_TTL_MINUTES });
  } catch (err) {
    await deps.rateLimits.reward(limits.cooldown, phoneIndex);
    throw new ServiceUnavailableError('The SMS could not be sent; try again shortly.', { cause: err });
  }
  return { cooldownSeconds: deps.env.SMS_COOLDOWN_SECONDS, ...(deps.sms.returnsCodeToCaller ? { devCode: code } : {}) };
}

/**
 * Checks a code and uses it up. Wrong, expired, used and exhausted codes all
 * get the same answer. The final update is conditional, so two simultaneous
 * verifications of one code cannot both succeed.
 */
export async function consumeSmsCode(
  deps: AppDeps,
  em: EntityManager,
  input: { phone: string; code: string; purpose: SmsPurpose },
  ip: string,
): Promise<void> {
  await deps.rateLimits.consume(smsLimits(deps.env).verifyPerIp, ip);
  const now = deps.clock.now();
  const phoneIndex = deps.pii.phoneIndex(input.phone);
  const row = await em.findOne(
    SmsCodeSchema,
    { phoneIndex, purpose: input.purpose, consumedAt: null },
    { orderBy: { createdAt: 'desc' } },
  );
  const fail = new VerificationFailedError('The code is wrong or no longer valid; request a new one.');
  if (!row || row.expiresAt <= now) throw fail;
  if (row.codeHash !== codeHash(deps, phoneIndex, input.code)) {
    row.attempts += 1;
    if (row.attempts >= SMS_MAX_ATTEMPTS) row.consumedAt = now;
    await em.flush();
    throw fail;
  }
  const used = await em.nativeUpdate(SmsCodeSchema, { id: row.id, consumedAt: null }, { consumedAt: now });
  if (used !== 1) throw fail;
}

/**
 * A fresh `login` code to the signed-in person's own number, for
 * re-verification (cancelling the account, a privacy request): the client
 * only ever holds the masked number, so the server looks it up.
 */
export async function sendOwnCode(deps: AppDeps, em: EntityManager, actor: Actor, ip: string): Promise<SmsSendResult> {
  const phone = deps.pii.get(actor.user, 'phone');
  if (!phone) throw new ValidationError([{ path: 'phone', message: '请先绑定手机号，再进行身份验证' }]);
  return sendSmsCode(deps, em, { phone, purpose: 'login' }, ip);
}
