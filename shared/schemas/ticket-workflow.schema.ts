import { z } from 'zod';
import { HOLD_REASONS, TICKET_ACTIONS } from '../ticket-lifecycle';
import { DELEGATION_PURPOSES, TICKET_STATUSES } from '../tickets';
import { IsoDateTime, PhoneSchema } from './common.schema';

/**
 * Reporting a fault. Either a known unit (`equipmentId`, e.g. from a scanned
 * label) or model and serial typed in. A contact other than the reporter
 * needs the reporter's confirmation that the colleague agreed.
 */
export const TicketCreateSchema = z
  .object({
    departmentId: z.string().uuid('请选择科室'),
    equipmentId: z.string().uuid().optional(),
    model: z.string().trim().max(60).optional(),
    serial: z.string().trim().max(40).optional(),
    description: z.string().trim().min(5, '请描述故障现象（至少 5 个字）').max(2000),
    photoFileIds: z.array(z.string().uuid()).max(9, '最多 9 张照片').default([]),
    voiceFileId: z.string().uuid().optional(),
    contactName: z.string().trim().min(1, '请填写联系人').max(30),
    contactPhone: PhoneSchema,
    /** The reporter confirms the contact (if not themselves) agreed to be contacted. */
    contactConsent: z.boolean(),
  })
  .refine((t) => Boolean(t.equipmentId) || Boolean(t.model && t.serial), {
    path: ['serial'],
    message: '请扫码选择设备，或填写型号和序列号',
  });
export type TicketCreate = z.infer<typeof TicketCreateSchema>;

/** What the engineer found, did and replaced; required to resolve a ticket. */
export const ServiceReportSchema = z.object({
  found: z.string().trim().min(2, '请填写检查发现').max(1000),
  done: z.string().trim().min(2, '请填写处理措施').max(1000),
  parts: z.string().trim().max(500).optional(),
});
export type ServiceReport = z.infer<typeof ServiceReportSchema>;

export const TransitionSchema = z
  .object({
    action: z.enum(TICKET_ACTIONS),
    reason: z.enum(HOLD_REASONS).optional(),
    note: z.string().trim().max(1000).optional(),
    report: ServiceReportSchema.optional(),
  })
  .refine((t) => t.action !== 'hold' || Boolean(t.reason), { path: ['reason'], message: '请选择挂起原因' })
  .refine((t) => t.action !== 'resolve' || Boolean(t.report), { path: ['report'], message: '请填写维修报告' });
export type Transition = z.infer<typeof TransitionSchema>;

/** Timeline entries: the report, each lifecycle action, (re)assignment, and the reporter's rating (which closes it). */
export const TICKET_EVENT_KINDS = ['create', ...TICKET_ACTIONS, 'assign', 'rate'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

export const AssignSchema = z.object({ engineerId: z.string().uuid('请选择工程师') });

export const RatingSchema = z.object({
  score: z.number().int().min(1, '请评分').max(5),
  comment: z.string().trim().max(500).optional(),
});
export type Rating = z.infer<typeof RatingSchema>;

/** One step of a ticket's timeline. */
export const TicketEventSchema = z.object({
  id: z.string(),
  kind: z.enum(TICKET_EVENT_KINDS),
  fromStatus: z.enum(TICKET_STATUSES).nullable(),
  toStatus: z.enum(TICKET_STATUSES),
  actor: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  reason: z.enum(HOLD_REASONS).nullable(),
  note: z.string().nullable(),
  /** For `assign`: the engineer now responsible. */
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: IsoDateTime,
});
export type TicketEvent = z.infer<typeof TicketEventSchema>;

export const EquipmentByCodeSchema = z.object({
  id: z.string(),
  model: z.string(),
  serial: z.string(),
  hospital: z.object({ id: z.string(), name: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type EquipmentByCode = z.infer<typeof EquipmentByCodeSchema>;

/** A note, with photos, on a ticket (photos are `ticket_photo` uploads by the author, under the fault_media consent). */
export const CommentCreateSchema = z
  .object({
    body: z.string().trim().max(2000).default(''),
    fileIds: z.array(z.string().uuid()).max(9, '最多 9 张照片').default([]),
  })
  .refine((c) => c.body.length > 0 || c.fileIds.length > 0, { path: ['body'], message: '请填写内容或添加照片' });
export type CommentCreate = z.infer<typeof CommentCreateSchema>;

export const CommentViewSchema = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  body: z.string(),
  fileIds: z.array(z.string()),
  createdAt: IsoDateTime,
});
export type CommentView = z.infer<typeof CommentViewSchema>;

export const DelegationCreateSchema = z.object({
  dealerId: z.string().uuid('请选择经销商'),
  purpose: z.enum(DELEGATION_PURPOSES),
});
export type DelegationCreate = z.infer<typeof DelegationCreateSchema>;

export const DelegationViewSchema = z.object({
  dealer: z.object({ id: z.string(), name: z.string() }),
  purpose: z.enum(DELEGATION_PURPOSES),
  createdAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
});
export type DelegationView = z.infer<typeof DelegationViewSchema>;

/** One SLA clock in business minutes (Asia/Shanghai business hours); `dueAt` is when it breaches if nothing changes, null while paused or stopped. */
export const SlaClockSchema = z.object({
  targetMinutes: z.number().int(),
  usedMinutes: z.number().int(),
  state: z.enum(['running', 'paused', 'met', 'breached']),
  dueAt: IsoDateTime.nullable(),
  warning: z.boolean(),
});
export type SlaClock = z.infer<typeof SlaClockSchema>;

export const SlaViewSchema = z.object({
  tier: z.string(),
  response: SlaClockSchema,
  resolution: SlaClockSchema,
});
export type SlaView = z.infer<typeof SlaViewSchema>;
