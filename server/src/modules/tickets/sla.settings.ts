import { SHANGHAI_UTC_OFFSET_MINUTES, type SlaTarget, type SlaTargets, type SlaTier } from '../../../../shared/sla';
import type { Env } from '../../config/env';
import type { SERVICE_TIERS } from '../hospitals/hospital.entity';
import type { BusinessCalendar } from './sla.clock';

// The hospital's tiers and the SLA's tiers are the same list; this fails to compile if they drift apart.
type SameTiers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const tiersMatch: SameTiers<(typeof SERVICE_TIERS)[number], SlaTier> = true;
void tiersMatch;

export interface SlaSettings {
  targets: SlaTargets;
  calendar: BusinessCalendar;
  warnPercent: number;
}

/** The SLA settings from the (already validated) environment. */
export function slaSettings(env: Pick<Env, 'SLA_TARGETS' | 'SLA_BUSINESS_HOURS' | 'SLA_BUSINESS_DAYS' | 'SLA_WARN_PERCENT'>): SlaSettings {
  return {
    targets: env.SLA_TARGETS,
    calendar: { hours: env.SLA_BUSINESS_HOURS, days: env.SLA_BUSINESS_DAYS, utcOffsetMinutes: SHANGHAI_UTC_OFFSET_MINUTES },
    warnPercent: env.SLA_WARN_PERCENT,
  };
}

/** A tier the settings do not know (a row from before a tier was removed) is held to the standard targets. */
export function targetFor(settings: SlaSettings, tier: string): SlaTarget {
  return settings.targets[tier as SlaTier] ?? settings.targets.standard;
}
