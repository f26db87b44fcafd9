import type { Env } from '../../config/env';

export type Dialect = Env['database']['dialect'];

/**
 * Asia/Shanghai calendar arithmetic inside SQL. Shanghai is UTC+8 all year
 * (no DST), so a Shanghai day is a plain "day number": whole days since
 * 1970-01-01 of the instant shifted by eight hours. The same number is what
 * `dashboard.period.ts` computes in JS, so SQL groups and JS buckets agree.
 *
 * How a datetime is stored differs per dialect: MikroORM keeps it as epoch
 * milliseconds (an integer) on SQLite, as `timestamptz` on PostgreSQL. Every
 * expression here takes a column (or derived column) name written by our own
 * code — never user input.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Shanghai day number of a datetime column. */
export function shanghaiDayExpr(dialect: Dialect, column: string): string {
  if (dialect === 'sqlite') {
    // Integer division of a positive integer is floor: no floor() needed (SQLite may lack math functions).
    return `((cast(${column} as integer) + ${OFFSET_MS}) / ${DAY_MS})`;
  }
  return `cast(floor((extract(epoch from ${column}) + ${OFFSET_MS / 1000}) / ${DAY_MS / 1000}) as integer)`;
}

/**
 * The first day number of the bucket holding the column's instant: the day
 * itself, or the Monday of its ISO week. Day 0 (1970-01-01) was a Thursday,
 * so `(day + 3) % 7` is 0 on Mondays.
 */
export function bucketExpr(dialect: Dialect, column: string, unit: 'day' | 'week'): string {
  const day = shanghaiDayExpr(dialect, column);
  return unit === 'day' ? day : `(${day} - ((${day} + 3) % 7))`;
}

/** Minutes from one datetime column to a later one, as a fractional number. */
export function minutesBetweenExpr(dialect: Dialect, earlier: string, later: string): string {
  if (dialect === 'sqlite') return `((cast(${later} as integer) - cast(${earlier} as integer)) / 60000.0)`;
  return `(extract(epoch from (${later} - ${earlier})) / 60.0)`;
}

/** A datetime as the driver hands it back: epoch milliseconds on SQLite (sometimes as text), a Date on PostgreSQL. */
export function readDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
  return new Date(String(value));
}

/** A count, sum or average as the driver hands it back (PostgreSQL returns bigint and numeric as text). */
export function readNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function readNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
