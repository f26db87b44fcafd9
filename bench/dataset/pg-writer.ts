import pg from 'pg';
import type { Row, Sink, Value } from './sink';

const MAX_PARAMS = 60_000;

/**
 * Bulk load into PostgreSQL with the project's driver: multi-row INSERTs with
 * bound parameters on two connections (so generating the next batch overlaps
 * the database writing this one), foreign-key triggers off for the load
 * session (`session_replication_role = replica`), secondary indexes dropped
 * first and rebuilt afterwards from their own definitions; then VACUUM ANALYZE.
 */
export class PgWriter implements Sink {
  private readonly clients: pg.Client[];
  private readonly chains: Promise<void>[];
  private readonly buffers = new Map<string, Row[]>();
  private readonly columns = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();
  private next = 0;
  private failure: unknown;
  private indexes: { name: string; def: string }[] = [];

  constructor(private readonly url: string) {
    this.clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    this.chains = this.clients.map(() => Promise.resolve());
  }

  async begin(): Promise<void> {
    for (const c of this.clients) {
      await c.connect();
      await c.query('set synchronous_commit = off');
      await c.query('set session_replication_role = replica').catch(() => undefined);
    }
    const found = await this.clients[0]!.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes
        where schemaname = 'public' and tablename not in ('mikro_orm_migrations', 'bench_meta')
          and indexname not in (select conname from pg_constraint where contype in ('p', 'u', 'x'))`,
    );
    this.indexes = found.rows;
    for (const i of this.indexes) await this.clients[0]!.query(`drop index "${i.name}"`);
  }

  add(table: string, row: Row): void {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      this.buffers.set(table, (buffer = []));
      this.columns.set(table, Object.keys(row));
    }
    buffer.push(row);
    if (buffer.length >= Math.min(1000, Math.floor(MAX_PARAMS / this.columns.get(table)!.length))) this.flush(table);
  }

  count(table: string): number {
    return this.counts.get(table) ?? 0;
  }

  private flush(table: string): void {
    const rows = this.buffers.get(table);
    if (!rows?.length) return;
    this.buffers.set(table, []);
    const cols = this.columns.get(table)!;
    const params: Value[] = [];
    const tuples: string[] = [];
    for (const r of rows) {
      const base = params.length;
      tuples.push(`(${cols.map((_, i) => `$${base + i + 1}`).join(', ')})`);
      for (const c of cols) params.push(toPg(r[c] ?? null));
    }
    const sql = `insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
    const k = this.next++ % this.clients.length;
    const client = this.clients[k]!;
    this.chains[k] = this.chains[k]!.then(async () => {
      if (this.failure) return;
      try {
        await client.query(sql, params);
        this.counts.set(table, (this.counts.get(table) ?? 0) + rows.length);
      } catch (err) {
        this.failure = err;
      }
    });
  }

  async drain(): Promise<void> {
    await Promise.all(this.chains);
    if (this.failure) throw this.failure;
  }

  async finish(onIndex: (name: string) => void): Promise<void> {
    for (const table of this.buffers.keys()) this.flush(table);
    await this.drain();
    // Both connections build indexes, one index each at a time.
    const queue = [...this.indexes];
    await Promise.all(
      this.clients.map(async (c) => {
        await c.query(`set maintenance_work_mem = '512MB'`);
        for (let i = queue.shift(); i; i = queue.shift()) {
          onIndex(i.name);
          await c.query(i.def);
        }
      }),
    );
    const c = this.clients[0]!;
    await c.query('set session_replication_role = origin').catch(() => undefined);
    await c.query('vacuum analyze');
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
  }
}

function toPg(v: Value): string | number | boolean | null {
  if (v instanceof Date) return v.toISOString();
  return v;
}
