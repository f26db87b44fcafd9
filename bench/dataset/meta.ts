import Database from 'better-sqlite3';
import fs from 'node:fs';
import pg from 'pg';
import type { BenchUser } from './people';
import type { Dialect } from './config';

/** What the harness needs to know about a built dataset; kept in the database itself (table `bench_meta`). */
export interface Fixture {
  version: number;
  dialect: Dialect;
  /** BENCH_TICKETS it was built for. */
  tickets: number;
  keyFingerprint: string;
  builtAt: string;
  buildSeconds: number;
  general: BenchUser;
  advanced: BenchUser & { managedDepartmentIds: string[] };
  crowd: (BenchUser & { addressId?: string })[];
  benchGiftIds: string[];
  generalTicketIds: string[];
  counts: Record<string, number>;
}

export interface Target {
  dialect: Dialect;
  /** SQLite file or PostgreSQL URL. */
  location: string;
}

const CREATE = 'create table if not exists bench_meta (key varchar(40) primary key, value text not null)';

export async function readFixture(t: Target): Promise<Fixture | null> {
  try {
    if (t.dialect === 'sqlite') {
      if (!fs.existsSync(t.location)) return null;
      const db = new Database(t.location, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare(`select value from bench_meta where key = 'dataset'`).get() as { value: string } | undefined;
        return row ? (JSON.parse(row.value) as Fixture) : null;
      } finally {
        db.close();
      }
    }
    const c = new pg.Client({ connectionString: t.location });
    await c.connect();
    try {
      const r = await c.query<{ value: string }>(`select value from bench_meta where key = 'dataset'`);
      return r.rows[0] ? (JSON.parse(r.rows[0].value) as Fixture) : null;
    } finally {
      await c.end();
    }
  } catch {
    return null;
  }
}

/** Names of the migrations applied to the dataset's database (empty if it has none). */
export async function appliedMigrations(t: Target): Promise<string[]> {
  try {
    if (t.dialect === 'sqlite') {
      const db = new Database(t.location, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('select name from mikro_orm_migrations').all() as { name: string }[]).map((r) => r.name);
      } finally {
        db.close();
      }
    }
    const c = new pg.Client({ connectionString: t.location });
    await c.connect();
    try {
      return (await c.query<{ name: string }>('select name from mikro_orm_migrations')).rows.map((r) => r.name);
    } finally {
      await c.end();
    }
  } catch {
    return [];
  }
}

/** Written last: a dataset without it (a build that stopped half-way) is built again. */
export async function writeFixture(t: Target, f: Fixture): Promise<void> {
  const value = JSON.stringify(f);
  if (t.dialect === 'sqlite') {
    const db = new Database(t.location);
    try {
      db.exec(CREATE);
      db.prepare(`insert into bench_meta (key, value) values ('dataset', ?) on conflict (key) do update set value = excluded.value`).run(value);
    } finally {
      db.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: t.location });
  await c.connect();
  try {
    await c.query(CREATE);
    await c.query(`insert into bench_meta (key, value) values ('dataset', $1) on conflict (key) do update set value = excluded.value`, [value]);
  } finally {
    await c.end();
  }
}
