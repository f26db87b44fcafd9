/**
 * Prints the query plan of each scope's ticket list — the first page, a deep
 * page, and the last page (fewer rows than asked for: where a scan that
 * cannot stop early reads on to the end) — as the server builds it
 * (tickets.read.ts), for the "Query plans" section of docs/performance.md.
 *
 *   npx tsx server/src/cli/explain-hot-paths.ts <sqlite:/path | postgres://…> [--or]
 *
 * `--or` explains the single OR statement the lists used before the
 * per-scope union (what the "before" plans show). Reads only; point it at a
 * scratch database (test/server/perf/scratch-dataset.ts fills one), never at
 * production: EXPLAIN ANALYZE runs the query.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Env } from '../config/env';
import { initOrm } from '../db/init-orm';
import { ticketFilter, type TicketActor, type TicketFilter } from '../modules/tickets/tickets.policy';
import { selectTickets, ticketsQuery, type SelectOptions } from '../modules/tickets/tickets.read';

const WINDOW_DAYS = 365;
const LIMIT = 21;

type Row = Record<string, unknown>;

function databaseOf(url: string): Env['database'] {
  return url.startsWith('sqlite:') ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) } : { dialect: 'postgresql', url };
}

async function one(orm: MikroORM, sql: string): Promise<string | null> {
  const [r] = (await orm.em.getConnection().execute(sql)) as Row[];
  return r ? String(Object.values(r)[0]) : null;
}

/** The actors whose lists matter: general and advanced staff, an engineer, an admin, a dealer. */
/** `deep`: how many rows down the deep page starts; `last`: also explain the last page (needs the whole list once). */
async function actors(orm: MikroORM): Promise<{ label: string; who: TicketActor; deep: number; last: boolean }[]> {
  const conn = orm.em.getConnection();
  // The busiest reporter of the general tier, and the advanced member with the most active grants.
  const general = await one(orm, `select t.reporter_id from ticket t join app_user u on u.id = t.reporter_id where u.tier = 'general' group by t.reporter_id order by count(*) desc limit 1`);
  const advanced = await one(orm, `select m.user_id from managed_department m where m.revoked_at is null group by m.user_id order by count(*) desc limit 1`);
  const engineer = await one(orm, `select id from app_user where role = 'engineer' order by id limit 1`);
  const admin = await one(orm, `select id from app_user where role = 'admin' order by id limit 1`);
  const dealer = (await conn.execute(`select id, dealer_id from app_user where role = 'dealer' and dealer_id is not null order by id limit 1`)) as Row[];
  const managed = ((await conn.execute(`select department_id from managed_department where user_id = ? and revoked_at is null`, [advanced])) as Row[]).map((r) =>
    String(r.department_id),
  );
  const base = { tier: null, managedDepartmentIds: [], dealerId: null };
  return [
    { label: 'general staff (own tickets, window)', who: { ...base, userId: general!, role: 'staff', tier: 'general' }, deep: 10, last: true },
    { label: `advanced staff (own + ${managed.length} departments, window)`, who: { ...base, userId: advanced!, role: 'staff', tier: 'advanced', managedDepartmentIds: managed }, deep: 400, last: true },
    { label: 'engineer (assigned + queue)', who: { ...base, userId: engineer!, role: 'engineer' }, deep: 5000, last: true },
    { label: 'admin (all)', who: { ...base, userId: admin!, role: 'admin' }, deep: 500_000, last: false },
    ...(dealer[0] ? [{ label: 'dealer (delegated)', who: { ...base, userId: String(dealer[0].id), role: 'dealer' as const, dealerId: String(dealer[0].dealer_id) }, deep: 400, last: true }] : []),
  ];
}

async function explain(orm: MikroORM, sql: string, dialect: Env['database']['dialect']): Promise<string[]> {
  const conn = orm.em.getConnection();
  if (dialect === 'sqlite') {
    const rows = (await conn.execute(`explain query plan ${sql}`)) as Row[];
    const depth = new Map<number, number>([[0, -1]]);
    return rows.map((r) => {
      const d = (depth.get(Number(r.parent)) ?? -1) + 1;
      depth.set(Number(r.id), d);
      return `${'  '.repeat(d)}${String(r.detail)}`;
    });
  }
  const rows = (await conn.execute(`explain (analyze, buffers, costs off) ${sql}`)) as Row[];
  return rows.map((r) => String(r['QUERY PLAN']));
}

/** The median wall time of a statement over a few runs (SQLite's plan says nothing about rows read). */
async function timed(orm: MikroORM, sql: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    await orm.em.getConnection().execute(sql);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[3]!;
}

/** The SQL a list runs, values inlined: by default what the server builds now. */
export type StatementOf = (em: EntityManager, filter: TicketFilter, options: SelectOptions & { oneScan?: boolean }) => Promise<string>;

const current: StatementOf = async (em, filter, options) => {
  const q = ticketsQuery(em, filter, options).toSQL();
  return em.getPlatform().formatQuery(q.sql, q.bindings as unknown[]);
};

/** Prints every scope's plans; another `statementOf` explains another version of the list query (the "before" plans). */
export async function explainLists(url: string, options: { oneScan?: boolean; statementOf?: StatementOf; title?: string } = {}) {
  const oneScan = Boolean(options.oneScan);
  const statementOf = options.statementOf ?? current;
  const database = databaseOf(url);
  const orm = await initOrm(database);
  try {
    const em = orm.em.fork();
    const now = new Date();
    const title = options.title ?? (oneScan ? 'one OR statement' : 'per-scope union');
    console.log(`# ${database.dialect}, ${title}; ${await one(orm, 'select count(*) from ticket')} tickets`);
    for (const { label, who, deep, last } of await actors(orm)) {
      const filter = ticketFilter(who, 'all', now, WINDOW_DAYS);
      const base = { limit: LIMIT, dealerId: who.dealerId, reporterNames: who.role === 'admin' || who.role === 'engineer', oneScan };
      // The cursor of a deep page: the id `deep` rows down the actor's list (or the last one there is).
      const before = await selectTickets(em, filter, { ...base, limit: deep });
      const cursor = before[before.length - 1]?.id;
      const pages: [string, SelectOptions & { oneScan?: boolean }][] = [
        ['first page', base],
        [`deep page (after ${before.length} rows)`, { ...base, beforeId: cursor }],
      ];
      if (last) {
        // The last page holds the five oldest visible tickets: the cursor is the sixth from the end.
        const all = await selectTickets(em, filter, { ...base, limit: 1_000_000 });
        if (all.length > 6) pages.push([`last page (5 of ${all.length} rows left)`, { ...base, beforeId: all[all.length - 6]!.id }]);
      }
      for (const [page, pageOptions] of pages) {
        const sql = await statementOf(em, filter, pageOptions);
        console.log(`\n## ${label}: ${page} — ${(await timed(orm, sql)).toFixed(2)} ms median`);
        for (const line of await explain(orm, sql, database.dialect)) console.log(`    ${line}`);
      }
    }
  } finally {
    await orm.close(true);
  }
}

if (require.main === module) {
  const url = process.argv[2];
  if (!url) throw new Error('usage: explain-hot-paths.ts <sqlite:/path | postgres://…> [--or]');
  explainLists(url, { oneScan: process.argv.includes('--or') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
