import { randomBytes } from 'node:crypto';

/** The UTC minute, `2026-11-22T09:15`: a job scheduled every minute runs once per value. */
export function minutePeriod(now: Date): string {
  return now.toISOString().slice(0, 16);
}

/** A period no schedule ever produces, unique per call: a manual run always runs. */
export function manualPeriod(now: Date): string {
  return `manual:${now.toISOString()}#${randomBytes(4).toString('hex')}`;
}

/**
 * The night a nightly job covers: the Asia/Shanghai date of `now` less three
 * hours, so the run falls at 03:00 Beijing time, when hospitals are quiet.
 */
export function nightlyPeriod(now: Date): string {
  return `night:${new Date(now.getTime() + (8 - 3) * 3600_000).toISOString().slice(0, 10)}`;
}
