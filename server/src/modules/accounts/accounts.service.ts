import type { EntityManager } from '@mikro-orm/core';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { DealerSchema, type Dealer } from '../dealers/dealer.entity';
import { UserSchema } from '../users/user.entity';
import { findUserByPhone, newUser } from '../users/users.service';
import { maskPhone } from '../../../../shared/phone';

export function dealerView(d: Dealer) {
  return { id: d.id, name: d.name, contractRef: d.contractRef, purposes: d.purposes, active: d.active };
}

/**
 * An account an admin creates (engineer, dealer staff, admin): active at once in its
 * role, signing in by SMS with the given phone. One phone, one account.
 */
async function createAccount(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  input: { name: string; phone: string; role: 'engineer' | 'dealer' | 'admin'; dealer?: Dealer },
  requestId: string,
) {
  if (await findUserByPhone(em, deps.pii, input.phone)) throw new ConflictError('An account with this phone number exists already.');
  const user = newUser(em);
  user.status = 'active';
  user.role = input.role;
  user.dealer = input.dealer ?? null;
  user.decidedAt = deps.clock.now();
  user.decidedById = admin.userId;
  deps.pii.set(user, 'phone', input.phone);
  deps.pii.set(user, 'name', input.name);
  recordAudit(em, { actorId: admin.userId, action: `account.create.${input.role}`, subjectUserId: user.id, requestId });
  await em.flush();
  return {
    id: user.id,
    name: input.name,
    phone: maskPhone(input.phone),
    role: input.role,
    dealer: input.dealer ? { id: input.dealer.id, name: input.dealer.name } : null,
  };
}

export function createEngineer(deps: AppDeps, em: EntityManager, admin: Actor, input: { name: string; phone: string }, requestId: string) {
  return createAccount(deps, em, admin, { ...input, role: 'engineer' }, requestId);
}

/** `POST /admin/admins`: another admin, under the stricter admin.directory permission like the other account kinds. */
export function createAdmin(deps: AppDeps, em: EntityManager, admin: Actor, input: { name: string; phone: string }, requestId: string) {
  return createAccount(deps, em, admin, { ...input, role: 'admin' }, requestId);
}

export async function createDealerStaff(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  dealerId: string,
  input: { name: string; phone: string },
  requestId: string,
) {
  const dealer = await em.findOne(DealerSchema, { id: dealerId, active: true });
  if (!dealer) throw new NotFoundError('No such dealer.');
  return createAccount(deps, em, admin, { ...input, role: 'dealer', dealer }, requestId);
}

export async function createDealer(em: EntityManager, admin: Actor, input: { name: string; contractRef: string; purposes: string[] }, requestId: string) {
  if (await em.findOne(DealerSchema, { name: input.name })) throw new ConflictError('A dealer with this name exists already.');
  const dealer = em.create(DealerSchema, { ...input, active: true });
  recordAudit(em, { actorId: admin.userId, action: 'dealer.create', requestId });
  await em.flush();
  return dealerView(dealer);
}

export async function listDealers(em: EntityManager) {
  return { items: (await em.find(DealerSchema, {}, { orderBy: { name: 'asc' } })).map(dealerView) };
}

/** Active service engineers by name, for the admin's assign picker; names only (phones stay on their profiles). */
export async function listEngineers(deps: AppDeps, em: EntityManager) {
  const engineers = await em.find(UserSchema, { role: 'engineer', status: 'active' }, { fields: ['id', 'nameSealed'] as never });
  const items = engineers.map((u) => ({ id: u.id, name: deps.pii.get(u, 'name') ?? '' }));
  return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}
