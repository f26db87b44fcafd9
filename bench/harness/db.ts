import Database from 'better-sqlite3';
import pg from 'pg';
import type { Target } from '../dataset/meta';

/** A small direct connection for the harness's own look-ups (cursors, session refresh): not part of any measurement. */
export interface HarnessDb {
  /** `?` placeholders; Date parameters are converted for the dialect. */
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** A timestamp as this dialect stores it. */
  time(d: Date): unknown;
  close(): Promise<void>;
}

export async function openDb(t: Target): Promise<HarnessDb> {
  if (t.dialect === 'sqlite') {
    const db = new Database(t.location);
    db.pragma('busy_timeout = 5000');
    return {
      all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
      run: async (sql, params = []) => void db.prepare(sql).run(...params),
      time: (d) => d.getTime(),
      close: async () => void db.close(),
    };
  }
  const c = new pg.Client({ connectionString: t.location });
  await c.connect();
  let n = 0;
  const numbered = (sql: string) => sql.replace(/\?/g, () => `$${++n}`);
  return {
    all: async <T>(sql: string, params: unknown[] = []) => ((n = 0), (await c.query(numbered(sql), params)).rows as T[]),
    run: async (sql, params = []) => void ((n = 0), await c.query(numbered(sql), params)),
    time: (d) => d,
    close: async () => c.end(),
  };
}
