import { z } from 'zod';

/**
 * `GET /fleet`: for an advanced user, every unit in the departments they
 * manage, with its repair history over the last 365 days. Other roles and
 * general staff get 403.
 */
const Ref = z.object({ id: z.string(), name: z.string() });

export const FLEET_COVERAGE = ['covered', 'expiring', 'expired', 'unknown'] as const;

export const FleetQuerySchema = z.object({
  departmentId: z.string().uuid().optional(),
  sort: z.enum(['outOfService', 'repairs', 'coveredUntil', 'serial']).default('outOfService'),
});

export const FleetUnitSchema = z.object({
  id: z.string(),
  serial: z.string(),
  model: z.string(),
  category: z.string(),
  department: Ref.nullable(),
  /** Tickets reported on this unit in the last 365 days (cancelled ones excluded). */
  repairCount: z.number().int(),
  /**
   * Whole days in the last 365 days on which the unit had an open ticket:
   * from submission to resolution (or today while open), overlapping tickets
   * counted once.
   */
  daysOutOfService: z.number().int(),
  openTickets: z.number().int(),
  /** YYYY-MM-DD, Asia/Shanghai; null when unknown. */
  coveredUntil: z.string().nullable(),
  /** expiring: ends within 60 days. */
  coverage: z.enum(FLEET_COVERAGE),
});
export type FleetUnit = z.infer<typeof FleetUnitSchema>;

export const FleetSchema = z.object({
  departments: z.array(Ref),
  units: z.array(FleetUnitSchema),
  totals: z.object({
    units: z.number().int(),
    openTickets: z.number().int(),
    repairs: z.number().int(),
    daysOutOfService: z.number().int(),
    coverageEndingSoon: z.number().int(),
  }),
});
export type Fleet = z.infer<typeof FleetSchema>;
