import path from 'node:path';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Env } from '../config/env';
import { ENTITIES } from './entities';
import { migrationsFor } from './migrations';
import { cachePreparedStatements } from './statement-cache';

export type Dialect = Env['database']['dialect'];

export function migrationsDir(dialect: Dialect): string {
  return path.join(__dirname, 'migrations', dialect);
}

/**
 * ORM options for one database. Migrations are listed explicitly (no folder
 * scanning, so tsx, jest and a bundle all load the same classes) and the
 * snapshot is off at run time: MikroORM 6.6 would otherwise rewrite it from a
 * schema readback, which is wrong on SQLite (stack-notes.md).
 */
export function ormOptions(database: Env['database'], overrides: Partial<Options> = {}): Options {
  const common: Options = {
    entities: ENTITIES,
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: migrationsDir(database.dialect),
      migrationsList: migrationsFor(database.dialect),
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
  };
  const driver: Options =
    database.dialect === 'sqlite'
      ? {
          driver: BetterSqliteDriver,
          dbName: database.file,
          pool: {
            afterCreate: (db: Parameters<typeof cachePreparedStatements>[0], done: (err: Error | null, db: unknown) => void) => {
              cachePreparedStatements(db);
              done(null, db);
            },
          },
        }
      : { driver: PostgreSqlDriver, clientUrl: database.url };
  return { ...common, ...driver, ...overrides } as Options;
}
