import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import type { Env } from '../config/env';
import { bindParameters } from './bound-parameters';
import { ormOptions } from './orm.config';

/**
 * Opens the ORM for the app, the CLI and tests alike. SQLite gets WAL and
 * normal sync (safe with WAL, and several times faster for small writes),
 * and its statements bound parameters so prepared statements are reused.
 */
export async function initOrm(database: Env['database'], overrides: Partial<Options> = {}): Promise<MikroORM> {
  if (database.dialect === 'sqlite' && database.file !== ':memory:') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true });
  }
  const orm = await MikroORM.init(ormOptions(database, overrides));
  if (database.dialect === 'sqlite') {
    const conn = orm.em.getConnection();
    await conn.execute('pragma journal_mode = wal');
    await conn.execute('pragma synchronous = normal');
    await conn.execute('pragma busy_timeout = 5000');
    await bindParameters(orm);
  }
  return orm;
}

export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}
