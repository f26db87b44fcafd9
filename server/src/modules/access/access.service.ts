import type { EntityManager } from '@mikro-orm/core';
import type { AccessRequest as AccessRequestView, AdminAccessRequest } from '../../../../shared/schemas/access.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import { UserSchema, type User } from '../users/user.entity';
import { maskPhone } from '../../../../shared/phone';
import { AccessRequestSchema, type AccessRequest } from './access-request.entity';
import { ManagedDepartmentSchema } from './managed-department.entity';
import { activeManagedDepartments } from './managed-departments';

const sealed = (id: string, column: string) => ({ table: 'access_request', column, id });

async function departmentNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await em.find(DepartmentSchema, { id: { $in: ids } });
  return new Map(rows.map((d) => [d.id, d.name]));
}

async function requestView(deps: AppDeps, em: EntityManager, r: AccessRequest): Promise<AccessRequestView> {
  const names = await departmentNames(em, [...r.requestedDepartmentIds, ...(r.grantedDepartmentIds ?? [])]);
  const ref = (id: string) => ({ id, name: names.get(id) ?? '' });
  return {
    id: r.id,
    status: r.status,
    requested: r.requestedDepartmentIds.map(ref),
    granted: (r.grantedDepartmentIds ?? []).map(ref),
    position: deps.cipher.open(sealed(r.id, 'position'), r.positionSealed),
    reason: deps.cipher.open(sealed(r.id, 'reason'), r.reasonSealed),
    decisionReason: r.decisionReason ?? null,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  };
}

async function adminView(deps: AppDeps, em: EntityManager, r: AccessRequest): Promise<AdminAccessRequest> {
  const user = await em.findOneOrFail(UserSchema, { id: r.userId });
  const hospital = await em.findOneOrFail(HospitalSchema, { id: user.hospital!.id });
  const department = user.department ? await em.findOne(DepartmentSchema, { id: user.department.id }) : null;
  const phone = deps.pii.get(user, 'phone');
  return {
    ...(await requestView(deps, em, r)),
    user: {
      id: user.id,
      name: deps.pii.get(user, 'name') ?? '',
      phone: phone ? maskPhone(phone) : '',
      hospital: { id: hospital.id, name: hospital.name },
      department: department ? { id: department.id, name: department.name } : null,
      tier: user.tier ?? null,
    },
  };
}

/** Departments must all be of the user's own hospital; returns them in the order given, without repeats. */
async function ownHospitalDepartments(em: EntityManager, user: { hospitalId: string | null }, ids: string[], path: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await em.find(DepartmentSchema, { id: { $in: unique }, hospital: user.hospitalId ?? '' });
  if (found.length !== unique.length) throw new ValidationError([{ path, message: '只能选择您所在医院的科室' }]);
  return unique;
}

export async function createAccessRequest(
  deps: AppDeps,
  em: EntityManager,
  actor: Actor,
  input: { departmentIds: string[]; position: string; reason: string },
): Promise<AccessRequestView> {
  const user = actor.user;
  if (user.role !== 'staff' || user.status !== 'active') throw new ForbiddenError('Only approved hospital staff can apply for advanced access.');
  if (await em.count(AccessRequestSchema, { userId: user.id, status: 'pending' })) {
    throw new ConflictError('You already have an application waiting for review.');
  }
  const departmentIds = await ownHospitalDepartments(em, user, input.departmentIds, 'departmentIds');
  const id = newId();
  const request = em.create(AccessRequestSchema, {
    id,
    userId: user.id,
    requestedDepartmentIds: departmentIds,
    positionSealed: deps.cipher.seal(sealed(id, 'position'), input.position),
    reasonSealed: deps.cipher.seal(sealed(id, 'reason'), input.reason),
    status: 'pending',
  });
  await em.flush();
  return requestView(deps, em, request);
}

export async function ownAccessRequests(deps: AppDeps, em: EntityManager, actor: Actor): Promise<{ items: AccessRequestView[] }> {
  const rows = await em.find(AccessRequestSchema, { userId: actor.userId }, { orderBy: { id: 'desc' }, limit: 50 });
  return { items: await Promise.all(rows.map((r) => requestView(deps, em, r))) };
}

export async function accessQueue(deps: AppDeps, em: EntityManager, query: { status: AccessRequest['status']; limit: number; cursor?: string }) {
  if (query.cursor && !/^[0-9a-f-]{36}$/.test(query.cursor)) throw new ValidationError([{ path: 'query.cursor', message: 'Invalid cursor.' }]);
  const rows = await em.find(
    AccessRequestSchema,
    { status: query.status, ...(query.cursor ? { id: { $lt: query.cursor } } : {}) },
    { orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const page = rows.slice(0, query.limit);
  return {
    items: await Promise.all(page.map((r) => adminView(deps, em, r))),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

async function pendingRequest(em: EntityManager, id: string): Promise<AccessRequest> {
  const request = await em.findOne(AccessRequestSchema, { id });
  if (!request) throw new NotFoundError('No such application.');
  if (request.status !== 'pending') throw new ConflictError(`This application is ${request.status}, not pending.`);
  return request;
}

/**
 * Grants advanced access for an explicit set of departments — the ones asked
 * for, or fewer. The user becomes advanced at once; the grant is recorded.
 */
export async function approveAccessRequest(deps: AppDeps, em: EntityManager, admin: Actor, id: string, departmentIds: string[], requestId: string) {
  const request = await pendingRequest(em, id);
  const granted = [...new Set(departmentIds)];
  if (granted.some((d) => !request.requestedDepartmentIds.includes(d))) {
    throw new ValidationError([{ path: 'departmentIds', message: '只能授予申请中的科室（可少于申请的范围）' }]);
  }
  const user = await em.findOneOrFail(UserSchema, { id: request.userId });
  if (user.role !== 'staff' || user.status !== 'active') throw new ConflictError('The applicant is no longer active hospital staff.');
  const now = deps.clock.now();
  const current = new Set((await activeManagedDepartments(em, user.id)).map((d) => d.id));
  for (const departmentId of granted) {
    if (!current.has(departmentId)) em.create(ManagedDepartmentSchema, { userId: user.id, departmentId, grantedById: admin.userId, requestId: request.id });
  }
  user.tier = 'advanced';
  request.status = 'approved';
  request.grantedDepartmentIds = granted;
  request.decidedById = admin.userId;
  request.decidedAt = now;
  recordAudit(em, { actorId: admin.userId, action: 'access.grant', subjectUserId: user.id, fields: granted, requestId });
  await em.flush();
  return adminView(deps, em, request);
}

export async function rejectAccessRequest(deps: AppDeps, em: EntityManager, admin: Actor, id: string, reason: string, requestId: string) {
  const request = await pendingRequest(em, id);
  request.status = 'rejected';
  request.decisionReason = reason;
  request.decidedById = admin.userId;
  request.decidedAt = deps.clock.now();
  recordAudit(em, { actorId: admin.userId, action: 'access.reject', subjectUserId: request.userId, reason, requestId });
  await em.flush();
  return adminView(deps, em, request);
}

/** Ends every grant of a user now: the managed tickets disappear on their very next request. */
export async function revokeAdvanced(deps: AppDeps, em: EntityManager, admin: Actor, userId: string, reason: string, requestId: string) {
  const user = await em.findOne(UserSchema, { id: userId, role: 'staff' });
  if (!user) throw new NotFoundError('No such staff member.');
  if (user.tier !== 'advanced') throw new ConflictError('This person does not have advanced access.');
  await em.nativeUpdate(ManagedDepartmentSchema, { userId, revokedAt: null }, { revokedAt: deps.clock.now() });
  user.tier = 'general';
  recordAudit(em, { actorId: admin.userId, action: 'access.revoke', subjectUserId: userId, reason, requestId });
  await em.flush();
}

/** Advanced users and what they manage, for the admin's revoke list. */
export async function advancedUsers(deps: AppDeps, em: EntityManager, query: { limit: number; cursor?: string }) {
  if (query.cursor && !/^[0-9a-f-]{36}$/.test(query.cursor)) throw new ValidationError([{ path: 'query.cursor', message: 'Invalid cursor.' }]);
  const users = await em.find(
    UserSchema,
    { role: 'staff', tier: 'advanced', ...(query.cursor ? { id: { $lt: query.cursor } } : {}) },
    { orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const page = users.slice(0, query.limit);
  const items = await Promise.all(
    page.map(async (u) => {
      const hospital = u.hospital ? await em.findOne(HospitalSchema, { id: u.hospital.id }) : null;
      const phone = deps.pii.get(u, 'phone');
      return {
        id: u.id,
        name: deps.pii.get(u, 'name') ?? '',
        phone: phone ? maskPhone(phone) : '',
        hospital: hospital ? { id: hospital.id, name: hospital.name } : { id: '', name: '' },
        managedDepartments: await activeManagedDepartments(em, u.id),
      };
    }),
  );
  return { items, nextCursor: users.length > query.limit ? page[page.length - 1]!.id : null };
}
