import type { FLEET_COVERAGE, FleetQuerySchema, FleetUnit } from '../../../../shared/schemas/fleet.schema';
import type { z } from 'zod';

/** Coverage ending within this many days is flagged as expiring. */
export const EXPIRING_WITHIN_DAYS = 60;

type Coverage = (typeof FLEET_COVERAGE)[number];
type Sort = z.infer<typeof FleetQuerySchema>['sort'];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Coverage on `today` (a Shanghai date): `coveredUntil` is the last covered
 * day, so a unit is still covered on that day; expiring when that day is at
 * most 60 days away. Dates compare as text (YYYY-MM-DD).
 */
export function coverageOf(coveredUntil: string | null, today: string): Coverage {
  if (!coveredUntil) return 'unknown';
  if (coveredUntil < today) return 'expired';
  if (coveredUntil <= addDays(today, EXPIRING_WITHIN_DAYS)) return 'expiring';
  return 'covered';
}

const bySerial = (a: FleetUnit, b: FleetUnit) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0);

/**
 * The orders the view offers. The worst first where it is a measure (days
 * out, repairs), the soonest end first for coverage (unknown last); serial
 * breaks every tie so the order is stable.
 */
const ORDERS: Record<Sort, (a: FleetUnit, b: FleetUnit) => number> = {
  outOfService: (a, b) => b.daysOutOfService - a.daysOutOfService || b.repairCount - a.repairCount || bySerial(a, b),
  repairs: (a, b) => b.repairCount - a.repairCount || b.daysOutOfService - a.daysOutOfService || bySerial(a, b),
  coveredUntil: (a, b) => {
    if (a.coveredUntil !== b.coveredUntil) {
      if (a.coveredUntil === null) return 1;
      if (b.coveredUntil === null) return -1;
      return a.coveredUntil < b.coveredUntil ? -1 : 1;
    }
    return bySerial(a, b);
  },
  serial: bySerial,
};

export function sortUnits(units: FleetUnit[], sort: Sort): FleetUnit[] {
  return [...units].sort(ORDERS[sort]);
}
