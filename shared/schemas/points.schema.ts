import { z } from 'zod';
import { IsoDateTime } from './common.schema';

/** Why points moved. A string column on SQLite (decision 002), checked here. */
export const POINTS_REASONS = [
  'registration_approved',
  'ticket_rated',
  'document_first_read',
  'admin_adjustment',
  'redemption',
  'redemption_refund',
] as const;
export type PointsReason = (typeof POINTS_REASONS)[number];

/** Reasons that earn automatically, and so carry a configured rule. */
export const EARNING_REASONS = ['registration_approved', 'ticket_rated', 'document_first_read'] as const;
export type EarningReason = (typeof EARNING_REASONS)[number];

/** One earning rule: points per earning, and how many earnings a person may get per Shanghai day / year. */
export const EarningRuleSchema = z.object({
  points: z.number().int().min(0).max(100_000),
  perDay: z.number().int().min(0).max(1000),
  perYear: z.number().int().min(0).max(100_000),
});
export type EarningRule = z.infer<typeof EarningRuleSchema>;

/** `POINTS_RULES` override: any subset of the earning reasons, each a whole rule. */
export const EarningRulesOverrideSchema = z.partialRecord(z.enum(EARNING_REASONS), EarningRuleSchema);

export const PointsCapsSchema = z.object({
  yearlyValueCapYuan: z.number().int(),
  rules: z.array(EarningRuleSchema.extend({ reason: z.enum(EARNING_REASONS) })),
});

export const PointsSummarySchema = z.object({
  balance: z.number().int(),
  /** Points earned (positive earning entries) in the current Asia/Shanghai year. */
  earnedThisYear: z.number().int(),
  /** Value in yuan of this year's gift orders that are not cancelled, against `caps.yearlyValueCapYuan`. */
  giftValueThisYearYuan: z.number().int(),
  caps: PointsCapsSchema,
});
export type PointsSummary = z.infer<typeof PointsSummarySchema>;

export const PointsEntryViewSchema = z.object({
  id: z.string(),
  delta: z.number().int(),
  balanceAfter: z.number().int(),
  reason: z.enum(POINTS_REASONS),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type PointsEntryView = z.infer<typeof PointsEntryViewSchema>;

export const PointsLedgerQuerySchema = z.object({
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const PointsLedgerPageSchema = z.object({
  items: z.array(PointsEntryViewSchema),
  nextCursor: z.string().nullable(),
});
export type PointsLedgerPage = z.infer<typeof PointsLedgerPageSchema>;

export const PointsAdjustmentSchema = z.object({
  userId: z.string().uuid(),
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((v) => v !== 0, '调整积分不能为 0'),
  reason: z.string().trim().min(4, '请填写调整原因（至少 4 个字）').max(200, '调整原因不能超过 200 个字'),
});
export type PointsAdjustment = z.infer<typeof PointsAdjustmentSchema>;

export const PointsAdjustmentResultSchema = z.object({ entry: PointsEntryViewSchema, balance: z.number().int() });

export const ReconciliationSchema = z.object({
  ok: z.boolean(),
  checkedUsers: z.number().int(),
  mismatches: z.array(
    z.object({ userId: z.string(), balance: z.number().int(), entriesSum: z.number().int(), latestBalanceAfter: z.number().int().nullable() }),
  ),
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;
