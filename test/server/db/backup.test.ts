import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, testDatabase, testDialect, type TestServer } from '../../support/test-server';

const ROOT = path.resolve(__dirname, '../../..');

/** `npm run db:backup` / `db:restore` as an operator runs them, against the given database. */
function cli(command: 'backup' | 'restore', database: ScratchDatabase['database'], file: string, dataDir: string) {
  const url = database.dialect === 'sqlite' ? `sqlite:${database.file}` : database.url;
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/db-backup.ts', command, file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, DATABASE_URL: url },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function tables(orm: MikroORM): Promise<string[]> {
  const sql =
    testDialect() === 'postgresql'
      ? "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"
      : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'";
  return (await rows<{ name: string }>(orm, sql)).map((r) => r.name).sort();
}

/** Every row of every table, in a stable order, as JSON. */
async function everything(orm: MikroORM): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await tables(orm)) out[t] = (await rows(orm, `select * from "${t}"`)).map((r) => JSON.stringify(r)).sort();
  return out;
}

let sourceDb: ScratchDatabase;
let source: TestServer;
let restoredDb: ScratchDatabase;
let restored: TestServer | undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-backup-'));
/** The nightly backup the first test writes and the others reuse. */
const backupFile = path.join(work, 'nightly', testDialect() === 'postgresql' ? 'scopedesk.dump' : 'scopedesk.sqlite');

beforeAll(async () => {
  // The outbox worker off: nothing may change the source between the backup and the comparison but the test.
  sourceDb = await testDatabase({ file: true });
  source = await startTestServer({ env: { DEMO_SEED: 'true' }, database: sourceDb, background: { outbox: false } });
  restoredDb = await testDatabase({ file: true });
}, 60_000);

afterAll(async () => {
  await restored?.close();
  await source.close();
  await sourceDb.drop();
  await restoredDb.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('db:backup and db:restore', () => {
  it('backs up while the server runs and restores every record into an empty database, readable with the same keys', async () => {
    const staff = (await login(source, '13800000004', { consent: ['service'] })).token;
    const me = await call(source, 'GET', '/me', { token: staff });
    const report = await call(source, 'POST', '/tickets', {
      token: staff,
      headers: { 'Idempotency-Key': 'backup-test-1' },
      body: { departmentId: me.body.profile.department.id, model: 'GIF-H290', serial: 'BK0001', description: '备份前报修：图像有黑点。', contactName: '李静', contactPhone: '13800000004', contactConsent: false },
    });
    expect(report.status).toBe(201);

    const backup = cli('backup', sourceDb.database, backupFile, source.dataDir);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain('backup written');
    expect(fs.statSync(backupFile).size).toBeGreaterThan(0);
    expect(fs.existsSync(`${backupFile}.partial`)).toBe(false);

    const restore = cli('restore', restoredDb.database, backupFile, work);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);

    // Every table, every row, byte for byte as the driver reads it.
    restored = await startTestServer({ database: restoredDb, background: { outbox: false } });
    const before = await everything(source.running.orm);
    const after = await everything(restored.running.orm);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(before.ticket!.length).toBeGreaterThan(0);
    for (const t of Object.keys(before)) expect({ table: t, rows: after[t] }).toEqual({ table: t, rows: before[t] });

    // And a person sees their report on the restored database, contact opened with the same keys.
    const seen = await call(restored, 'GET', `/tickets/${report.body.id}`, { token: staff });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ number: report.body.number, description: '备份前报修：图像有黑点。', contactName: '李静' });
  }, 120_000);

  it('refuses to restore into a database that has tables, and leaves it as it was', async () => {
    const before = await everything(restored!.running.orm);
    const again = cli('restore', restoredDb.database, backupFile, work);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has tables/);
    expect(await everything(restored!.running.orm)).toEqual(before);
  }, 60_000);

  it('never overwrites an existing backup', async () => {
    const size = fs.statSync(backupFile).size;
    const again = cli('backup', sourceDb.database, backupFile, source.dataDir);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(fs.statSync(backupFile).size).toBe(size);
  }, 60_000);
});
