/**
 * Plain rows come back differently per driver: SQLite (better-sqlite3)
 * hands back datetimes as epoch milliseconds (sometimes as text), JSON as
 * text and booleans as 0/1; PostgreSQL (pg) gives Dates, parsed JSON and
 * booleans. Hot reads that skip entity hydration convert with these.
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
  return new Date(String(value));
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

export function toJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
