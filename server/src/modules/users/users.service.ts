import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { newId } from '../../core/ids';
import type { Gender, Me } from '../../../../shared/schemas/me.schema';
import { permissionsFor } from '../../../../shared/permissions';
import type { AppDeps } from '../../app-deps';
import { ConflictError, ValidationError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { AccessRequestSchema } from '../access/access-request.entity';
import { ManagedDepartmentSchema } from '../access/managed-department.entity';
import { recordAudit } from '../audit/audit.service';
import { SessionSchema } from '../auth/session.entity';
import { consumeSmsCode } from '../auth/sms-login.service';
import { DepartmentSchema, type Department } from '../hospitals/department.entity';
import { HospitalSchema, type Hospital } from '../hospitals/hospital.entity';
import type { ConsentBlock } from '../privacy/consent.service';
import { UserSchema, type User } from './user.entity';
import { actorUserFromEntity, type ActorUser } from '../auth/session-actor.read';
import { placesOf } from './me-places.read';
import { maskPhone } from '../../../../shared/phone';
import { normalizePhone, type UserPii } from './user.pii';

export async function findUserByPhone(em: EntityManager, pii: UserPii, phone: string): Promise<User | null> {
  return em.findOne(UserSchema, { phoneIndex: pii.phoneIndex(phone) });
}

export async function findUserByOpenid(em: EntityManager, pii: UserPii, openid: string): Promise<User | null> {
  return em.findOne(UserSchema, { openidIndex: pii.openidIndex(openid) });
}

/** The id is assigned here, not at flush: sealed fields bind it into their ciphertext. */
export function newUser(em: EntityManager): User {
  return em.create(UserSchema, { id: newId(), status: 'unregistered', role: 'staff', consentPurposes: [] });
}

/**
 * The user as they see themselves on "My": personal fields opened, the
 * phone masked by default. `GET /me` passes the plain row the session
 * statement read; a route that just changed the user passes the entity.
 */
export async function meView(em: EntityManager, pii: UserPii, from: User | ActorUser, block: ConsentBlock): Promise<Me> {
  const user = 'hospitalId' in from ? from : actorUserFromEntity(from);
  const { hospital, department, managed } = await placesOf(em, user);
  const phone = pii.get(user, 'phone');
  return {
    id: user.id,
    status: user.status,
    roles: [user.role],
    tier: user.tier ?? null,
    managedDepartments: managed,
    permissions: permissionsFor({ status: user.status, roles: [user.role] }),
    profile: {
      name: pii.get(user, 'name'),
      phone: phone ? maskPhone(phone) : null,
      hospital: hospital ? { id: hospital.id, name: hospital.name } : null,
      department: department ? { id: department.id, name: department.name } : null,
      position: pii.get(user, 'position'),
      title: pii.get(user, 'title'),
      gender: (pii.get(user, 'gender') as Gender | null) ?? null,
      hasBadge: Boolean(user.badgeFileId),
      wechatBound: Boolean(user.openidSealed),
    },
    consents: {
      policyVersion: user.consentedPolicyVersion ?? null,
      reconsentRequired: block === 'reconsent',
      purposes: user.consentPurposes,
      adult: user.adultConfirmedAt !== null && user.adultConfirmedAt !== undefined,
    },
    rejectionReason: user.status === 'rejected' ? (user.rejectionReason ?? null) : null,
  };
}

export interface ProfileCorrection {
  name?: string;
  position?: string;
  title?: string | null;
  gender?: Gender;
  hospitalId?: string;
  departmentId?: string;
}

/**
 * The hospital and department a correction asks for, checked: the
 * department must be of that hospital, and a new hospital needs a new
 * department with it. Null when nothing changes. Only hospital staff who
 * have registered have an affiliation to correct (the others get one
 * through registration, or none at all).
 */
async function requestedAffiliation(em: EntityManager, user: User, input: ProfileCorrection): Promise<{ hospital: Hospital; department: Department } | null> {
  if (input.hospitalId === undefined && input.departmentId === undefined) return null;
  const path = input.departmentId !== undefined ? 'departmentId' : 'hospitalId';
  if (user.role !== 'staff' || !user.hospital) {
    throw new ValidationError([{ path, message: '只有已提交注册的医院员工可以修改医院和科室' }]);
  }
  const hospital = await em.findOne(HospitalSchema, { id: input.hospitalId ?? user.hospital.id });
  if (!hospital) throw new ValidationError([{ path: 'hospitalId', message: '请选择医院' }]);
  const hospitalChanges = hospital.id !== user.hospital.id;
  if (hospitalChanges && input.departmentId === undefined) {
    throw new ValidationError([{ path: 'departmentId', message: '更换医院时请同时选择新医院的科室' }]);
  }
  const department = await em.findOne(DepartmentSchema, { id: input.departmentId ?? user.department?.id ?? '', hospital: hospital.id });
  if (!department) throw new ValidationError([{ path: 'departmentId', message: '请选择您所在医院的科室' }]);
  if (!hospitalChanges && department.id === user.department?.id) return null;
  return { hospital, department };
}

/**
 * PATCH /me: a person corrects their own profile (PIPL Art. 46). Name,
 * position, title and gender change at once.
 *
 * A new hospital or department is different: it is what the tiers and
 * ticket visibility hang on (department tickets, managed departments of
 * one's own hospital), and the admin approved this person for the one they
 * registered with. So for an active staff member it goes back to admin
 * review, the way a registration does, and nothing is granted on the new
 * affiliation until an admin approves:
 *  - status `pending`, with the new hospital and department, at the top of
 *    the registration queue (`registeredAt` = now; the earlier decision is
 *    cleared). Like any pending person they keep their profile, the privacy
 *    centre and cancellation, and lose the rest until approved; their
 *    tickets, chats, points and orders stay theirs and come back with it.
 *  - advanced access ends: tier reset, managed departments revoked, and an
 *    open advanced-access application closed (it named departments of the
 *    old affiliation). After approval they are general staff and apply
 *    again for the departments they manage there.
 *  - an audit row (`registration.resubmit`) records that the person did it.
 * Approval goes through the ordinary queue (approveRegistration); it sets
 * the tier to general and does not earn the registration points again.
 * Keeping the old affiliation active while the new one waits was the
 * alternative; it would leave someone who says they have left a department
 * seeing its tickets (or its colleagues' phones, masked or not) meanwhile.
 * A pending or rejected registration is simply corrected in place: it has
 * granted nothing yet, and it is reviewed (or resubmitted) as it stands.
 */
export async function correctProfile(deps: AppDeps, em: EntityManager, actor: Actor, input: ProfileCorrection, requestId: string): Promise<Me> {
  const user = await actor.loadUser();
  const affiliation = await requestedAffiliation(em, user, input);
  await em.transactional(async (tx) => {
    if (input.name !== undefined) deps.pii.set(user, 'name', input.name);
    if (input.position !== undefined) deps.pii.set(user, 'position', input.position);
    if (input.title !== undefined) deps.pii.set(user, 'title', input.title);
    if (input.gender !== undefined) deps.pii.set(user, 'gender', input.gender);
    if (affiliation) {
      user.hospital = affiliation.hospital;
      user.department = affiliation.department;
      if (user.status === 'active') await backToReview(deps, tx, user, requestId);
    }
    await tx.flush();
  });
  return meView(em, deps.pii, user, actor.consentBlock);
}

async function backToReview(deps: AppDeps, tx: EntityManager, user: User, requestId: string): Promise<void> {
  const now = deps.clock.now();
  user.status = 'pending';
  user.tier = null;
  user.registeredAt = now;
  user.decidedAt = null;
  user.decidedById = null;
  user.rejectionReason = null;
  await tx.nativeUpdate(ManagedDepartmentSchema, { userId: user.id, revokedAt: null }, { revokedAt: now });
  await tx.nativeUpdate(
    AccessRequestSchema,
    { userId: user.id, status: 'pending' },
    { status: 'rejected', decidedAt: now, decisionReason: '医院或科室已变更，申请自动关闭；审核通过后可重新申请' },
  );
  recordAudit(tx, { actorId: user.id, action: 'registration.resubmit', subjectUserId: user.id, fields: ['hospital', 'department'], reason: '本人更正医院/科室，重新审核', requestId });
}

/**
 * POST /me/phone: the login number changes only with a `change_phone` code
 * sent to the NEW number (proof the person holds it). The code is checked
 * (and used up) first, so only someone holding that number learns whether
 * it belongs to another account (409). The blind index moves with the
 * sealed value (one unique column: a race for the same number ends in 409
 * too), an audit row records the change, and the person's other sessions
 * end — the number is their sign-in credential; this session goes on.
 */
export async function changePhone(deps: AppDeps, em: EntityManager, actor: Actor, input: { phone: string; code: string }, ip: string, requestId: string): Promise<Me> {
  const user = await actor.loadUser();
  const current = deps.pii.get(user, 'phone');
  if (current && normalizePhone(current) === normalizePhone(input.phone)) {
    throw new ValidationError([{ path: 'phone', message: '新手机号与当前手机号相同' }]);
  }
  await consumeSmsCode(deps, em, { phone: input.phone, code: input.code, purpose: 'change_phone' }, ip);
  const owner = await findUserByPhone(em, deps.pii, input.phone);
  const taken = new ConflictError('该手机号已绑定其他账号。');
  if (owner && owner.id !== user.id) throw taken;
  const now = deps.clock.now();
  try {
    await em.transactional(async (tx) => {
      deps.pii.set(user, 'phone', input.phone);
      recordAudit(tx, { actorId: user.id, action: 'profile.phone_change', subjectUserId: user.id, fields: ['phone'], requestId });
      await tx.nativeUpdate(SessionSchema, { userId: user.id, revokedAt: null, id: { $ne: actor.sessionId } }, { revokedAt: now });
      await tx.flush();
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw taken;
    throw err;
  }
  return meView(em, deps.pii, user, actor.consentBlock);
}
