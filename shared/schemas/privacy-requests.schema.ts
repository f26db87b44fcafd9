import { z } from 'zod';
import { IsoDateTime } from './common.schema';

/** PIPL Art. 44–50: what a person may ask of us that needs a person to answer. */
export const PRIVACY_REQUEST_TYPES = ['access', 'correction', 'deletion', 'transfer', 'explanation', 'complaint'] as const;
export type PrivacyRequestType = (typeof PRIVACY_REQUEST_TYPES)[number];

export const PRIVACY_REQUEST_STATUSES = ['received', 'in_progress', 'completed', 'refused'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** The answer is due this many days after receipt (privacy policy; GB/T 35273-2020 8.7). */
export const PRIVACY_REQUEST_DUE_DAYS = 15;

/**
 * The only grounds on which a request may be refused — PIPL Art. 18, 44,
 * 47 and GB/T 35273-2020 8.7 — so that a refusal always names its law.
 */
export const REFUSAL_REASONS = [
  /** The requester's identity could not be verified. */
  'identity_unverified',
  /** A law or administrative regulation requires us to keep the data for a period not yet over (Art. 47). */
  'legal_retention',
  /** A law or administrative regulation requires confidentiality or says no notice is needed (Art. 18). */
  'confidentiality_required',
  /** Directly related to national security, public safety, public health or major public interests (GB/T 35273-2020 8.7). */
  'public_interest',
  /** Directly related to criminal investigation, prosecution, trial or enforcement (GB/T 35273-2020 8.7). */
  'criminal_proceedings',
  /** Deletion is technically infeasible: processing stops except storage and necessary security measures (Art. 47). */
  'technically_infeasible',
  /** Manifestly unfounded or excessive, e.g. repeated without new grounds (GB/T 35273 8.7). */
  'unfounded_or_repeated',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const PRIVACY_REQUEST_EVENT_KINDS = ['received', 'taken', 'note', 'completed', 'refused'] as const;
export type PrivacyRequestEventKind = (typeof PRIVACY_REQUEST_EVENT_KINDS)[number];

/** `POST /privacy/requests`: with a fresh SMS code sent to one's own number (`/auth/sms/send`, purpose `login`: any fresh code proves the person holds the number). */
export const PrivacyRequestCreateSchema = z.object({
  type: z.enum(PRIVACY_REQUEST_TYPES),
  details: z.string().trim().min(5, '请具体说明您的请求（至少 5 个字）').max(1000, '说明不能超过 1000 个字'),
  code: z.string().regex(/^\d{6}$/, '请输入 6 位验证码'),
});
export type PrivacyRequestCreate = z.infer<typeof PrivacyRequestCreateSchema>;

export const PrivacyRequestEventViewSchema = z.object({
  kind: z.enum(PRIVACY_REQUEST_EVENT_KINDS),
  note: z.string().nullable(),
  /** Who acted, as the requester sees it: themselves or the privacy team (never an admin's name). */
  by: z.enum(['user', 'admin', 'system']),
  createdAt: IsoDateTime,
});

export const PrivacyRequestViewSchema = z.object({
  id: z.string(),
  type: z.enum(PRIVACY_REQUEST_TYPES),
  status: z.enum(PRIVACY_REQUEST_STATUSES),
  details: z.string(),
  createdAt: IsoDateTime,
  dueAt: IsoDateTime,
  /** Open past its due date. */
  overdue: z.boolean(),
  closedAt: IsoDateTime.nullable(),
  outcome: z.string().nullable(),
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  events: z.array(PrivacyRequestEventViewSchema),
});
export type PrivacyRequestView = z.infer<typeof PrivacyRequestViewSchema>;

export const AdminPrivacyRequestViewSchema = PrivacyRequestViewSchema.extend({
  user: z.object({ id: z.string(), name: z.string().nullable(), hospital: z.string().nullable() }),
  handledById: z.string().nullable(),
});
export type AdminPrivacyRequestView = z.infer<typeof AdminPrivacyRequestViewSchema>;

export const PrivacyRequestListSchema = z.object({ items: z.array(PrivacyRequestViewSchema) });

export const AdminPrivacyRequestQuerySchema = z.object({
  status: z.enum(['open', ...PRIVACY_REQUEST_STATUSES]).default('open'),
  overdue: z.enum(['true', 'false']).optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const AdminPrivacyRequestPageSchema = z.object({
  items: z.array(AdminPrivacyRequestViewSchema),
  nextCursor: z.string().nullable(),
  /** Open requests past their due date, for the dashboard flag. */
  overdueCount: z.number().int(),
});

export const PrivacyRequestNoteSchema = z.object({ note: z.string().trim().min(2, '请填写备注').max(1000) });
export const PrivacyRequestCompleteSchema = z.object({ outcome: z.string().trim().min(5, '请写明处理结果（至少 5 个字），用户会看到').max(1000) });
/** A refusal must name one of the legal grounds and explain it to the person. */
export const PrivacyRequestRefuseSchema = z.object({
  reason: z.enum(REFUSAL_REASONS, { message: '拒绝必须选择法定理由' }),
  outcome: z.string().trim().min(5, '请向用户说明拒绝的具体原因（至少 5 个字）').max(1000),
});
