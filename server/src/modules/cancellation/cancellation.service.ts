import type { EntityManager } from '@mikro-orm/core';
import type { CancellationRequest, CancellationView } from '../../../../shared/schemas/cancellation.schema';
import { USER_STATUSES, type UserStatus } from '../../../../shared/schemas/me.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, VerificationFailedError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { revokeAllSessions } from '../auth/sessions.service';
import { consumeSmsCode } from '../auth/sms-login.service';
import { UserSchema, type User } from '../users/user.entity';

const DAY_MS = 86_400_000;
const CODE_FAILED = '验证码不正确或已失效，请重新获取验证码';

/** The account's cancellation as the privacy centre shows it, with the grace period promised to the user. */
export function cancellationView(deps: AppDeps, user: User): CancellationView {
  const cancelling = user.status === 'cancelling';
  return {
    status: cancelling ? 'cancelling' : 'none',
    requestedAt: cancelling && user.cancellationRequestedAt ? user.cancellationRequestedAt.toISOString() : null,
    purgeAfter: cancelling && user.purgeAfter ? user.purgeAfter.toISOString() : null,
    graceDays: deps.env.CANCELLATION_GRACE_DAYS,
  };
}

/**
 * Proves the person holds their own number: a fresh `login` code sent to
 * it, checked and used up exactly as signing in does (sms-login.service).
 */
async function reverify(deps: AppDeps, em: EntityManager, user: User, code: string, ip: string): Promise<void> {
  const phone = deps.pii.get(user, 'phone');
  if (!phone) throw new VerificationFailedError('请先绑定手机号，再用短信验证码核验身份后注销');
  try {
    await consumeSmsCode(deps, em, { phone, code, purpose: 'login' }, ip);
  } catch (err) {
    if (err instanceof VerificationFailedError) throw new VerificationFailedError(CODE_FAILED, { cause: err });
    throw err;
  }
}

/**
 * `POST /me/cancellation` (PIPL Art. 47): after the confirmation and a fresh
 * SMS code to the person's own number, the account becomes `cancelling`,
 * every session ends (this request's too: its token fails on the next
 * request), and the purge may run after the grace period. Signing in again
 * before then lands on the cancelling account, which may undo it.
 */
export async function requestCancellation(
  deps: AppDeps,
  em: EntityManager,
  actor: Actor,
  input: CancellationRequest,
  ip: string,
  requestId: string,
): Promise<CancellationView> {
  const user = await actor.loadUser();
  if (user.status === 'cancelling') throw new ConflictError('账号已在注销中');
  await reverify(deps, em, user, input.code, ip);
  const now = deps.clock.now();
  const purgeAfter = new Date(now.getTime() + deps.env.CANCELLATION_GRACE_DAYS * DAY_MS);
  await em.transactional(async (tx) => {
    // Conditional, so a cancellation raced by another never records `cancelling` as the status to go back to.
    const moved = await tx.nativeUpdate(
      UserSchema,
      { id: user.id, status: { $ne: 'cancelling' }, purgedAt: null },
      { status: 'cancelling', statusBeforeCancellation: user.status, cancellationRequestedAt: now, purgeAfter, updatedAt: now },
    );
    if (moved !== 1) throw new ConflictError('账号已在注销中');
    await revokeAllSessions(tx, user.id, now);
    recordAudit(tx, { actorId: user.id, action: 'account.cancel', subjectUserId: user.id, reason: `purge after ${purgeAfter.toISOString()}`, requestId });
    await tx.flush();
  });
  await em.refresh(user);
  return cancellationView(deps, user);
}

/**
 * `DELETE /me/cancellation`: signed in again during the grace period, the
 * person keeps the account — the status it had comes back. Conditional on
 * the purge not having started, which claims the account the same way.
 */
export async function undoCancellation(deps: AppDeps, em: EntityManager, actor: Actor, requestId: string): Promise<CancellationView> {
  const user = await actor.loadUser();
  if (user.status !== 'cancelling') throw new ConflictError('账号没有在注销中');
  const before = user.statusBeforeCancellation;
  const restored: UserStatus = before && before !== 'cancelling' && (USER_STATUSES as readonly string[]).includes(before) ? (before as UserStatus) : 'unregistered';
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    const moved = await tx.nativeUpdate(
      UserSchema,
      { id: user.id, status: 'cancelling', purgedAt: null },
      { status: restored, statusBeforeCancellation: null, cancellationRequestedAt: null, purgeAfter: null, updatedAt: now },
    );
    if (moved !== 1) throw new ConflictError('账号注销已经执行，无法撤销');
    recordAudit(tx, { actorId: user.id, action: 'account.cancel.undo', subjectUserId: user.id, requestId });
    await tx.flush();
  });
  await em.refresh(user);
  return cancellationView(deps, user);
}
