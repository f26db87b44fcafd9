import { ValidationError } from '../../core/errors';

/**
 * Keyset cursors for the directory lists. The cursor carries the sort it was
 * made for, so one from another sort or direction is refused instead of
 * silently skipping rows; the value goes last, unescaped, because it is the
 * only part that may contain the separator.
 */
export interface KeysetPosition {
  value: string | number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(sort: string, dir: 'asc' | 'desc', position: KeysetPosition): string {
  const kind = typeof position.value === 'number' ? 'n' : 's';
  return Buffer.from(`${sort}|${dir}|${position.id}|${kind}${position.value}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, dir: 'asc' | 'desc'): KeysetPosition {
  const invalid = new ValidationError([{ path: 'cursor', message: '分页参数无效，请刷新列表' }]);
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const parts = text.split('|');
  if (parts.length < 4) throw invalid;
  const [s, d, id] = parts as [string, string, string];
  const raw = parts.slice(3).join('|');
  if (s !== sort || d !== dir || !UUID.test(id)) throw invalid;
  if (raw.startsWith('n')) {
    const value = Number(raw.slice(1));
    if (!Number.isFinite(value)) throw invalid;
    return { value, id };
  }
  if (!raw.startsWith('s')) throw invalid;
  return { value: raw.slice(1), id };
}

/**
 * `(expr, id)` strictly after the position in the given direction, as SQL
 * both dialects read the same way. `expr` is SQL written by us, never input.
 */
export function afterPosition(expr: string, idColumn: string, dir: 'asc' | 'desc', position: { value: unknown; id: string }): { sql: string; bindings: unknown[] } {
  const op = dir === 'asc' ? '>' : '<';
  return {
    sql: `(${expr} ${op} ? or (${expr} = ? and ${idColumn} ${op} ?))`,
    bindings: [position.value, position.value, position.id],
  };
}

/** The page and the cursor to the next one, from `limit + 1` rows. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length ? cursorOf(items[items.length - 1]!) : null };
}
