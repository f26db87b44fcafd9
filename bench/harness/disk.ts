import fs from 'node:fs';
import pg from 'pg';
import { databaseName } from '../dataset/config';
import type { Target } from '../dataset/meta';

/** The dataset's size on disk: the SQLite file (+WAL), or pg_database_size. */
export async function datasetSizeMb(t: Target): Promise<number | null> {
  if (t.dialect === 'sqlite') {
    let bytes = 0;
    for (const suffix of ['', '-wal']) if (fs.existsSync(t.location + suffix)) bytes += fs.statSync(t.location + suffix).size;
    return Math.round(bytes / 1024 ** 2);
  }
  const c = new pg.Client({ connectionString: t.location });
  try {
    await c.connect();
    const r = await c.query<{ size: string }>('select pg_database_size($1) as size', [databaseName(t.location)]);
    return Math.round(Number(r.rows[0]!.size) / 1024 ** 2);
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}
