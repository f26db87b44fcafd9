import { v7 as uuidv7 } from 'uuid';
import { minutePeriod } from '../../server/src/core/jobs/periods';
import type { HarnessDb } from './db';

const TRIGGER = 'bench-harness';

/**
 * Whether our server runs its per-minute jobs during the bench.
 * `BENCH_SERVER_JOBS=on`: as a single production instance would.
 * Default `off`: the harness claims the coming minutes' `sla` periods in
 * `job_run` the way another instance would (the unique (job, period) row is
 * the lock), so our server skips them and the measurement is of the hot
 * paths alone. Measured on SQLite with 1,000,000 tickets, one SLA pass takes
 * ~150 s and its batch query blocks the event loop for seconds at a time
 * (better-sqlite3 is synchronous), which would stop our server answering
 * for most of each minute.
 */
export function serverJobsOn(): boolean {
  return process.env.BENCH_SERVER_JOBS === 'on';
}

/** Claims the `sla` period of every minute from now for `minutes`. */
export async function claimSlaMinutes(db: HarnessDb, minutes: number): Promise<void> {
  const now = Date.now();
  for (let m = 0; m <= minutes; m++) {
    const at = new Date(now + m * 60_000);
    await db.run(
      `insert into job_run (id, created_at, job, period, "trigger", finished_at, result, error) values (?, ?, 'sla', ?, '${TRIGGER}', ?, ?, null) on conflict do nothing`,
      [uuidv7(), db.time(new Date(now)), minutePeriod(at), db.time(new Date(now)), JSON.stringify({ skipped: 'claimed by npm run bench (BENCH_SERVER_JOBS=off)' })],
    );
  }
}

/** Removes the claims of the minutes that have not come yet, and the record of those that did. */
export async function releaseSlaMinutes(db: HarnessDb): Promise<void> {
  await db.run(`delete from job_run where "trigger" = '${TRIGGER}'`);
}
