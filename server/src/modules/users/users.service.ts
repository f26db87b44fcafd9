import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../core/ids';
import { activeManagedDepartments } from '../access/managed-departments';
import type { Gender, Me } from '../../../../shared/schemas/me.schema';
import { permissionsFor } from '../../../../shared/permissions';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import type { ConsentBlock } from '../privacy/consent.service';
import { UserSchema, type User } from './user.entity';
import { maskPhone } from '../../../../shared/phone';
import type { UserPii } from './user.pii';

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

/** The user as they see themselves on "My": personal fields opened, the phone masked by default. */
export async function meView(em: EntityManager, pii: UserPii, user: User, block: ConsentBlock): Promise<Me> {
  const hospital = user.hospital ? await em.findOne(HospitalSchema, { id: user.hospital.id }) : null;
  const department = user.department ? await em.findOne(DepartmentSchema, { id: user.department.id }) : null;
  const phone = pii.get(user, 'phone');
  return {
    id: user.id,
    status: user.status,
    roles: [user.role],
    tier: user.tier ?? null,
    managedDepartments: user.tier === 'advanced' ? await activeManagedDepartments(em, user.id) : [],
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
