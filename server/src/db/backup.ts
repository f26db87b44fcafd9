import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { Env } from '../config/env';

type DatabaseConfig = Env['database'];

/** A backup or restore that cannot go ahead; the message says why, for the operator. */
export class BackupError extends Error {}

/** The file name a backup gets when none is given: the dialect's own format, sortable by time. */
export function defaultBackupFile(database: DatabaseConfig, dir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(dir, `scopedesk-${stamp}.${database.dialect === 'sqlite' ? 'sqlite' : 'dump'}`);
}

/**
 * An online backup while the server runs. SQLite: the driver's backup API
 * (pages copied in steps, consistent with what is committed, the WAL
 * included). PostgreSQL: `pg_dump` in its custom format, one consistent
 * snapshot; it must be at least the server's major version.
 */
export async function backupDatabase(database: DatabaseConfig, file: string): Promise<{ file: string; bytes: number }> {
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; a backup never overwrites one`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    if (database.dialect === 'sqlite') {
      if (database.file === ':memory:' || !fs.existsSync(database.file)) throw new BackupError(`no SQLite database at ${database.file}`);
      const db = new Database(database.file, { fileMustExist: true });
      try {
        await db.backup(partial);
      } finally {
        db.close();
      }
    } else {
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], database.url);
    }
    // Renamed only once complete: a file with the final name is always a whole backup.
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { file, bytes: fs.statSync(file).size };
}

/**
 * Restores a backup into an empty database (a new SQLite file, or a
 * PostgreSQL database with no tables); a database with tables is refused,
 * so a restore never mixes two histories. PostgreSQL restores in one
 * transaction: an error leaves the database as empty as it was.
 */
export async function restoreDatabase(database: DatabaseConfig, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`no backup at ${file}`);
  if (database.dialect === 'sqlite') {
    if (database.file === ':memory:') throw new BackupError('cannot restore into an in-memory database');
    if (sqliteTableCount(database.file) > 0) throw new BackupError(`${database.file} already has tables; restore into a new file`);
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`${file} is damaged: ${String(check)}`);
      if (!source.prepare("select 1 from sqlite_master where type = 'table' and name = 'mikro_orm_migrations'").get()) {
        throw new BackupError(`${file} is not a ScopeDesk database (no migrations table)`);
      }
      fs.mkdirSync(path.dirname(database.file), { recursive: true });
      await source.backup(database.file);
    } finally {
      source.close();
    }
    return;
  }
  if ((await pgTableCount(database.url)) > 0) throw new BackupError('the target PostgreSQL database already has tables; restore into an empty one');
  await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file], database.url);
}

function sqliteTableCount(file: string): number {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

async function pgTableCount(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public'");
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/**
 * Runs pg_dump / pg_restore against the URL, with the password in the
 * environment rather than on the command line (where `ps` would show it).
 */
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [`--dbname=${parsed.toString()}`, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new BackupError(`${tool} is not installed (Debian: postgresql-client, the server's major version or newer)`) : err),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`))));
  });
}
