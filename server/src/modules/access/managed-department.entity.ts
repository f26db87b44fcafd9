import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A department an advanced user manages. Read on every request that needs
 * it, never cached, so a revocation (`revokedAt`) takes effect at once.
 */
export const ManagedDepartmentSchema = defineEntity({
  name: 'ManagedDepartment',
  tableName: 'managed_department',
  properties: {
    ...baseProperties(),
    userId: p.uuid().index(),
    departmentId: p.uuid().index(),
    grantedById: p.uuid().nullable(),
    requestId: p.uuid().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type ManagedDepartment = InferEntity<typeof ManagedDepartmentSchema>;
