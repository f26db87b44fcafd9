import Database from 'better-sqlite3';
import pg from 'pg';
import type { PlanStep } from './plan-types';

/** Runs one request's statements on one connection; `run` gets each statement's rows in order. */
export interface Executor {
  request<T>(work: (exec: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]> | Record<string, unknown>[], control: (c: Extract<PlanStep, { control: string }>) => Promise<void> | void) => Promise<T>): Promise<T>;
}

const CONTROL_SQL: Record<string, (name?: string) => string> = {
  begin: () => 'BEGIN',
  commit: () => 'COMMIT',
  rollback: () => 'ROLLBACK',
  savepoint: (n) => `SAVEPOINT ${n ?? 'trx1'}`,
  release: (n) => `RELEASE SAVEPOINT ${n ?? 'trx1'}`,
  'rollback-to': (n) => `ROLLBACK TO SAVEPOINT ${n ?? 'trx1'}`,
};

/**
 * SQLite through better-sqlite3, as the server opens it (WAL, normal sync,
 * busy timeout), statements prepared once and reused. Synchronous, so a
 * request's statements (and its transaction) run without interleaving.
 */
export function sqliteExecutor(file: string): Executor {
  const db = new Database(file);
  db.pragma('journal_mode = wal');
  db.pragma('synchronous = normal');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    request: async (work) => {
      let open = false;
      try {
        return await work(
          (sql, params) => {
            const s = prepared(sql);
            if (s.reader) return s.all(...params) as Record<string, unknown>[];
            s.run(...params);
            return [];
          },
          (c) => {
            if (c.control === 'begin') open = true;
            if (c.control === 'commit' || c.control === 'rollback') open = false;
            db.exec(CONTROL_SQL[c.control]!(c.name));
          },
        );
      } catch (err) {
        if (open) db.exec('ROLLBACK');
        throw err;
      }
    },
  };
}

/** PostgreSQL through node-postgres: a pool as large as the server's (knex default, 10); one connection per request. */
export function pgExecutor(url: string): Executor {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    request: async (work) => {
      const client = await pool.connect();
      let open = false;
      try {
        return await work(
          async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[],
          async (c) => {
            if (c.control === 'begin') open = true;
            if (c.control === 'commit' || c.control === 'rollback') open = false;
            await client.query(CONTROL_SQL[c.control]!(c.name));
          },
        );
      } catch (err) {
        if (open) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}
