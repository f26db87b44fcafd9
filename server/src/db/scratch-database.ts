import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Env } from '../config/env';

export interface ScratchDatabase {
  database: Env['database'];
  drop(): Promise<void>;
}

/**
 * A new, empty database that nobody else uses: a temp SQLite file, or a fresh
 * PostgreSQL database created through `adminUrl`. Test files and the
 * migration tools each get their own, so they can run in parallel.
 */
export async function createScratchDatabase(
  dialect: 'sqlite' | 'postgresql',
  options: { adminUrl?: string; sqliteFile?: string; label?: string } = {},
): Promise<ScratchDatabase> {
  const label = (options.label ?? 'sd').replace(/[^a-z0-9_]/gi, '_').toLowerCase().slice(0, 30);
  if (dialect === 'sqlite') {
    if (options.sqliteFile === ':memory:') return { database: { dialect, file: ':memory:' }, drop: async () => {} };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
    const file = options.sqliteFile ?? path.join(dir, 'db.sqlite');
    return { database: { dialect, file }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  if (!options.adminUrl) throw new Error('a PostgreSQL admin URL is needed to create a scratch database');
  const name = `${label}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(options.adminUrl, (c) => c.query(`create database "${name}"`));
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  return {
    database: { dialect, url: url.toString() },
    drop: () => withClient(options.adminUrl!, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
