import { z } from 'zod';
import { IsoDateTime } from './common.schema';
import { TICKET_STATUSES } from '../tickets';

/**
 * `GET /admin/dashboard`: every figure computed by SQL aggregates over the
 * chosen period (Asia/Shanghai calendar dates, both ends included) and
 * region (province = first two digits of the hospital's region code).
 * "Now" figures (open tickets, workload, stock, privacy requests) ignore the
 * period but honour the region.
 */
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Ref = z.object({ id: z.string(), name: z.string() });

export const DashboardQuerySchema = z
  .object({
    from: DateOnly,
    to: DateOnly,
    province: z.string().regex(/^\d{2}$/).optional(),
  })
  .refine((q) => q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: '时间范围最长一年', path: ['to'] });
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

export const TrendPointSchema = z.object({
  /** First day of the bucket (YYYY-MM-DD): a day for ranges up to 31 days, else the Monday of an ISO week. */
  bucket: z.string(),
  /** Tickets first accepted in the bucket, and the mean minutes from submission to that acceptance. */
  accepted: z.number().int(),
  avgAcceptMinutes: z.number().nullable(),
  /** Tickets resolved in the bucket, and the mean hours from submission to resolution. */
  resolved: z.number().int(),
  avgResolveHours: z.number().nullable(),
});

export const DashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), bucket: z.enum(['day', 'week']), province: z.string().nullable() }),
  generatedAt: IsoDateTime,
  tickets: z.object({
    /** Open now (not resolved, closed or cancelled), by status. */
    openByStatus: z.array(z.object({ status: z.enum(TICKET_STATUSES), count: z.number().int() })),
    /** Open now, the ten hospitals with the most, then everyone else as `others`. */
    openByHospital: z.array(z.object({ hospital: Ref, count: z.number().int() })),
    openOthers: z.number().int(),
    /** Tickets submitted in the period. */
    created: z.number().int(),
  }),
  sla: z.object({
    /** SLA breach marks recorded in the period, in total and per clock (`response`, `resolution`: the clocks of sla.clock.ts). */
    breaches: z.number().int(),
    byClock: z.array(z.object({ clock: z.string(), count: z.number().int() })),
    trend: z.array(TrendPointSchema),
  }),
  /** Every active engineer: open tickets assigned now, resolved in the period. */
  workload: z.array(z.object({ engineer: Ref, open: z.number().int(), resolved: z.number().int() })),
  ratings: z.object({
    /** Ratings given in the period, for scores 1..5 (always five entries). */
    distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
    average: z.number().nullable(),
    /** The ten latest ratings in the period that carry a comment. */
    recentComments: z.array(
      z.object({ ticketNumber: z.string(), score: z.number().int(), comment: z.string(), hospital: z.string(), createdAt: IsoDateTime }),
    ),
  }),
  points: z.object({
    /** Points earned in the period (positive entries other than refunds). */
    issued: z.number().int(),
    /** Points spent on gifts in the period, net of refunds for cancelled orders. */
    redeemed: z.number().int(),
    trend: z.array(z.object({ bucket: z.string(), issued: z.number().int(), redeemed: z.number().int() })),
  }),
  /** Active gifts with stock at or below the alert level (5), lowest first. Not filtered by region. */
  giftStockAlerts: z.array(z.object({ gift: Ref, stock: z.number().int() })),
  /** Open privacy requests (not filtered by region): open, due within 3 days, past their due date. */
  privacyRequests: z.object({ open: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
