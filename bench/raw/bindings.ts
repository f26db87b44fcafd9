import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { FieldCipher } from '../../server/src/core/pii/field-cipher';
import type { Binding, Profile } from './plan-types';

/** What one request provides to its parameters. */
export interface RequestValues {
  now: number;
  url: URL;
  segments: string[];
  body: Record<string, unknown> | undefined;
  user: Profile;
  idempotencyKey: string | undefined;
  results: Record<string, unknown>[][];
  slots: Map<string, string>;
  cipher: FieldCipher;
  sqlite: boolean;
}

/** A parameter's value for this request (see plan-types.ts for what each kind means). */
export function valueOf(b: Binding, r: RequestValues): unknown {
  switch (b.k) {
    case 'const':
      return b.date ? new Date(b.v as number) : b.v;
    case 'url':
      return b.seg !== undefined ? r.segments[b.seg] : r.url.searchParams.get(b.q!);
    case 'body':
      return b.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r.body);
    case 'user':
      return r.user[b.field as keyof Profile] ?? null;
    case 'idempotency-key':
      return r.idempotencyKey ?? null;
    case 'now':
      return b.as === 'date' ? new Date(r.now + b.offset) : r.now + b.offset;
    case 'fresh': {
      let id = r.slots.get(b.slot);
      if (!id) r.slots.set(b.slot, (id = uuidv7()));
      return id;
    }
    case 'result': {
      const cell = r.results[b.stmt]?.[b.row]?.[b.col];
      return b.number ? Number(cell) : cell;
    }
    case 'template':
      return b.parts.map((p) => (typeof p === 'string' ? p : 'pad' in p ? String(valueOf(p.of, r)).padStart(p.pad, '0') : String(valueOf(p, r)))).join('');
    case 'random': {
      let s = r.slots.get(b.slot);
      if (!s) {
        s = b.prefix;
        for (let i = 0; i < b.length; i++) s += b.alphabet[randomInt(b.alphabet.length)];
        r.slots.set(b.slot, s);
      }
      return s;
    }
    case 'seal':
      return r.cipher.seal({ table: b.table, column: b.column, id: String(valueOf(b.id, r)) }, b.plain);
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
export function forSqlite(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) return null;
  return v;
}
