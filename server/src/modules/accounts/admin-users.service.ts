import type { EntityManager } from '@mikro-orm/core';
import type { BULK_USER_ACTIONS } from '../../../../shared/schemas/admin-users.schema';
import type { Role } from '../../../../shared/permissions';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { AccessRequestSchema } from '../access/access-request.entity';
import { ManagedDepartmentSchema } from '../access/managed-department.entity';
import { recordAudit } from '../audit/audit.service';
import { revokeLiveSessions } from '../auth/sessions.service';
import { DealerSchema, type Dealer } from '../dealers/dealer.entity';
import { UserSchema, type User } from '../users/user.entity';
import { accountDetail } from './admin-users.read';

/**
 * The admin console's users area, write side: role change, disable/enable,
 * ending sessions, one person at a time or in bulk. Each change is one
 * transaction with its audit row. Nothing is cached about a person's role or
 * state: authenticate() reads the user on every request, so a change takes
 * effect on that person's very next request.
 *
 * Two guards keep the console itself usable: an admin never acts on their
 * own account here (a slip could lock them out; they have logout and the
 * privacy centre for themselves), and the last active admin can neither lose
 * the role nor be disabled.
 */

type BulkAction = (typeof BULK_USER_ACTIONS)[number];

const SELF = '不能对自己的账号执行此操作';
const clip = (text: string) => [...text].slice(0, 200).join('');

const ROLE_NAMES: Record<Role, string> = { staff: '医院员工', engineer: '服务工程师', dealer: '经销商', admin: '管理员' };

async function account(tx: EntityManager, id: string): Promise<User> {
  const user = await tx.findOne(UserSchema, { id, purgedAt: null });
  if (!user) throw new NotFoundError('No such account.');
  return user;
}

const isActiveAdmin = (u: User) => u.role === 'admin' && u.status === 'active' && !u.disabledAt;

/**
 * Whether someone other than `userId` would still be an active admin. On
 * PostgreSQL every admin row is locked first, in id order, so two admins
 * demoting or disabling each other at the same moment cannot both pass
 * (the second waits, then re-reads); SQLite runs one write transaction at a time.
 */
async function anotherActiveAdmin(deps: AppDeps, tx: EntityManager, userId: string): Promise<boolean> {
  const lock = deps.env.database.dialect === 'postgresql' ? ' for update' : '';
  const admins = (await tx
    .getConnection()
    .execute(
      `select id from app_user where role = 'admin' and status = 'active' and disabled_at is null and purged_at is null order by id${lock}`,
      [],
      'all',
      tx.getTransactionContext(),
    )) as unknown as { id: string }[];
  return admins.some((a) => a.id !== userId);
}

/** What changes when someone stops being hospital staff: no tier, no managed departments, no open application for them. */
async function leaveStaff(tx: EntityManager, user: User, now: Date): Promise<void> {
  user.tier = null;
  await tx.nativeUpdate(ManagedDepartmentSchema, { userId: user.id, revokedAt: null }, { revokedAt: now });
  await tx.nativeUpdate(AccessRequestSchema, { userId: user.id, status: 'pending' }, { status: 'rejected', decidedAt: now, decisionReason: '角色已变更，申请自动关闭' });
}

/**
 * `POST /admin/accounts/:id/role`. A person leaving staff loses tier and
 * managed departments; one becoming staff is general tier if already
 * approved (otherwise their registration decides). Engineers, dealers and
 * admins are made by an admin and never go through registration, so giving
 * one of those roles also makes a not-yet-approved account active — the
 * same as creating it through POST /admin/engineers would. A dealer belongs
 * to exactly one active dealer organisation.
 */
export async function changeRole(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  userId: string,
  input: { role: Role; dealerId?: string; reason: string },
  requestId: string,
) {
  if (admin.userId === userId) throw new ConflictError('不能修改自己的角色');
  await em.transactional(async (tx) => {
    const user = await account(tx, userId);
    if (user.status === 'cancelling') throw new ConflictError('该账号正在注销，不能修改角色');
    let dealer: Dealer | null = null;
    if (input.role === 'dealer') {
      if (!input.dealerId) throw new ValidationError([{ path: 'dealerId', message: '请选择经销商' }]);
      dealer = await tx.findOne(DealerSchema, { id: input.dealerId, active: true });
      if (!dealer) throw new ValidationError([{ path: 'dealerId', message: '该经销商不存在或已停用' }]);
    }
    const from: Role = user.role;
    if (from === input.role && (input.role !== 'dealer' || user.dealer?.id === dealer?.id)) throw new ConflictError('该用户已是此角色');
    if (from === 'admin' && input.role !== 'admin' && isActiveAdmin(user) && !(await anotherActiveAdmin(deps, tx, user.id))) {
      throw new ConflictError('不能移除最后一位管理员的管理员角色');
    }
    const now = deps.clock.now();
    if (from === 'staff' && input.role !== 'staff') await leaveStaff(tx, user, now);
    if (input.role === 'staff' && from !== 'staff') user.tier = user.status === 'active' ? 'general' : null;
    if (input.role !== 'staff' && user.status !== 'active') {
      user.status = 'active';
      user.decidedAt = now;
      user.decidedById = admin.userId;
      user.rejectionReason = null;
    }
    user.role = input.role;
    user.dealer = dealer;
    const to = `${ROLE_NAMES[input.role]}${dealer ? `（${dealer.name}）` : ''}`;
    recordAudit(tx, { actorId: admin.userId, action: 'account.role_change', subjectUserId: user.id, fields: ['role'], reason: clip(`${ROLE_NAMES[from]} → ${to}：${input.reason}`), requestId });
    await tx.flush();
  });
  return accountDetail(deps, em, userId);
}

/**
 * One action on one account inside the caller's transaction: null when done
 * (audit row written), otherwise why it was not done — the single routes
 * answer 409 with it, the bulk route lists it as skipped.
 */
async function applyAction(
  deps: AppDeps,
  tx: EntityManager,
  admin: Actor,
  user: User,
  action: BulkAction,
  reason: string | undefined,
  requestId: string,
): Promise<{ skipped: string } | { revoked: number }> {
  if (user.id === admin.userId) return { skipped: SELF };
  const now = deps.clock.now();
  const audit = (name: string, text: string | undefined) =>
    recordAudit(tx, { actorId: admin.userId, action: name, subjectUserId: user.id, reason: text ? clip(text) : null, requestId });
  switch (action) {
    case 'disable': {
      if (user.disabledAt) return { skipped: '该账号已停用' };
      if (isActiveAdmin(user) && !(await anotherActiveAdmin(deps, tx, user.id))) return { skipped: '不能停用最后一位管理员' };
      user.disabledAt = now;
      user.disabledReason = reason ? clip(reason) : null;
      const revoked = await revokeLiveSessions(tx, user.id, now);
      audit('account.disable', reason);
      // Flushed now, so the next account of a bulk action counts this one as disabled (last-admin guard).
      await tx.flush();
      return { revoked };
    }
    case 'enable': {
      if (!user.disabledAt) return { skipped: '该账号未停用' };
      user.disabledAt = null;
      user.disabledReason = null;
      audit('account.enable', reason);
      await tx.flush();
      return { revoked: 0 };
    }
    case 'revoke-sessions': {
      const revoked = await revokeLiveSessions(tx, user.id, now);
      if (!revoked) return { skipped: '没有有效的登录会话' };
      audit('account.revoke_sessions', `${revoked} 个会话${reason ? `：${reason}` : ''}`);
      await tx.flush();
      return { revoked };
    }
  }
}

async function single(deps: AppDeps, em: EntityManager, admin: Actor, userId: string, action: BulkAction, reason: string | undefined, requestId: string) {
  if (admin.userId === userId) throw new ConflictError(SELF);
  const outcome = await em.transactional(async (tx) => {
    const result = await applyAction(deps, tx, admin, await account(tx, userId), action, reason, requestId);
    // A refusal rolls back, so nothing half-done is left (the revoke-sessions check has already ended nothing).
    if ('skipped' in result) throw new ConflictError(result.skipped);
    return result;
  });
  return outcome.revoked;
}

/** `POST /admin/accounts/:id/disable`: sign-in and every request refused from now on; all live sessions end. */
export async function disableAccount(deps: AppDeps, em: EntityManager, admin: Actor, userId: string, reason: string, requestId: string) {
  await single(deps, em, admin, userId, 'disable', reason, requestId);
  return accountDetail(deps, em, userId);
}

/** `POST /admin/accounts/:id/enable`: the person may sign in again (no session comes back; they sign in afresh). */
export async function enableAccount(deps: AppDeps, em: EntityManager, admin: Actor, userId: string, reason: string | undefined, requestId: string) {
  await single(deps, em, admin, userId, 'enable', reason, requestId);
  return accountDetail(deps, em, userId);
}

/** `POST /admin/accounts/:id/revoke-sessions`: every live session ends; the person's tokens answer 401 on their next request. */
export async function revokeSessions(deps: AppDeps, em: EntityManager, admin: Actor, userId: string, reason: string | undefined, requestId: string) {
  if (admin.userId === userId) throw new ConflictError(SELF);
  const revoked = await em.transactional(async (tx) => {
    const user = await account(tx, userId);
    const result = await applyAction(deps, tx, admin, user, 'revoke-sessions', reason, requestId);
    // Nothing to end is not an error for one person: the answer says 0.
    return 'revoked' in result ? result.revoked : 0;
  });
  return { revoked };
}

/**
 * `POST /admin/accounts/bulk`: one action on up to 100 accounts in one
 * transaction — all of it commits or none. Accounts the action would not
 * change (already in that state, the admin's own, the last admin, unknown
 * ids) are listed as skipped with the reason rather than failing the rest.
 */
export async function bulkAction(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  input: { action: BulkAction; userIds: string[]; reason: string },
  requestId: string,
): Promise<{ done: string[]; skipped: { id: string; reason: string }[] }> {
  const ids = [...new Set(input.userIds)];
  return em.transactional(async (tx) => {
    const users = new Map((await tx.find(UserSchema, { id: { $in: ids }, purgedAt: null }, { orderBy: { id: 'asc' } })).map((u) => [u.id, u]));
    const done: string[] = [];
    const skipped: { id: string; reason: string }[] = [];
    for (const id of ids) {
      const user = users.get(id);
      if (!user) {
        skipped.push({ id, reason: '未找到该用户' });
        continue;
      }
      const result = await applyAction(deps, tx, admin, user, input.action, input.reason, requestId);
      if ('skipped' in result) skipped.push({ id, reason: result.skipped });
      else done.push(id);
    }
    return { done, skipped };
  });
}
