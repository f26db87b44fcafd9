import { DAY_MS } from '../dataset/config';
import type { Fixture } from '../dataset/meta';
import type { HarnessDb } from './db';
import type { Cursors } from './paths';

const DEPTH = 5000;

/**
 * The bench users' sessions made fresh (a dataset may be weeks old: idle and
 * absolute expiry start again, as after a new sign-in), then the deep-page
 * cursors: the id about 5,000 rows into each bench user's visible list
 * (staff see tickets created within VISIBILITY_WINDOW_DAYS, default 365).
 */
export async function prepareRun(db: HarnessDb, f: Fixture): Promise<Cursors> {
  const now = new Date();
  const users = [f.general.id, f.advanced.id, ...f.crowd.map((c) => c.id)];
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await db.run(
      `update user_session set last_used_at = ?, idle_expires_at = ?, absolute_expires_at = ?, revoked_at = null where user_id in (${chunk.map(() => '?').join(', ')})`,
      [db.time(now), db.time(new Date(now.getTime() + 14 * DAY_MS)), db.time(new Date(now.getTime() + 30 * DAY_MS)), ...chunk],
    );
  }
  const after = db.time(new Date(now.getTime() - Number(process.env.VISIBILITY_WINDOW_DAYS ?? 365) * DAY_MS));
  const general = await cursorAt(db, 't.reporter_id = ?', [f.general.id], after);
  const managed = f.advanced.managedDepartmentIds;
  const advanced = await cursorAt(db, `(t.reporter_id = ? or t.department_id in (${managed.map(() => '?').join(', ')}))`, [f.advanced.id, ...managed], after);
  return { general, advanced };
}

async function cursorAt(db: HarnessDb, where: string, params: unknown[], after: unknown): Promise<{ id: string; depth: number }> {
  const [{ n }] = await db.all<{ n: number | string }>(`select count(*) as n from ticket t where ${where} and t.created_at > ?`, [...params, after]) as [{ n: number | string }];
  const depth = Math.max(0, Math.min(DEPTH, Number(n) - 21));
  const [row] = await db.all<{ id: string }>(`select t.id from ticket t where ${where} and t.created_at > ? order by t.id desc limit 1 offset ${depth}`, [...params, after]);
  if (!row) throw new Error('the bench user sees no tickets: is the dataset empty?');
  if (depth < DEPTH) console.log(`[bench] note: the deep page starts ${depth} rows in (the user sees ${n} tickets; ${DEPTH} needs a larger BENCH_TICKETS)`);
  return { id: row.id, depth };
}
