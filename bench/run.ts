/**
 * `npm run bench` (issue 10): each hot path against its raw limit, in the
 * same run on the same machine and data, for SQLite and (when it answers)
 * PostgreSQL. See bench/README.md.
 *
 *   BENCH_TICKETS       dataset size (default 1,000,000; rebuilt when it changes)
 *   BENCH_DATABASE_URL  PostgreSQL bench database (default postgres://postgres@127.0.0.1:5432/bench
 *                       when a local server answers; never `test`); BENCH_DIALECTS=sqlite to skip it
 *   BENCH_SECONDS       seconds per measured round (default 10); BENCH_ROUNDS (2); BENCH_WARMUP (3)
 *   BENCH_CONNECTIONS   autocannon connections (default 50)
 *   BENCH_PATHS         comma-separated path keys to run only those; BENCH_DATASET_ONLY=1 builds and stops
 *   BENCH_CPU_PROFILE   a directory: our server runs with --cpu-prof and leaves its profile there
 *   BENCH_SERVER_JOBS   on: our server runs its per-minute SLA job during the run (default off: claimed, see README)
 */
import pg from 'pg';
import { ensureDatasets } from './dataset/build';
import { SQLITE_FILE, assertBenchDatabase, adminUrl } from './dataset/config';
import type { Target } from './dataset/meta';
import { benchDialect } from './harness/dialect-run';
import { datasetSizeMb } from './harness/disk';
import { header, table, writeReport } from './harness/report';

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/bench';

async function postgresAnswers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: adminUrl(url), connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function targets(): Promise<Target[]> {
  const wanted = (process.env.BENCH_DIALECTS ?? 'sqlite,postgresql').split(',').map((s) => s.trim());
  const out: Target[] = [];
  if (wanted.includes('sqlite')) out.push({ dialect: 'sqlite', location: SQLITE_FILE });
  if (wanted.includes('postgresql')) {
    const url = process.env.BENCH_DATABASE_URL || DEFAULT_PG;
    assertBenchDatabase(url);
    if (await postgresAnswers(url)) out.push({ dialect: 'postgresql', location: url });
    else console.log(`[bench] PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//')} does not answer: SQLite only`);
  }
  return out;
}

async function main(): Promise<void> {
  const list = await targets();
  const fixtures = await ensureDatasets(list);
  if (process.env.BENCH_DATASET_ONLY) return;
  const settings = {
    connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    rounds: Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2)),
    warmupSeconds: Number(process.env.BENCH_WARMUP ?? 3),
    only: process.env.BENCH_PATHS ? process.env.BENCH_PATHS.split(',').map((s) => s.trim()) : undefined,
  };
  for (const t of list) {
    const report = await benchDialect(t, fixtures.get(t.dialect)!, settings);
    report.dataset.sizeMb = await datasetSizeMb(t);
    const stem = writeReport(report);
    console.log(`\n${header(report)}\n${table(report)}\n\n[bench] written to ${stem}.md / .json\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

