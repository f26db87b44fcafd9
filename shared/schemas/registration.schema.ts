import { z } from 'zod';
import { IsoDateTime } from './common.schema';
import { GENDERS } from './me.schema';

export const RegistrationSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(30),
  hospitalId: z.string().uuid('请选择医院'),
  departmentId: z.string().uuid('请选择科室'),
  position: z.string().trim().min(1, '请填写职务').max(30),
  title: z.string().trim().max(30).optional(),
  gender: z.enum(GENDERS),
  badgeFileId: z.string().uuid('请上传工牌或执业证照片'),
});
export type Registration = z.infer<typeof RegistrationSchema>;

export const REGISTRATION_STATUSES = ['pending', 'active', 'rejected'] as const;

export const RegistrationQueueQuerySchema = z.object({
  status: z.enum(REGISTRATION_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const RegistrationQueueItemSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** Masked: the reviewer does not need the full number to decide. */
  phone: z.string(),
  hospital: z.object({ id: z.string(), name: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }),
  position: z.string(),
  title: z.string().nullable(),
  gender: z.enum(GENDERS),
  badgeFileId: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  submittedAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  rejectionReason: z.string().nullable(),
});
export type RegistrationQueueItem = z.infer<typeof RegistrationQueueItemSchema>;

export const RejectSchema = z.object({ reason: z.string().trim().min(2, '请填写驳回原因').max(200) });
