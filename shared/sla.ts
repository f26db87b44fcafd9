/**
 * SLA settings: targets per hospital service tier, the business hours the
 * clocks count in, and when a warning goes out. The server reads them from
 * the environment (SLA_TARGETS, SLA_BUSINESS_HOURS, SLA_BUSINESS_DAYS,
 * SLA_WARN_PERCENT) with these as defaults; the text formats are parsed
 * here so the settings and their messages live in one place.
 *
 * Business time is Asia/Shanghai wall time (UTC+8, no daylight saving).
 * Public holidays (春节, 国庆 …) and the make-up working days around them are
 * NOT modelled: a holiday that falls on a business day counts as a working
 * day (decision 008).
 */

/** Contract tiers of a hospital (the hospital record's `serviceTier`). */
export const SLA_TIERS = ['standard', 'premium'] as const;
export type SlaTier = (typeof SLA_TIERS)[number];

export const SLA_CLOCKS = ['response', 'resolution'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];

/** Business minutes allowed: to accept the ticket (response) and to resolve it (resolution). */
export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
}
export type SlaTargets = Record<SlaTier, SlaTarget>;

/** A working day's hours, as minutes after local midnight: [startMinute, endMinute). */
export interface BusinessHours {
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  standard: { responseMinutes: 4 * 60, resolutionMinutes: 72 * 60 },
  premium: { responseMinutes: 2 * 60, resolutionMinutes: 48 * 60 },
};
export const DEFAULT_SLA_TARGETS_TEXT = 'standard=4/72,premium=2/48';

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 };
export const DEFAULT_BUSINESS_HOURS_TEXT = '08:30-17:30';

/** ISO weekdays, 1 = Monday … 7 = Sunday. */
export const DEFAULT_BUSINESS_DAYS: readonly number[] = [1, 2, 3, 4, 5];
export const DEFAULT_BUSINESS_DAYS_TEXT = '1-5';

/** A warning goes out once this share of a target is used. */
export const DEFAULT_WARN_PERCENT = 80;

/** Asia/Shanghai has kept UTC+8 all year since 1991: a fixed offset is exact and needs no tz database. */
export const SHANGHAI_UTC_OFFSET_MINUTES = 8 * 60;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const HOURS_NUMBER = /^\d+(\.\d+)?$/;

/**
 * `standard=4/72,premium=2/48`: per tier, response/resolution in hours
 * (decimals allowed, e.g. `0.5`). Tiers left out keep their defaults.
 */
export function parseSlaTargets(text: string): Parsed<SlaTargets> {
  const targets: SlaTargets = { standard: { ...DEFAULT_SLA_TARGETS.standard }, premium: { ...DEFAULT_SLA_TARGETS.premium } };
  const seen = new Set<string>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)\s*=\s*([^/\s]+)\s*\/\s*(\S+)$/.exec(part);
    if (!match) return { ok: false, message: `"${part}" is not tier=response/resolution in hours (e.g. standard=4/72)` };
    const [, tier, response, resolution] = match as unknown as [string, string, string, string];
    if (!(SLA_TIERS as readonly string[]).includes(tier)) return { ok: false, message: `unknown tier "${tier}"; tiers are ${SLA_TIERS.join(', ')}` };
    if (seen.has(tier)) return { ok: false, message: `tier "${tier}" is given twice` };
    seen.add(tier);
    if (!HOURS_NUMBER.test(response) || !HOURS_NUMBER.test(resolution)) return { ok: false, message: `"${part}": hours must be positive numbers` };
    const responseMinutes = Math.round(Number(response) * 60);
    const resolutionMinutes = Math.round(Number(resolution) * 60);
    if (responseMinutes < 1 || resolutionMinutes < 1) return { ok: false, message: `"${part}": each target must be at least one minute` };
    if (responseMinutes > resolutionMinutes) return { ok: false, message: `"${part}": the response target cannot be longer than the resolution target` };
    targets[tier as SlaTier] = { responseMinutes, resolutionMinutes };
  }
  if (!seen.size) return { ok: false, message: 'must name at least one tier, e.g. standard=4/72,premium=2/48' };
  return { ok: true, value: targets };
}

/** `08:30-17:30`: one span per day, start before end (spans past midnight are not supported). */
export function parseBusinessHours(text: string): Parsed<BusinessHours> {
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return { ok: false, message: 'must be HH:MM-HH:MM, e.g. 08:30-17:30' };
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 === 24 && m2 !== 0)) return { ok: false, message: `"${text.trim()}" is not a valid time span` };
  const startMinute = h1 * 60 + m1;
  const endMinute = h2 * 60 + m2;
  if (endMinute <= startMinute) return { ok: false, message: 'must end after it starts on the same day (spans past midnight are not supported)' };
  return { ok: true, value: { startMinute, endMinute } };
}

/** `1-5`, `1-6` or `1,2,3,4,5,7`: ISO weekdays (1 = Monday … 7 = Sunday), ranges allowed. */
export function parseBusinessDays(text: string): Parsed<number[]> {
  const days = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([1-7])(?:\s*-\s*([1-7]))?$/.exec(part);
    if (!match) return { ok: false, message: `"${part}" is not an ISO weekday (1 = Monday … 7 = Sunday) or a range like 1-5` };
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    if (to < from) return { ok: false, message: `"${part}": a range runs from the smaller day to the larger` };
    for (let d = from; d <= to; d++) days.add(d);
  }
  if (!days.size) return { ok: false, message: 'must name at least one weekday, e.g. 1-5' };
  return { ok: true, value: [...days].sort((a, b) => a - b) };
}

/** `1 小时 5 分钟`, `45 分钟`: a span of business time as the notifications say it. */
export function formatMinutesZh(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (!hours) return `${rest} 分钟`;
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
}
