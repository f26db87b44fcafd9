import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Session as SessionView } from '../../../../shared/schemas/auth.schema';
import type { Me } from '../../../../shared/schemas/me.schema';
import type { ConsentRequest } from '../../../../shared/schemas/privacy.schema';
import type { AppDeps } from '../../app-deps';
import { AccountDisabledError, ConflictError, ServiceUnavailableError, VerificationFailedError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { WechatApiError } from '../../integrations/wechat/wechat-api.error';
import { consentBlock, grantConsent } from '../privacy/consent.service';
import type { User } from '../users/user.entity';
import { findUserByOpenid, findUserByPhone, meView, newUser } from '../users/users.service';
import { actorUserFromEntity } from './session-actor.read';
import { createSession, revokeSession } from './sessions.service';
import { consumeSmsCode } from './sms-login.service';

/** A disabled account (admin action) signs in no way until an admin enables it again. */
const disabled = () => new AccountDisabledError('This account has been disabled.');

interface LoginInput {
  consent?: ConsentRequest;
  requestId: string;
}

/**
 * Finds or creates the account, records the consent the person gave on the
 * consent screen (in the same transaction as the account), and opens a new
 * session. A race between two first logins of one person ends in one account.
 */
async function signIn(
  deps: AppDeps,
  em: EntityManager,
  find: (tx: EntityManager) => Promise<User | null>,
  init: (user: User) => void,
  input: LoginInput,
): Promise<SessionView> {
  const attempt = () =>
    em.transactional(async (tx) => {
      const now = deps.clock.now();
      let user = await find(tx);
      // Refused before anything is written: no session, no consent record.
      if (user?.disabledAt) throw disabled();
      if (!user) {
        user = newUser(tx);
        init(user);
      }
      if (input.consent) await grantConsent(tx, user, input.consent, input.requestId, now);
      const session = createSession(tx, user.id, now);
      await tx.flush();
      return { user, session };
    });
  let result: Awaited<ReturnType<typeof attempt>>;
  try {
    result = await attempt();
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    em.clear();
    result = await attempt();
  }
  const { user, session } = result;
  const me = user.status === 'unregistered' ? null : await meView(em, deps.pii, user, await consentBlock(em, user));
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: me };
}

export async function smsLogin(deps: AppDeps, em: EntityManager, input: LoginInput & { phone: string; code: string }, ip: string) {
  await consumeSmsCode(deps, em, { phone: input.phone, code: input.code, purpose: 'login' }, ip);
  return signIn(deps, em, (tx) => findUserByPhone(tx, deps.pii, input.phone), (u) => deps.pii.set(u, 'phone', input.phone), input);
}

/** WeChat's answers that mean "this code is no good", as opposed to "WeChat is unwell". */
const BAD_CODE = new Set([40029, 40163, 40226]);

function wechatFailure(err: unknown): Error {
  if (err instanceof WechatApiError && BAD_CODE.has(err.errcode)) {
    return new VerificationFailedError('The WeChat code is invalid or used; sign in again.');
  }
  return new ServiceUnavailableError('WeChat could not be reached; try again or sign in by SMS.', { cause: err });
}

export async function wechatLogin(deps: AppDeps, em: EntityManager, input: LoginInput & { code: string }) {
  let openid: string;
  try {
    ({ openid } = await deps.wechat.code2Session(input.code));
  } catch (err) {
    throw wechatFailure(err);
  }
  return signIn(deps, em, (tx) => findUserByOpenid(tx, deps.pii, openid), (u) => deps.pii.set(u, 'openid', openid), input);
}

/**
 * Binds the verified phone from WeChat's phone button. When the number
 * already belongs to an account (made by SMS on the web portal) and this
 * WeChat account is still empty (unregistered, no phone, no name), the two
 * become one: the WeChat identity moves to the existing account and this
 * session follows it. Otherwise the number stays with its owner (409).
 */
export async function bindWechatPhone(deps: AppDeps, em: EntityManager, actor: Actor, code: string): Promise<Me> {
  let phone: string;
  try {
    phone = (await deps.wechat.getPhoneNumber(code)).purePhoneNumber;
  } catch (err) {
    throw wechatFailure(err);
  }
  const current = await actor.loadUser();
  const owner = await findUserByPhone(em, deps.pii, phone);
  let target = current;
  if (!owner || owner.id === current.id) {
    deps.pii.set(current, 'phone', phone);
  } else if (owner.disabledAt) {
    // Joining this WeChat identity to a disabled account would be a way back in.
    throw disabled();
  } else if (current.status === 'unregistered' && !current.phoneSealed && !current.nameSealed) {
    const openid = deps.pii.get(current, 'openid');
    deps.pii.set(current, 'openid', null);
    await em.flush();
    deps.pii.set(owner, 'openid', openid);
    if (!owner.consentedPolicyVersion && current.consentedPolicyVersion) {
      owner.consentedPolicyVersion = current.consentedPolicyVersion;
      owner.consentPurposes = current.consentPurposes;
      owner.adultConfirmedAt = current.adultConfirmedAt;
    }
    (await actor.loadSession()).userId = owner.id;
    em.remove(current);
    target = owner;
  } else {
    throw new ConflictError('This phone number belongs to another account.');
  }
  await em.flush();
  return meView(em, deps.pii, actorUserFromEntity(target), await consentBlock(em, target));
}

export async function logout(deps: AppDeps, em: EntityManager, actor: Actor): Promise<void> {
  revokeSession(await actor.loadSession(), deps.clock.now());
  await em.flush();
}
