/**
 * Days out of service of one unit: pure, so the rule can be tested on its
 * own. Asia/Shanghai is UTC+8 all year (no DST), so a Shanghai calendar day
 * is a day number: whole days since 1970-01-01 of the instant plus eight hours.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export const FLEET_WINDOW_DAYS = 365;

/** A ticket's time open: from submission to its resolution, or `null` while it is still open. */
export interface OpenInterval {
  start: Date;
  end: Date | null;
}

export function shanghaiDay(at: Date): number {
  return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}

/** The instant the window of the last `days` Shanghai days (today the last of them) begins. */
export function windowStart(now: Date, days = FLEET_WINDOW_DAYS): Date {
  return new Date((shanghaiDay(now) - days + 1) * DAY_MS - OFFSET_MS);
}

/**
 * How many Shanghai calendar days of the last `days` (today included) the
 * unit had a ticket open at some moment: each interval is turned into the
 * days it touches (both ends included — a ticket open from 23:50 to 00:10
 * touches two days), clipped to the window, and overlapping or adjacent
 * runs are merged so a day with two open tickets counts once. An open
 * ticket runs until now. A ticket that ends before it starts (clock skew)
 * touches its first day only.
 */
export function daysOutOfService(intervals: readonly OpenInterval[], now: Date, days = FLEET_WINDOW_DAYS): number {
  const today = shanghaiDay(now);
  const first = today - days + 1;
  const runs: [number, number][] = [];
  for (const interval of intervals) {
    const from = shanghaiDay(interval.start);
    const to = Math.max(from, shanghaiDay(interval.end ?? now));
    const lo = Math.max(from, first);
    const hi = Math.min(to, today);
    if (lo <= hi) runs.push([lo, hi]);
  }
  runs.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const run of runs) {
    if (current && run[0] <= current[1] + 1) {
      current[1] = Math.max(current[1], run[1]);
    } else {
      if (current) total += current[1] - current[0] + 1;
      current = [run[0], run[1]];
    }
  }
  if (current) total += current[1] - current[0] + 1;
  return total;
}
