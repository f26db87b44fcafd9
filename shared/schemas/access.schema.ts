import { z } from 'zod';
import { IsoDateTime } from './common.schema';

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

const Ref = z.object({ id: z.string(), name: z.string() });

/** Staff apply for advanced access to departments of their own hospital. */
export const AccessRequestCreateSchema = z.object({
  departmentIds: z.array(z.string().uuid()).min(1, '请至少选择一个科室').max(20),
  position: z.string().trim().min(1, '请填写职务').max(30),
  reason: z.string().trim().min(2, '请填写申请理由').max(300),
});

export const AccessRequestSchema = z.object({
  id: z.string(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  requested: z.array(Ref),
  /** What the admin granted: may be narrower than asked. */
  granted: z.array(Ref),
  position: z.string(),
  reason: z.string(),
  decisionReason: z.string().nullable(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
});
export type AccessRequest = z.infer<typeof AccessRequestSchema>;

/** The admin queue adds who asked. */
export const AdminAccessRequestSchema = AccessRequestSchema.extend({
  user: z.object({ id: z.string(), name: z.string(), phone: z.string(), hospital: Ref, department: Ref.nullable(), tier: z.string().nullable() }),
});
export type AdminAccessRequest = z.infer<typeof AdminAccessRequestSchema>;

export const AccessQueueQuerySchema = z.object({
  status: z.enum(ACCESS_REQUEST_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const ApproveAccessSchema = z.object({ departmentIds: z.array(z.string().uuid()).min(1, '请至少授予一个科室').max(20) });
export const ReasonSchema = z.object({ reason: z.string().trim().min(2, '请填写原因').max(200) });

/** An advanced user as the admin's revoke list shows them (phone masked). */
export const AdvancedUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  hospital: Ref,
  managedDepartments: z.array(Ref),
});
export type AdvancedUser = z.infer<typeof AdvancedUserSchema>;

/** Admin-created accounts: engineers, dealer organisations and their staff. */
export const EngineerCreateSchema = z.object({ name: z.string().trim().min(1).max(30), phone: z.string().regex(/^1[3-9]\d{9}$/) });
export const DealerCreateSchema = z.object({
  name: z.string().trim().min(2).max(100),
  contractRef: z.string().trim().min(1).max(60),
  purposes: z.array(z.enum(['onsite_check', 'pickup'])).min(1),
});
export const DealerStaffCreateSchema = EngineerCreateSchema;

export const AccountSchema = z.object({ id: z.string(), name: z.string(), phone: z.string(), role: z.string(), dealer: Ref.nullable() });
export const DealerSchema = z.object({ id: z.string(), name: z.string(), contractRef: z.string(), purposes: z.array(z.string()), active: z.boolean() });
