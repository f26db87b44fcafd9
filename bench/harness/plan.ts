import type { FieldCipher } from '../../server/src/core/pii/field-cipher';
import type { Binding, Plan, PlanStep, Profile } from '../raw/plan-types';
import type { Captured, Executed, Item, PathCapture } from './capture';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEALED = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const isExec = (i: Item): i is Executed => 'sql' in i;

/**
 * Turns two captured requests of a hot path into a replay plan for the raw
 * baseline. Statements count from the end of authentication: the probe's
 * statements (same user, a route its role may not use) are removed from the
 * front of the request's, so the raw server replays the data statements
 * only, and the ratio measures framework + authentication overhead.
 *
 * Each parameter is explained, first match wins: the Idempotency-Key; a
 * value from the URL or body; the user's own ids; a UUID minted earlier in
 * the request; a cell of an earlier statement's result (a row locked and
 * read back, a counter); a timestamp (the request's clock plus the captured
 * offset); a UUID minted in the request (fresh per replay); a sealed
 * personal field (sealed again for the new row); a string with such pieces
 * inside (keys like `order:<uuid>`, ticket numbers); a random tail (order
 * numbers). Anything else is replayed as captured.
 */
export function compilePlan(c: PathCapture, dialect: 'sqlite' | 'postgresql', cipher: FieldCipher, profile: Profile): Plan {
  const a = stripAuth(c.a.items, c.auth.items);
  const b = stripAuth(c.b.items, c.auth.items);
  const aligned = a.kept.length === b.kept.length && a.kept.every((x, i) => sameItem(x, b.kept[i]!));
  const notes: string[] = [];
  if (a.removed < c.auth.items.filter(isExec).length) notes.push('authentication statements were not all found at the start of the request');
  if (!aligned) notes.push('the two captured requests ran different statements: per-request values guessed from one');
  const ctx: Ctx = { cap: c.a, profile, fresh: new Map(), randoms: new Map(), items: a.kept, bItems: aligned ? b.kept : null, cipher, dialect, notes };
  const steps: PlanStep[] = a.kept.map((item, i) => {
    if (!isExec(item)) return { control: item.control, name: item.name };
    const other = ctx.bItems?.[i] as Executed | undefined;
    const params = item.params.map((v, j) => bind(ctx, i, item, j, v, other?.params[j], aligned));
    return { sql: dialect === 'postgresql' ? numbered(item.sql, item.params) : item.sql, params, reader: item.method !== 'run' || /\breturning\b/i.test(item.sql) };
  });
  return {
    key: c.path.key,
    status: c.path.status,
    steps,
    total: c.a.items.filter(isExec).length,
    replayed: a.kept.filter(isExec).length,
    notes,
  };
}

interface Ctx {
  cap: Captured;
  profile: Profile;
  fresh: Map<string, string>;
  randoms: Map<string, Binding>;
  items: Item[];
  bItems: Item[] | null;
  cipher: FieldCipher;
  dialect: 'sqlite' | 'postgresql';
  notes: string[];
}

function stripAuth(items: Item[], auth: Item[]): { kept: Item[]; removed: number } {
  let k = 0;
  const kept: Item[] = [];
  for (const item of items) {
    if (k < auth.length && sameItem(item, auth[k]!)) k++;
    else kept.push(item);
  }
  return { kept, removed: auth.slice(0, k).filter(isExec).length };
}

function sameItem(x: Item, y: Item): boolean {
  if (isExec(x) !== isExec(y)) return false;
  return isExec(x) ? x.sql === (y as Executed).sql : x.control === (y as { control: string }).control;
}

function same(x: unknown, y: unknown): boolean {
  if (x instanceof Date || y instanceof Date) return toMs(x) === toMs(y);
  if (x === null || y === null || typeof x === 'object' || typeof y === 'object') return x === y;
  return String(x) === String(y);
}

const toMs = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN);
const isEpochMs = (v: unknown): v is number => typeof v === 'number' && v > 1.5e12 && v < 4e12;
const uuidMs = (u: string) => parseInt(u.replace(/-/g, '').slice(0, 12), 16);

function bind(ctx: Ctx, stmt: number, item: Executed, j: number, v: unknown, vb: unknown, aligned: boolean): Binding {
  const varying = aligned && !same(v, vb);
  if (v === null || v === undefined || typeof v === 'boolean') return { k: 'const', v: v ?? null };
  const known = knownValue(ctx, v);
  if (known) return known;
  const fromResult = resultCell(ctx, stmt, v, vb, varying);
  if (fromResult) return fromResult;
  if (v instanceof Date || isEpochMs(v)) {
    // SQLite gets epoch milliseconds either way (MikroORM formats a Date as its number there).
    const asDate = ctx.dialect === 'postgresql' && v instanceof Date;
    if (aligned && !varying) return { k: 'const', v: toMs(v), date: asDate };
    return { k: 'now', offset: toMs(v) - ctx.cap.startedAt, as: asDate ? 'date' : 'ms' };
  }
  if (typeof v !== 'string') {
    if (varying) ctx.notes.push(`statement ${stmt + 1}: parameter ${j + 1} (${String(v)}) varies and is replayed as captured`);
    return { k: 'const', v };
  }
  if (UUID_ONLY.test(v) && (varying || minted(ctx, v))) return freshSlot(ctx, v);
  if (SEALED.test(v)) return seal(ctx, stmt, item, j, v) ?? { k: 'const', v };
  if (varying || !aligned) {
    const t = template(ctx, stmt, v);
    if (t) return t;
  }
  if (varying) return random(ctx, v, String(vb));
  return { k: 'const', v };
}

/** The request's own values: Idempotency-Key, URL, body, the user's ids, and UUIDs minted earlier in it. */
function knownValue(ctx: Ctx, v: unknown): Binding | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v);
  if (ctx.cap.idempotencyKey && s === ctx.cap.idempotencyKey) return { k: 'idempotency-key' };
  if (ctx.fresh.has(s)) return { k: 'fresh', slot: ctx.fresh.get(s)! };
  if (s.length >= 8) {
    const url = new URL(ctx.cap.request.path, 'http://x');
    const segs = url.pathname.split('/');
    const seg = segs.indexOf(s);
    if (seg >= 0) return { k: 'url', seg };
    for (const [q, value] of url.searchParams) if (value === s) return { k: 'url', q };
    for (const [path, value] of leaves(ctx.cap.request.body ?? {})) if (String(value) === s) return { k: 'body', path };
    for (const field of ['id', 'hospitalId', 'departmentId', 'addressId'] as const) if (ctx.profile[field] === s) return { k: 'user', field };
  }
  return null;
}

/** A cell of an earlier statement's rows holding this value (and, when the second capture lines up, its value there too). */
function resultCell(ctx: Ctx, stmt: number, v: unknown, vb: unknown, varying: boolean): Binding | null {
  const useful = (typeof v === 'string' && v.length >= 8) || (typeof v === 'number' && varying && Math.abs(v) >= 2 && !isEpochMs(v));
  if (!useful) return null;
  for (let i = stmt - 1; i >= 0; i--) {
    const item = ctx.items[i]!;
    if (!isExec(item)) continue;
    for (const [r, row] of item.rows.entries()) {
      for (const [col, cell] of Object.entries(row)) {
        if (cell === null || typeof cell === 'object' || !same(cell, v)) continue;
        const other = ctx.bItems?.[i];
        if (other && isExec(other) && vb !== undefined && !same(other.rows[r]?.[col], vb)) continue;
        return { k: 'result', stmt: i, row: r, col, number: typeof v === 'number' };
      }
    }
  }
  return null;
}

/** A UUIDv7 whose time falls inside the captured request: minted by it. */
function minted(ctx: Ctx, v: string): boolean {
  const ms = uuidMs(v);
  return v[14] === '7' && ms >= ctx.cap.startedAt - 5000 && ms <= ctx.cap.endedAt + 5000;
}

function freshSlot(ctx: Ctx, v: string): Binding {
  if (!ctx.fresh.has(v)) ctx.fresh.set(v, `u${ctx.fresh.size}`);
  return { k: 'fresh', slot: ctx.fresh.get(v)! };
}

/** A sealed personal field: opened with the bench keys to find its table, column and row, sealed again per request. */
function seal(ctx: Ctx, stmt: number, item: Executed, j: number, v: string): Binding | null {
  const table = /^\s*(?:insert\s+into|update)\s+[`"]?(\w+)[`"]?/i.exec(item.sql)?.[1];
  if (!table) return null;
  const columns = [...item.sql.matchAll(/[`"]?(\w*sealed\w*)[`"]?/gi)].map((m) => m[1]!);
  const ids = item.params.map((p, k) => [p, k] as const).filter(([p]) => typeof p === 'string' && UUID_ONLY.test(p));
  for (const col of new Set(columns)) {
    for (const column of new Set([col.replace(/_sealed$/, ''), col])) {
      for (const [id, k] of ids) {
        try {
          const plain = ctx.cipher.open({ table, column, id: id as string }, v);
          const idBinding = bind(ctx, stmt, item, k, id, undefined, false);
          return { k: 'seal', table, column, id: idBinding, plain };
        } catch {
          /* not this one */
        }
      }
    }
  }
  ctx.notes.push(`statement ${stmt + 1}: a sealed value could not be opened and is replayed as captured`);
  return null;
}

/** A string with known pieces inside: UUIDs (minted or the request's own), or a counter read earlier (zero-padded). */
function template(ctx: Ctx, stmt: number, v: string): Binding | null {
  const parts: (string | Binding | { pad: number; of: Binding })[] = [];
  let last = 0;
  let found = false;
  for (const m of v.matchAll(UUID)) {
    const u = m[0];
    const b = knownValue(ctx, u) ?? (minted(ctx, u) ? freshSlot(ctx, u) : null);
    if (!b) continue;
    parts.push(v.slice(last, m.index), b);
    last = m.index! + u.length;
    found = true;
  }
  if (found) {
    parts.push(v.slice(last));
    return { k: 'template', parts: parts.filter((p) => p !== '') };
  }
  // A number from an earlier result at the end of the string: R20261122-0042 after `returning last` = 42.
  for (let i = stmt - 1; i >= 0; i--) {
    const item = ctx.items[i]!;
    if (!isExec(item)) continue;
    for (const [r, row] of item.rows.entries()) {
      for (const [col, cell] of Object.entries(row)) {
        if (typeof cell !== 'number' && !(typeof cell === 'string' && /^\d+$/.test(cell))) continue;
        const digits = String(cell);
        const m = /(\d+)$/.exec(v);
        if (!m || Number(m[1]) !== Number(digits)) continue;
        return { k: 'template', parts: [v.slice(0, m.index), { pad: m[1]!.length, of: { k: 'result', stmt: i, row: r, col, number: true } }] };
      }
    }
  }
  return null;
}

function random(ctx: Ctx, v: string, vb: string): Binding {
  const existing = ctx.randoms.get(v);
  if (existing) return existing;
  let p = 0;
  while (p < v.length && v[p] === vb[p]) p++;
  const tail = v.slice(p);
  const alphabet = /^\d+$/.test(tail) ? '0123456789' : /^[0-9A-Z]+$/.test(tail) ? '0123456789ABCDEFGHJKMNPQRSTVWXYZ' : 'abcdefghijklmnopqrstuvwxyz0123456789';
  const b: Binding = { k: 'random', prefix: v.slice(0, p), length: tail.length, alphabet, slot: `r${ctx.randoms.size}` };
  ctx.randoms.set(v, b);
  return b;
}

function leaves(obj: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}

/** `?` placeholders to `$1…` for node-postgres (outside quoted strings and identifiers). */
function numbered(sql: string, params: unknown[]): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else out += ch;
  }
  if (n !== params.length) throw new Error(`placeholder count ${n} ≠ ${params.length} parameters in: ${sql.slice(0, 200)}`);
  return out;
}
