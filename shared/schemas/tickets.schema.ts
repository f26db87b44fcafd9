import { z } from 'zod';
import { DELEGATION_PURPOSES, TICKET_STATUSES } from '../tickets';
import { IsoDateTime } from './common.schema';
import { TICKET_ACTIONS } from '../ticket-lifecycle';
import { DelegationViewSchema, ServiceReportSchema, SlaViewSchema } from './ticket-workflow.schema';

const Ref = z.object({ id: z.string(), name: z.string() });

/**
 * `scope` narrows what the actor may see: staff their own or their managed
 * departments'; engineers the unassigned `queue` or those `assigned` to them;
 * `all` is everything the actor may see.
 */
export const TICKET_SCOPES = ['mine', 'managed', 'queue', 'assigned', 'all'] as const;
export type TicketScope = (typeof TICKET_SCOPES)[number];

export const TicketListQuerySchema = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  scope: z.enum(TICKET_SCOPES).default('all'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;

/** What every viewer of a ticket sees. */
const TicketBaseSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(TICKET_STATUSES),
  hospital: Ref,
  department: Ref,
  equipment: z.object({ model: z.string().nullable(), serial: z.string().nullable() }),
  description: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  createdAt: IsoDateTime,
});

/**
 * What hospital staff, engineers and admins see of a ticket. The contact
 * phone is in full only for the reporter, the assigned engineer and admins;
 * others get the last four digits (access-matrix.md). `reporter` is there
 * only for engineers and admins.
 */
export const TicketViewSchema = TicketBaseSchema.extend({
  contactPhoneMasked: z.boolean(),
  reporter: Ref.nullable(),
  isMine: z.boolean(),
  assignedEngineer: Ref.nullable(),
});
export type TicketView = z.infer<typeof TicketViewSchema>;

/** A dealer's view: only what an on-site check or pickup needs (privacy.md, minimum necessary). */
export const DealerTicketViewSchema = TicketBaseSchema.extend({
  delegationPurpose: z.enum(DELEGATION_PURPOSES),
});
export type DealerTicketView = z.infer<typeof DealerTicketViewSchema>;

export const AnyTicketViewSchema = z.union([TicketViewSchema, DealerTicketViewSchema]);

export const TicketPageSchema = z.object({ items: z.array(AnyTicketViewSchema), nextCursor: z.string().nullable() });

/**
 * `GET /tickets/:id` for staff, engineers and admins: the list view plus the
 * SLA clocks, the service report once resolved, the reporter's rating, the
 * dealer delegations and what the caller may do now.
 */
export const TicketDetailSchema = TicketViewSchema.extend({
  sla: SlaViewSchema.nullable(),
  serviceReport: ServiceReportSchema.extend({ createdAt: IsoDateTime }).nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  delegations: z.array(DelegationViewSchema),
  actions: z.array(z.enum(TICKET_ACTIONS)),
  /** The report's fault photos and voice note (file ids for `GET /files/:id`; comment photos are on the comments). */
  media: z.object({ photoIds: z.array(z.string()), voiceId: z.string().nullable() }),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

export const AnyTicketDetailSchema = z.union([TicketDetailSchema, DealerTicketViewSchema]);
