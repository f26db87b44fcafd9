import type { EntityManager } from '@mikro-orm/core';
import type { Me } from '../../../../shared/schemas/me.schema';
import type { Registration, RegistrationQueueItem } from '../../../../shared/schemas/registration.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { earn } from '../points/points-earning';
import { claimFile } from '../files/files.service';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import { requirePurpose } from '../privacy/consent.service';
import { afterRegistrationDecision } from '../cancellation/consent-effects';
import { UserSchema, type User } from '../users/user.entity';
import { maskPhone } from '../../../../shared/phone';
import { meView } from '../users/users.service';

/**
 * A signed-in person submits their profile for review. Allowed while
 * unregistered, and again after a rejection; the badge must be their own
 * upload, made under the `badge_photo` consent.
 */
export async function submitRegistration(deps: AppDeps, em: EntityManager, actor: Actor, input: Registration): Promise<Me> {
  const user = await actor.loadUser();
  if (user.status !== 'unregistered' && user.status !== 'rejected') {
    throw new ConflictError(`A registration cannot be submitted while the account is ${user.status}.`);
  }
  requirePurpose(user, 'badge_photo');
  const hospital = await em.findOne(HospitalSchema, { id: input.hospitalId });
  if (!hospital) throw new ValidationError([{ path: 'hospitalId', message: '请选择医院' }]);
  const department = await em.findOne(DepartmentSchema, { id: input.departmentId, hospital: hospital.id });
  if (!department) throw new ValidationError([{ path: 'departmentId', message: '请选择该医院的科室' }]);
  const now = deps.clock.now();
  const badge = await claimFile(em, user.id, input.badgeFileId, 'badge', now);
  if (!badge) throw new ValidationError([{ path: 'badgeFileId', message: '请上传工牌或执业证照片' }]);

  deps.pii.set(user, 'name', input.name);
  deps.pii.set(user, 'position', input.position);
  deps.pii.set(user, 'title', input.title ?? null);
  deps.pii.set(user, 'gender', input.gender);
  user.hospital = hospital;
  user.department = department;
  user.badgeFileId = badge.id;
  user.status = 'pending';
  user.registeredAt = now;
  user.rejectionReason = null;
  user.decidedAt = null;
  user.decidedById = null;
  await em.flush();
  return meView(em, deps.pii, user, actor.consentBlock);
}

async function queueItem(deps: AppDeps, em: EntityManager, user: User): Promise<RegistrationQueueItem> {
  const hospital = await em.findOneOrFail(HospitalSchema, { id: user.hospital!.id });
  const department = await em.findOneOrFail(DepartmentSchema, { id: user.department!.id });
  const phone = deps.pii.get(user, 'phone');
  return {
    userId: user.id,
    name: deps.pii.get(user, 'name') ?? '',
    phone: phone ? maskPhone(phone) : '',
    hospital: { id: hospital.id, name: hospital.name },
    department: { id: department.id, name: department.name },
    position: deps.pii.get(user, 'position') ?? '',
    title: deps.pii.get(user, 'title'),
    gender: (deps.pii.get(user, 'gender') ?? 'undisclosed') as RegistrationQueueItem['gender'],
    badgeFileId: user.badgeFileId ?? null,
    status: user.status as RegistrationQueueItem['status'],
    submittedAt: user.registeredAt!.toISOString(),
    decidedAt: user.decidedAt ? user.decidedAt.toISOString() : null,
    rejectionReason: user.rejectionReason ?? null,
  };
}

/** Keyset pages of registrations by status: newest submission first. */
export async function registrationQueue(
  deps: AppDeps,
  em: EntityManager,
  query: { status: 'pending' | 'active' | 'rejected'; limit: number; cursor?: string },
): Promise<{ items: RegistrationQueueItem[]; nextCursor: string | null }> {
  let after: { at: Date; id: string } | undefined;
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) throw new ValidationError([{ path: 'query.cursor', message: 'Invalid cursor.' }]);
    after = { at: new Date(at), id };
  }
  const where = {
    status: query.status,
    role: 'staff' as const,
    registeredAt: { $ne: null },
    hospital: { $ne: null },
    ...(after ? { $or: [{ registeredAt: { $lt: after.at } }, { registeredAt: after.at, id: { $lt: after.id } }] } : {}),
  };
  const users = await em.find(UserSchema, where, { orderBy: { registeredAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
  const page = users.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await Promise.all(page.map((u) => queueItem(deps, em, u))),
    nextCursor: users.length > query.limit && last ? Buffer.from(`${last.registeredAt!.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

async function pendingUser(em: EntityManager, userId: string): Promise<User> {
  const user = await em.findOne(UserSchema, { id: userId, registeredAt: { $ne: null } });
  if (!user) throw new NotFoundError('No such registration.');
  if (user.status !== 'pending') throw new ConflictError(`This registration is ${user.status}, not pending.`);
  return user;
}

/** Approval makes the person general-tier staff; the decision is recorded with who and when. */
export async function approveRegistration(deps: AppDeps, em: EntityManager, admin: Actor, userId: string, requestId: string) {
  const now = deps.clock.now();
  const user = await em.transactional(async (tx) => {
    const user = await pendingUser(tx, userId);
    // Guarded on status so two admins approving at once cannot both pass (and both earn).
    const moved = await tx.nativeUpdate(UserSchema, { id: user.id, status: 'pending' }, { status: 'active', role: 'staff', tier: 'general', decidedAt: now, decidedById: admin.userId });
    if (moved !== 1) throw new ConflictError('This registration was decided by someone else just now.');
    Object.assign(user, { status: 'active', role: 'staff', tier: 'general', decidedAt: now, decidedById: admin.userId });
    recordAudit(tx, { actorId: admin.userId, action: 'registration.approve', subjectUserId: user.id, requestId });
    // Same transaction as the approval: earned exactly when approved, once per person (the key).
    await earn(deps, tx, now, { user, reason: 'registration_approved', reference: `user:${user.id}`, idempotencyKey: `registration_approved:${user.id}` });
    await tx.flush();
    return user;
  });
  // A badge whose consent was withdrawn during the review goes once the review is done.
  await afterRegistrationDecision(deps, em, user);
  return queueItem(deps, em, user);
}

export async function rejectRegistration(deps: AppDeps, em: EntityManager, admin: Actor, userId: string, reason: string, requestId: string) {
  const user = await pendingUser(em, userId);
  user.status = 'rejected';
  user.rejectionReason = reason;
  user.decidedAt = deps.clock.now();
  user.decidedById = admin.userId;
  recordAudit(em, { actorId: admin.userId, action: 'registration.reject', subjectUserId: user.id, reason, requestId });
  await em.flush();
  await afterRegistrationDecision(deps, em, user);
  return queueItem(deps, em, user);
}
