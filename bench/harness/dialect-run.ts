import fs from 'node:fs';
import path from 'node:path';
import { benchKeys } from '../dataset/build';
import { settle } from '../dataset/settle';
import { DATA_DIR } from '../dataset/config';
import type { Fixture, Target } from '../dataset/meta';
import type { PlanFile, Profile } from '../raw/plan-types';
import { capturePaths } from './capture';
import { removeBenchTickets } from './cleanup';
import { claimSlaMinutes, releaseSlaMinutes, serverJobsOn } from './jobs';
import { openDb } from './db';
import { load, nextIdempotencyKey, headersFor, type Round } from './load';
import { hotPaths, type HotPath } from './paths';
import { compilePlan } from './plan';
import { prepareRun } from './prepare';
import { rssMb, startOurServer, startRawServer, type Child } from './processes';
import { machine, type PathResult, type RunReport } from './report';

export interface Settings {
  connections: number;
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  only?: string[];
}

const log = (msg: string) => console.log(`[bench] ${msg}`);
const profile = (u: { id: string; hospitalId: string | null; departmentId: string | null; addressId?: string }): Profile => ({ id: u.id, hospitalId: u.hospitalId, departmentId: u.departmentId, addressId: u.addressId });

/** The better of a side's rounds (most requests per second). */
const best = (rounds: Round[]) => rounds.reduce((a, b) => (b.rps > a.rps ? b : a));

/**
 * One dialect: fresh sessions and deep cursors, the SQL of each hot path
 * captured from our server and compiled into the raw baseline's plans, both
 * servers started as child processes, then per path a warm-up and rounds
 * alternating raw and ours.
 */
export async function benchDialect(t: Target, f: Fixture, s: Settings): Promise<RunReport> {
  const db = await openDb(t);
  const leftover = await removeBenchTickets(db);
  if (leftover) log(`${t.dialect}: removed ${leftover} tickets an earlier run reported`);
  const cursors = await prepareRun(db, f);
  const [{ v: database }] = (await db.all<{ v: string }>(t.dialect === 'sqlite' ? 'select sqlite_version() as v' : 'select version() as v')) as [{ v: string }];
  await db.close();
  const paths = hotPaths(f, cursors).filter((p) => (t.dialect === 'postgresql' || !p.postgresOnly) && (!s.only || s.only.includes(p.key)));

  log(`${t.dialect}: capturing the SQL of ${paths.length} hot paths`);
  const keys = benchKeys();
  const captures = await capturePaths(t, paths, nextIdempotencyKey);
  const plans = captures.map((c) => compilePlan(c, t.dialect, keys.cipher, profile(c.a.request.user)));
  const planFile: PlanFile = {
    dialect: t.dialect,
    location: t.location,
    piiKeys: keys.piiKeys,
    indexKey: keys.indexKey,
    plans,
    users: Object.fromEntries(captures.map((c) => [c.path.key, profile(c.a.request.user)])),
    crowd: f.crowd.map(profile),
  };
  const planPath = path.join(DATA_DIR, `plans-${t.dialect}.json`);
  fs.writeFileSync(planPath, JSON.stringify(planFile, null, 1));
  for (const p of plans) log(`  ${p.key}: replays ${p.replayed} of ${p.total} statements${p.notes.length ? ` (${p.notes.join('; ')})` : ''}`);

  const jobsOn = serverJobsOn();
  // With the server's SLA pass claimed away, the harness does not run it either (the nightly jobs still run for tonight).
  await settle(t, (m) => log(`${t.dialect}: ${m}`), { skip: jobsOn ? [] : ['sla'] });
  if (!jobsOn) {
    const claim = await openDb(t);
    const minutes = Math.ceil((paths.length * (2 * s.warmupSeconds + 2 * s.rounds * s.seconds + 20)) / 60) + 15;
    await claimSlaMinutes(claim, minutes).finally(() => claim.close());
    log(`${t.dialect}: our server's per-minute SLA job claimed for the next ${minutes} minutes (BENCH_SERVER_JOBS=on lets it run)`);
  }
  let raw: Child | undefined;
  let sampler: NodeJS.Timeout | undefined;
  let ours: Child | undefined;
  try {
    raw = await startRawServer(planPath);
    ours = await startOurServer(t);
    const rssIdleMb = rssMb(ours.pid);
    // Our server's resident memory, every 250 ms from start to stop (raw rounds and idle moments included).
    let rssMaxMb = rssIdleMb;
    let pathRss: number | null = null;
    const oursPid = ours.pid;
    sampler = setInterval(() => {
      const mb = rssMb(oursPid);
      if (mb === null) return;
      rssMaxMb = Math.max(rssMaxMb ?? 0, mb);
      pathRss = Math.max(pathRss ?? 0, mb);
    }, 250);
    const results: PathResult[] = [];
    for (const p of paths) {
      await check(raw, p, 'raw');
      await check(ours, p, 'ours');
      pathRss = null;
      const base = { connections: s.connections };
      if (s.warmupSeconds > 0) {
        await load(raw.url, p, { ...base, seconds: s.warmupSeconds });
        await load(ours.url, p, { ...base, seconds: s.warmupSeconds });
      }
      const rawRounds: Round[] = [];
      const oursRounds: Round[] = [];
      for (let r = 0; r < s.rounds; r++) {
        rawRounds.push(await load(raw.url, p, { ...base, seconds: s.seconds }));
        oursRounds.push(await load(ours.url, p, { ...base, seconds: s.seconds }));
      }
      const plan = plans.find((x) => x.key === p.key)!;
      const result: PathResult = { key: p.key, label: p.label, raw: best(rawRounds), ours: best(oursRounds), rawRounds, oursRounds, statements: { replayed: plan.replayed, total: plan.total }, rssMaxMb: pathRss, notes: plan.notes };
      results.push(result);
      log(`  ${p.label}: raw ${result.raw.rps} req/s (p99 ${result.raw.p99} ms), ours ${result.ours.rps} req/s (p99 ${result.ours.p99} ms), ratio ${(result.ours.rps / Math.max(1, result.raw.rps)).toFixed(2)}, errors ${result.raw.errors}/${result.ours.errors}`);
    }
    return {
      date: new Date().toISOString(),
      dialect: t.dialect,
      machine: machine(database),
      settings: { connections: s.connections, seconds: s.seconds, rounds: s.rounds, pick: 'best round (highest req/s, with that round’s latencies)', serverJobs: jobsOn ? 'on (as a single production instance)' : 'per-minute SLA job claimed by the harness (BENCH_SERVER_JOBS=off)' },
      dataset: { builtAt: f.builtAt, buildSeconds: f.buildSeconds, counts: f.counts, sizeMb: null },
      ours: { rssIdleMb, rssMaxMb },
      paths: results,
    };
  } finally {
    clearInterval(sampler);
    await ours?.stop();
    await raw?.stop();
    const after = await openDb(t);
    const removed = await removeBenchTickets(after);
    await releaseSlaMinutes(after).finally(() => after.close());
    log(`${t.dialect}: removed the ${removed} tickets this run reported`);
  }
}

/** One request before measuring: a path that fails on either server is reported, not silently measured. */
async function check(server: Child, p: HotPath, side: string): Promise<void> {
  const r = p.request(0);
  for (let attempt = 1; ; attempt++) {
    try {
      // A new connection each time: a keep-alive one left from the last load may be closed under us.
      const res = await fetch(server.url + r.path, { method: r.method, headers: { ...headersFor(p, r), connection: 'close' }, body: r.body ? JSON.stringify(r.body) : undefined });
      const text = await res.text();
      if (res.status !== p.status) log(`  WARNING ${side} answered ${res.status} to ${p.label}: ${text.slice(0, 300)}`);
      return;
    } catch (err) {
      if (attempt >= 3) throw new Error(`${side} did not answer ${p.label}: ${(err as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
