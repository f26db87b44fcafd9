import { Utils, type MikroORM } from '@mikro-orm/core';
import { parseEnv } from '../../server/src/config/env';
import { createLogger } from '../../server/src/core/logger';
import { startServer } from '../../server/src/server';
import type { Target } from '../dataset/meta';
import { AUTH_PROBE, type BenchRequest, type HotPath } from './paths';
import { serverEnv } from './server-env';

/** A statement as the ORM ran it: SQL with `?` placeholders, its parameters, and the rows it returned. */
export interface Executed {
  sql: string;
  params: unknown[];
  method: string;
  rows: Record<string, unknown>[];
}
export interface Control {
  control: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollback-to';
  name?: string;
}
export type Item = Executed | Control;

/** One captured request: what was sent, when, and every statement it ran. */
export interface Captured {
  request: BenchRequest;
  idempotencyKey?: string;
  startedAt: number;
  endedAt: number;
  status: number;
  items: Item[];
}

export interface PathCapture {
  path: HotPath;
  /** Authentication alone: the same user calling a route its role may not use (403). */
  auth: Captured;
  /** Two requests of the path in steady state; parameters that differ between them are per-request values. */
  a: Captured;
  b: Captured;
}

type Conn = {
  execute: (query: unknown, params?: unknown[], method?: string, ...rest: unknown[]) => Promise<unknown>;
  begin: (options?: { ctx?: unknown }) => Promise<unknown>;
  commit: (ctx: object, ...rest: unknown[]) => Promise<void>;
  rollback: (ctx: object, ...rest: unknown[]) => Promise<void>;
};

/**
 * Wraps the ORM connection's execute/begin/commit/rollback so every statement
 * of a request is recorded in the order it was issued (MikroORM sends all
 * SQL through them; knex builders are turned into SQL + bindings here).
 */
function recorder(orm: MikroORM) {
  const conn = orm.em.getConnection() as unknown as Conn;
  const original = { execute: conn.execute.bind(conn), begin: conn.begin.bind(conn), commit: conn.commit.bind(conn), rollback: conn.rollback.bind(conn) };
  let log: Item[] | null = null;
  conn.execute = async (query: unknown, params: unknown[] = [], method = 'all', ...rest: unknown[]) => {
    let sql = query as string;
    let bound = params;
    if (query && typeof query === 'object') {
      const s = (query as { toSQL(): { sql: string; bindings?: unknown[] } }).toSQL();
      sql = s.sql;
      bound = s.bindings ?? [];
    }
    const item: Executed = { ...normalize(sql, bound), method: String(method), rows: [] };
    log?.push(item);
    const result = await original.execute(query, params, method, ...rest);
    item.rows = rowsOf(result);
    return result;
  };
  conn.begin = async (options) => {
    log?.push({ control: options?.ctx ? 'savepoint' : 'begin' });
    return original.begin(options);
  };
  conn.commit = async (ctx, ...rest) => {
    log?.push({ control: 'savepointName' in ctx ? 'release' : 'commit' });
    return original.commit(ctx, ...rest);
  };
  conn.rollback = async (ctx, ...rest) => {
    log?.push({ control: 'savepointName' in ctx ? 'rollback-to' : 'rollback' });
    return original.rollback(ctx, ...rest);
  };
  return {
    start: () => (log = []),
    stop: (): Item[] => {
      const out = log ?? [];
      log = null;
      return out;
    },
  };
}

/**
 * The statement as the database receives it once MikroORM has formatted it,
 * but with values still as parameters: raw fragments (`raw('balance + ?', [d])`)
 * and arrays are spliced into the SQL, objects become JSON text, `??`
 * identifiers are quoted in place.
 */
function normalize(sql: string, params: readonly unknown[]): { sql: string; params: unknown[] } {
  const out: unknown[] = [];
  let k = 0;
  const text = sql.replace(/\?\??/g, (m) => {
    const v = params[k++];
    if (m === '??') return `"${String(v).replace(/"/g, '""')}"`;
    if (Utils.isRawSql(v)) {
      const inner = normalize(v.sql, (v.params ?? []) as unknown[]);
      out.push(...inner.params);
      return inner.sql;
    }
    if (Array.isArray(v)) {
      out.push(...v);
      return v.map(() => '?').join(', ');
    }
    out.push(v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v);
    return '?';
  });
  return { sql: text, params: out };
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (result && typeof result === 'object') {
    const r = result as { rows?: unknown; row?: unknown };
    if (Array.isArray(r.rows)) return r.rows as Record<string, unknown>[];
    if (r.row && typeof r.row === 'object') return [r.row as Record<string, unknown>];
    if (!('affectedRows' in r)) return [result as Record<string, unknown>];
  }
  return [];
}

/**
 * Runs our server in this process (same code and environment as the bench
 * child, background work off so nothing else queries), and records the SQL
 * of each hot path: a warm-up request, then two recorded ones, plus the
 * authentication-only probe for the same user.
 */
export async function capturePaths(t: Target, paths: HotPath[], idempotencyKey: () => string): Promise<PathCapture[]> {
  const env = parseEnv(serverEnv(t, 0));
  const running = await startServer({ ...env, LOG_LEVEL: 'silent' }, createLogger({ level: 'silent' }), { background: { outbox: false, jobs: false } });
  const rec = recorder(running.orm);
  const send = async (req: BenchRequest): Promise<Captured> => {
    const key = req.idempotent ? idempotencyKey() : undefined;
    const headers: Record<string, string> = { authorization: `Bearer ${req.user.token}` };
    if (key) headers['idempotency-key'] = key;
    if (req.body) headers['content-type'] = 'application/json';
    rec.start();
    const startedAt = Date.now();
    const res = await fetch(running.url + req.path, { method: req.method, headers, body: req.body ? JSON.stringify(req.body) : undefined });
    await res.arrayBuffer();
    const endedAt = Date.now();
    return { request: req, idempotencyKey: key, startedAt, endedAt, status: res.status, items: rec.stop() };
  };
  try {
    const out: PathCapture[] = [];
    for (const path of paths) {
      const first = path.request(0);
      await send(first);
      await send(path.request(1));
      const auth = await send({ method: 'GET', path: AUTH_PROBE, user: first.user, crowdIndex: first.crowdIndex });
      const a = await send(path.request(2));
      const b = await send(path.request(2 + (first.crowdIndex === undefined ? 1 : 0)));
      if (a.status !== path.status || b.status !== path.status) throw new Error(`${path.label}: our server answered ${a.status}/${b.status} during capture (expected ${path.status})`);
      if (auth.status !== 403) throw new Error(`the authentication probe answered ${auth.status} (expected 403)`);
      out.push({ path, auth, a, b });
    }
    return out;
  } finally {
    await running.close();
  }
}
