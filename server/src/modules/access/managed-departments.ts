import type { EntityManager } from '@mikro-orm/core';
import { ManagedDepartmentSchema } from './managed-department.entity';

/** The departments a user manages right now (revoked grants excluded); read fresh every time. */
export async function activeManagedDepartments(em: EntityManager, userId: string): Promise<{ id: string; name: string }[]> {
  return (await em
    .getConnection()
    .execute(
      `select d.id, d.name from managed_department m join department d on d.id = m.department_id
        where m.user_id = ? and m.revoked_at is null order by d.name`,
      [userId],
    )) as unknown as { id: string; name: string }[];
}

export async function hasActiveGrants(em: EntityManager, userId: string): Promise<boolean> {
  return (await em.count(ManagedDepartmentSchema, { userId, revokedAt: null })) > 0;
}
