import { z } from 'zod';
import { IsoDateTime, PhoneSchema } from './common.schema';

/**
 * What a personal-information access log row records (privacy.md, "Security
 * measures; access logged"): a reveal of a badge photo or a full phone
 * number, an export, a dealer's read of a ticket.
 */
export const PII_ACCESS_ACTIONS = [
  /** An admin looked at a badge photo (registration review, user profile). */
  'badge.view',
  /** A full phone number was shown to someone other than its owner. */
  'phone.reveal',
  /** The person downloaded their own data (`GET /me/export`). */
  'export.self',
  /** An admin exported orders with shipping addresses (CSV). */
  'export.orders',
  /** A dealer's staff member read a delegated ticket. */
  'dealer.read',
] as const;
export type PiiAccessAction = (typeof PII_ACCESS_ACTIONS)[number];

export const PiiAccessViewSchema = z.object({
  id: z.string(),
  createdAt: IsoDateTime,
  actor: z.object({ id: z.string(), name: z.string().nullable(), role: z.string().nullable() }).nullable(),
  subject: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  subjectCount: z.number().int(),
  action: z.enum(PII_ACCESS_ACTIONS),
  fields: z.array(z.string()),
  purpose: z.string(),
  requestId: z.string().nullable(),
});
export type PiiAccessView = z.infer<typeof PiiAccessViewSchema>;

/** `GET /admin/privacy/access-log`: by actor, by subject (id or phone, found through the blind index), by time range; newest first. */
export const PiiAccessQuerySchema = z
  .object({
    actorId: z.string().uuid().optional(),
    subjectUserId: z.string().uuid().optional(),
    subjectPhone: PhoneSchema.optional(),
    action: z.enum(PII_ACCESS_ACTIONS).optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    cursor: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), { message: '结束时间不能早于开始时间', path: ['to'] });
export type PiiAccessQuery = z.infer<typeof PiiAccessQuerySchema>;

export const PiiAccessPageSchema = z.object({ items: z.array(PiiAccessViewSchema), nextCursor: z.string().nullable() });

/** `GET /admin/privacy/access-log/subjects`: one actor, a bounded time range, pages by subject id. */
export const TouchedSubjectsQuerySchema = z
  .object({
    actorId: z.string().uuid(),
    from: IsoDateTime,
    to: IsoDateTime,
    cursor: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => new Date(q.from) <= new Date(q.to), { message: '结束时间不能早于开始时间', path: ['to'] });

export const TouchedSubjectsPageSchema = z.object({
  items: z.array(
    z.object({
      subject: z.object({ id: z.string(), name: z.string().nullable() }),
      accesses: z.number().int(),
      firstAt: IsoDateTime,
      lastAt: IsoDateTime,
      actions: z.array(z.enum(PII_ACCESS_ACTIONS)),
      fields: z.array(z.string()),
    }),
  ),
  nextCursor: z.string().nullable(),
  /** People in bulk exports that name no one subject (the sum of their `subjectCount`). */
  unnamedSubjects: z.number().int(),
});

/** `GET /admin/privacy/recipients`: the recipients registry (entrusted dealers, PIPL Art. 21–23). */
export const RecipientViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  contractRef: z.string(),
  purposes: z.array(z.string()),
  fields: z.array(z.string()),
  active: z.boolean(),
  staffCount: z.number().int(),
  provisionCount: z.number().int(),
  subjectCount: z.number().int(),
  lastProvisionAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type RecipientView = z.infer<typeof RecipientViewSchema>;

export const RecipientsSchema = z.object({ items: z.array(RecipientViewSchema) });
