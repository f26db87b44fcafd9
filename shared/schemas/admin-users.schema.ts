import { z } from 'zod';
import { ROLES, STAFF_TIERS } from '../permissions';
import { IsoDateTime, PhoneSchema } from './common.schema';
import { USER_STATUSES } from './me.schema';

/**
 * The admin console's users area: search by name (exact, through the name
 * blind index), phone (blind index) or hospital; the profile with masked
 * phone; role change, disable/enable, revoke all sessions, one at a time or
 * in bulk. Every action is audited.
 */
const Ref = z.object({ id: z.string(), name: z.string() });

export const AdminUserQuerySchema = z.object({
  /** A full name (exact match) or a full 11-digit phone number. */
  q: z.string().trim().max(30).optional(),
  hospitalId: z.string().uuid().optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum([...USER_STATUSES, 'disabled']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type AdminUserQuery = z.infer<typeof AdminUserQuerySchema>;

export const AdminUserRowSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** Masked: 138****0001. */
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  tier: z.enum(STAFF_TIERS).nullable(),
  status: z.enum(USER_STATUSES),
  disabled: z.boolean(),
  hospital: Ref.nullable(),
  department: Ref.nullable(),
  dealer: Ref.nullable(),
  activeSessions: z.number().int(),
  createdAt: IsoDateTime,
});
export type AdminUserRow = z.infer<typeof AdminUserRowSchema>;
export const AdminUserPageSchema = z.object({ items: z.array(AdminUserRowSchema), nextCursor: z.string().nullable() });

export const AdminUserDetailSchema = AdminUserRowSchema.extend({
  position: z.string().nullable(),
  title: z.string().nullable(),
  gender: z.string().nullable(),
  managedDepartments: z.array(Ref),
  /** Present when a badge photo is on file; opening it (GET /files/:id) is logged. */
  badgeFileId: z.string().nullable(),
  disabledAt: IsoDateTime.nullable(),
  disabledReason: z.string().nullable(),
  registeredAt: IsoDateTime.nullable(),
  lastSignInAt: IsoDateTime.nullable(),
  consents: z.array(z.string()),
  ticketCount: z.number().int(),
  pointsBalance: z.number().int(),
});
export type AdminUserDetail = z.infer<typeof AdminUserDetailSchema>;

const Reason = z.string().trim().min(2, '请填写原因').max(200);
export const RoleChangeSchema = z.object({
  role: z.enum(ROLES),
  /** Required when the new role is `dealer`. */
  dealerId: z.string().uuid().optional(),
  reason: Reason,
});
export const DisableSchema = z.object({ reason: Reason });
export const RevokeSessionsResultSchema = z.object({ revoked: z.number().int() });

export const BULK_USER_ACTIONS = ['revoke-sessions', 'disable', 'enable'] as const;
export const BulkUserActionSchema = z.object({
  action: z.enum(BULK_USER_ACTIONS),
  userIds: z.array(z.string().uuid()).min(1, '请至少选择一位用户').max(100),
  reason: Reason,
});
export const BulkUserResultSchema = z.object({
  /** Users the action changed; the others were already in that state or are not found. */
  done: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
});

/** `POST /admin/admins`: another admin account (same shape as engineer creation). */
export const AdminCreateSchema = z.object({ name: z.string().trim().min(1).max(30), phone: PhoneSchema });

// ---- audit ----
export const AuditQuerySchema = z
  .object({
    /** Exact action (`registration.approve`) or a prefix ending in `.` (`user.`). */
    action: z.string().trim().max(60).optional(),
    actorId: z.string().uuid().optional(),
    subjectUserId: z.string().uuid().optional(),
    /** The subject's full phone, found through the blind index. */
    subjectPhone: PhoneSchema.optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), { message: '结束时间不能早于开始时间', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditViewSchema = z.object({
  id: z.string(),
  createdAt: IsoDateTime,
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string().nullable(), role: z.string().nullable() }).nullable(),
  subject: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditView = z.infer<typeof AuditViewSchema>;
export const AuditPageSchema = z.object({
  items: z.array(AuditViewSchema),
  nextCursor: z.string().nullable(),
  /** Distinct actions on record, for the filter's dropdown. */
  actions: z.array(z.string()),
});
