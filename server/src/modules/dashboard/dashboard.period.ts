import { ValidationError } from '../../core/errors';

/** Asia/Shanghai is UTC+8 all year (no DST), so its calendar days are fixed offsets from UTC. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** Up to this many days the trends go by day, beyond it by ISO week. */
export const MAX_DAILY_BUCKETS = 31;

export type BucketUnit = 'day' | 'week';

/**
 * The dashboard's period: Shanghai calendar dates, both ends included, as
 * the UTC instants [from 00:00+08:00, to + 1 day 00:00+08:00), and the
 * trend buckets as day numbers (see shanghai-sql.ts).
 */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
  unit: BucketUnit;
  /** First day number of every bucket, in order, including empty ones. */
  buckets: number[];
}

/** The day number of a calendar date `YYYY-MM-DD` (days since 1970-01-01). */
export function dayNumberOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The calendar date `YYYY-MM-DD` of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Shanghai day number of an instant. */
export function shanghaiDayNumber(at: Date): number {
  return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}

/** The instant a Shanghai day (by number) begins. */
export function shanghaiDayStartOf(day: number): Date {
  return new Date(day * DAY_MS - OFFSET_MS);
}

/** The Monday of the ISO week holding a day number (day 0 was a Thursday). */
export function mondayOf(day: number): number {
  return day - (((day + 3) % 7) + 7) % 7;
}

/** A date the schema's pattern lets through but the calendar does not have (2026-02-30) is refused, not rolled over. */
function calendarDay(date: string, field: 'from' | 'to'): number {
  const day = dayNumberOf(date);
  if (!Number.isFinite(day) || dateOfDayNumber(day) !== date) {
    throw new ValidationError([{ path: `query.${field}`, message: '日期无效' }]);
  }
  return day;
}

export function periodOf(from: string, to: string): Period {
  const fromDay = calendarDay(from, 'from');
  const toDay = calendarDay(to, 'to');
  const unit: BucketUnit = toDay - fromDay + 1 <= MAX_DAILY_BUCKETS ? 'day' : 'week';
  const buckets: number[] = [];
  if (unit === 'day') for (let d = fromDay; d <= toDay; d += 1) buckets.push(d);
  else for (let d = mondayOf(fromDay); d <= toDay; d += 7) buckets.push(d);
  return { from, to, start: shanghaiDayStartOf(fromDay), end: shanghaiDayStartOf(toDay + 1), unit, buckets };
}
