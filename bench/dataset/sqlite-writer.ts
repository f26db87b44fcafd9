import Database from 'better-sqlite3';
import type { Row, Sink, Value } from './sink';

const MAX_PARAMS = 30_000;
const COMMIT_EVERY = 250_000;

/**
 * Bulk load into SQLite with the project's driver: multi-row prepared INSERTs
 * inside large transactions, journal off while loading (the file is rebuilt
 * from scratch if a load fails), secondary indexes dropped first and created
 * again afterwards with the migrations' own definitions.
 */
export class SqliteWriter implements Sink {
  private readonly db: Database.Database;
  private readonly buffers = new Map<string, Row[]>();
  private readonly columns = new Map<string, string[]>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly counts = new Map<string, number>();
  private sinceCommit = 0;
  private indexes: { name: string; sql: string }[] = [];

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = off');
    this.db.pragma('synchronous = off');
    this.db.pragma('foreign_keys = off');
    this.db.pragma('cache_size = -1000000');
    this.db.pragma('temp_store = memory');
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  get(sql: string): unknown {
    return this.db.prepare(sql).get();
  }

  /** Drops every secondary index of the tables about to be loaded; `finish` recreates them. */
  begin(): void {
    this.indexes = this.db
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name not in ('mikro_orm_migrations', 'bench_meta')`)
      .all() as { name: string; sql: string }[];
    for (const i of this.indexes) this.db.exec(`drop index "${i.name}"`);
    this.db.exec('begin');
  }

  add(table: string, row: Row): void {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      this.buffers.set(table, (buffer = []));
      this.columns.set(table, Object.keys(row));
    }
    buffer.push(row);
    if (buffer.length >= this.batchSize(table)) this.flush(table);
  }

  async drain(): Promise<void> {}

  count(table: string): number {
    return this.counts.get(table) ?? 0;
  }

  private batchSize(table: string): number {
    return Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / this.columns.get(table)!.length)));
  }

  private flush(table: string): void {
    const rows = this.buffers.get(table);
    if (!rows?.length) return;
    const cols = this.columns.get(table)!;
    const key = `${table}:${rows.length}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const tuple = `(${cols.map(() => '?').join(', ')})`;
      stmt = this.db.prepare(`insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values ${Array(rows.length).fill(tuple).join(', ')}`);
      this.statements.set(key, stmt);
    }
    const params: Value[] = [];
    for (const r of rows) for (const c of cols) params.push(toSqlite(r[c] ?? null));
    stmt.run(params);
    this.counts.set(table, (this.counts.get(table) ?? 0) + rows.length);
    this.buffers.set(table, []);
    this.sinceCommit += rows.length;
    if (this.sinceCommit >= COMMIT_EVERY) {
      this.db.exec('commit; begin');
      this.sinceCommit = 0;
    }
  }

  /** Writes what is buffered, commits, rebuilds the indexes, and switches the file to WAL as the server runs it. */
  finish(onIndex: (name: string) => void): void {
    for (const table of this.buffers.keys()) this.flush(table);
    this.db.exec('commit');
    for (const i of this.indexes) {
      onIndex(i.name);
      this.db.exec(i.sql);
    }
    this.db.pragma('journal_mode = wal');
  }

  close(): void {
    this.db.close();
  }
}

function toSqlite(v: Value): string | number | null {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
