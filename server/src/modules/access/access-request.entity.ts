import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ACCESS_REQUEST_STATUSES } from '../../../../shared/schemas/access.schema';
import { baseProperties } from '../../db/base.entity';

/** A staff member's application for advanced access, and the admin's decision on it. */
export const AccessRequestSchema = defineEntity({
  name: 'AccessRequest',
  tableName: 'access_request',
  properties: {
    ...baseProperties(),
    userId: p.uuid().index(),
    requestedDepartmentIds: p.json<string[]>(),
    grantedDepartmentIds: p.json<string[]>().nullable(),
    positionSealed: p.text(),
    reasonSealed: p.text(),
    status: p.enum([...ACCESS_REQUEST_STATUSES]).default('pending').index(),
    decidedById: p.uuid().nullable(),
    decidedAt: p.datetime().nullable(),
    decisionReason: p.string().length(200).nullable(),
  },
});
export type AccessRequest = InferEntity<typeof AccessRequestSchema>;
