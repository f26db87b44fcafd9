import path from 'node:path';

/**
 * What the bench dataset is and where it lives. Bump DATASET_VERSION when the
 * generator changes what it writes: a dataset of another version (or size)
 * is dropped and built again.
 */
export const DATASET_VERSION = 1;

export const BENCH_DIR = path.resolve(__dirname, '..');
/** Git-ignored: the SQLite file, the bench keys (keys/pii-keys.json) and the fixtures. */
export const DATA_DIR = path.join(BENCH_DIR, 'data');
export const SQLITE_FILE = path.join(DATA_DIR, 'bench.sqlite');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

export type Dialect = 'sqlite' | 'postgresql';

export interface DatasetSize {
  tickets: number;
  hospitals: number;
  departments: number;
  staff: number;
  engineers: number;
  admins: number;
  dealerUsers: number;
  /** Staff with sessions the harness rotates through for the write paths (POST /tickets, POST /redemptions). */
  crowd: number;
}

export function datasetSize(env: NodeJS.ProcessEnv = process.env): DatasetSize {
  const tickets = Number(env.BENCH_TICKETS ?? 1_000_000);
  if (!Number.isInteger(tickets) || tickets < 1000) throw new Error('BENCH_TICKETS must be an integer ≥ 1000');
  return { tickets, hospitals: 500, departments: 5000, staff: 20_000, engineers: 60, admins: 3, dealerUsers: 4, crowd: 1000 };
}

/** Databases the bench must never drop or fill. */
const PROTECTED_DATABASES = new Set(['test', 'postgres', 'root', 'template0', 'template1', 'scopedesk']);

export function assertBenchDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!name || PROTECTED_DATABASES.has(name)) throw new Error(`BENCH_DATABASE_URL names the database "${name}": the bench only uses a database of its own (e.g. /bench)`);
}

export function databaseName(url: string): string {
  return new URL(url).pathname.replace(/^\//, '');
}

/** The same URL pointing at the maintenance database, to create or drop the bench database. */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Reference "now" of a build: tickets are spread over the two years before it. */
export const HISTORY_DAYS = 730;
export const DAY_MS = 24 * 3600_000;
