import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { FieldCipher } from '../../server/src/core/pii/field-cipher';
import { loadKeyring } from '../../server/src/core/pii/keyring';
import { initOrm, migrateUp } from '../../server/src/db/init-orm';
import { ensurePolicy } from '../../server/src/modules/privacy/consent.service';
import { DATASET_VERSION, DATA_DIR, adminUrl, assertBenchDatabase, databaseName, datasetSize, type Dialect } from './config';
import { buildDirectory } from './directory';
import { buildExtras } from './extras';
import { migrationsFor } from '../../server/src/db/migrations';
import { appliedMigrations, readFixture, writeFixture, type Fixture, type Target } from './meta';
import { buildPeople } from './people';
import { PgWriter } from './pg-writer';
import { settle } from './settle';
import { FanOut } from './sink';
import { SqliteWriter } from './sqlite-writer';
import { buildTickets } from './tickets';
import { newWorld } from './world';

const log = (msg: string) => console.log(`[dataset] ${msg}`);

/** The bench keys: generated once into bench/data/keys/ (as the server does in development) and used by every dataset. */
export function benchKeys(): { cipher: FieldCipher; fingerprint: string; piiKeys: string; indexKey: string } {
  const keyring = loadKeyring({ DATA_DIR, NODE_ENV: 'development', PII_KEYS: undefined, PII_INDEX_KEY: undefined });
  const file = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'keys', 'pii-keys.json'), 'utf8')) as { piiKeys: string; indexKey: string };
  const fingerprint = createHash('sha256').update(file.piiKeys).update(file.indexKey).digest('hex').slice(0, 16);
  return { cipher: new FieldCipher(keyring), fingerprint, ...file };
}

/**
 * The dataset of each target, built (both in one pass of the generator) when
 * missing, half-built, of another DATASET_VERSION or size, or sealed with
 * other keys; reused otherwise.
 */
export async function ensureDatasets(targets: Target[]): Promise<Map<Dialect, Fixture>> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const keys = benchKeys();
  const size = datasetSize();
  const ready = new Map<Dialect, Fixture>();
  const stale: Target[] = [];
  for (const t of targets) {
    const f = await readFixture(t);
    // A migration the database has but the code no longer lists (renamed or removed) would stop the server: build again.
    const known = new Set(migrationsFor(t.dialect).map((m) => m.name));
    const unknown = f ? (await appliedMigrations(t)).filter((name) => !known.has(name)) : [];
    if (unknown.length) log(`${t.dialect}: the database has migrations the code no longer lists (${unknown.join(', ')})`);
    if (f && !unknown.length && f.version === DATASET_VERSION && f.tickets === size.tickets && f.keyFingerprint === keys.fingerprint) {
      log(`${t.dialect}: reusing the dataset built ${f.builtAt} (${f.tickets.toLocaleString('en')} tickets)`);
      ready.set(t.dialect, f);
    } else {
      log(`${t.dialect}: ${f ? 'the dataset is stale (version, size, keys or migrations) — rebuilding' : 'no dataset yet — building'}`);
      stale.push(t);
    }
  }
  if (!stale.length) return ready;

  const started = Date.now();
  const now = Date.now();
  for (const t of stale) await resetAndMigrate(t);
  const writers = await Promise.all(stale.map(async (t) => {
    if (t.dialect === 'sqlite') {
      const w = new SqliteWriter(t.location);
      w.begin();
      return { t, w };
    }
    const w = new PgWriter(t.location);
    await w.begin();
    return { t, w };
  }));
  const fan = new FanOut(writers.map((x) => x.w));
  const world = newWorld(now, size, keys.cipher, fan);
  const dir = buildDirectory(world);
  const people = buildPeople(world, dir);
  const extras = buildExtras(world, people);
  log(`directory and people: ${dir.hospitals.length} hospitals, ${dir.departments.length} departments, ${fan.count('app_user')} users`);
  let lastShown = 0;
  const tickets = await buildTickets(world, dir, people, (done) => {
    if (done - lastShown >= size.tickets / 20 || done === size.tickets) {
      lastShown = done;
      log(`tickets ${done.toLocaleString('en')}/${size.tickets.toLocaleString('en')} (${Math.round((done / size.tickets) * 100)}%) after ${Math.round((Date.now() - started) / 1000)} s`);
    }
  });
  await fan.drain();
  log(`rows written in ${Math.round((Date.now() - started) / 1000)} s; rebuilding indexes`);
  for (const { t, w } of writers) {
    const t0 = Date.now();
    let n = 0;
    if (w instanceof SqliteWriter) {
      w.finish(() => n++);
      w.close();
    } else {
      await w.finish(() => n++);
      await w.close();
    }
    log(`${t.dialect}: ${n} indexes rebuilt in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  for (const t of stale) {
    const settled = await settle(t, (m) => log(`${t.dialect}: ${m}`));
    const counts = { ...fan.counted(), sla_marks: settled.slaMarks, notifications_delivered: settled.delivered };
    const fixture: Fixture = {
      version: DATASET_VERSION,
      dialect: t.dialect,
      tickets: size.tickets,
      keyFingerprint: keys.fingerprint,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((Date.now() - started) / 1000),
      general: people.general,
      advanced: people.advanced,
      crowd: people.crowd.map(({ balance: _balance, ...c }) => c),
      benchGiftIds: extras.benchGiftIds,
      generalTicketIds: tickets.generalTicketIds,
      counts,
    };
    await writeFixture(t, fixture);
    ready.set(t.dialect, fixture);
    log(`${t.dialect}: ready after ${fixture.buildSeconds} s`);
  }
  return ready;
}

/** An empty database with the project's migrations applied (and its privacy policy, as the server loads it). */
async function resetAndMigrate(t: Target): Promise<void> {
  if (t.dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(t.location + suffix, { force: true });
  } else {
    assertBenchDatabase(t.location);
    const name = databaseName(t.location);
    const admin = new pg.Client({ connectionString: adminUrl(t.location) });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      await admin.query(`drop database if exists "${name}"`);
      await admin.query(`create database "${name}"`);
    } finally {
      await admin.end();
    }
  }
  const orm = await initOrm(t.dialect === 'sqlite' ? { dialect: 'sqlite', file: t.location } : { dialect: 'postgresql', url: t.location });
  try {
    const applied = await migrateUp(orm);
    await ensurePolicy(orm.em.fork());
    log(`${t.dialect}: schema created by ${applied.length} migrations`);
  } finally {
    await orm.close(true);
  }
}
