/**
 * `npm run soak` (issue 11): a steady, realistic mix against our server on
 * PostgreSQL for ten minutes, on this machine only; it stops by itself and
 * writes bench/results/<time>-soak-postgresql.{md,json}. Exit 1 when a
 * criterion fails: any error, a read's p99 above the target, resident memory
 * grown 10 % or more after warm-up, or open descriptors growing.
 *
 *   SOAK_MINUTES          length of the load (default 10)
 *   SOAK_RATE             requests a second, started on a fixed schedule whatever the answers (default 20)
 *   SOAK_WARMUP_SECONDS   excluded from latencies; memory and descriptors are compared from its end (default 60)
 *   SOAK_ADMIN_URL        PostgreSQL to make a scratch database on (default postgres://postgres@127.0.0.1:5432/postgres)
 *   SOAK_P99_MS           the p99 target for reads (default 50, docs/performance.md; writes have none and are reported)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../server/src/db/scratch-database';
import { RESULTS_DIR } from './dataset/config';
import { machine } from './harness/report';
import { rssMb, startBundledServer } from './harness/processes';
import { apiTarget, assertLoopback } from './soak/client';
import { ok, setUpWorld, type Op, type Timed } from './soak/mix';
import { openFds, percentile, windowMedian, type Sample } from './soak/samples';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 20);
const WARMUP = Number(process.env.SOAK_WARMUP_SECONDS ?? 60);
const ADMIN_URL = process.env.SOAK_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const P99_TARGET = Number(process.env.SOAK_P99_MS ?? 50);
const MAX_IN_FLIGHT = 500;
/** The kinds docs/performance.md sets a p99 target for (its hot paths are reads); the writes' p99 is reported beside them. */
const READS = /^(list|detail|chat poll)/;

interface KindResult {
  kind: string;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

const ms = (x: number) => (Number.isFinite(x) ? String(x) : '–');

function pickOp(ops: Op[]): Op {
  const total = ops.reduce((n, o) => n + o.weight, 0);
  let r = Math.random() * total;
  for (const op of ops) if ((r -= op.weight) < 0) return op;
  return ops[ops.length - 1]!;
}

async function main(): Promise<void> {
  assertLoopback(ADMIN_URL, 'SOAK_ADMIN_URL');
  const scratch = await createScratchDatabase('postgresql', { adminUrl: ADMIN_URL, label: 'soak' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const server = await startBundledServer((port) => ({
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: (scratch.database as { url: string }).url,
    DATA_DIR: dataDir,
    DEMO_SEED: 'true',
    LOG_LEVEL: 'warn',
    // One person writes far more often here than in a day; the limiter still runs on every write.
    WRITE_RATE_PER_MINUTE: '1000000',
    POINTS_YEARLY_VALUE_CAP_YUAN: '100000',
  }));
  const stopAll = async () => {
    await server.stop();
    await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const target = apiTarget(server.url);
    const world = await setUpWorld(target);
    console.log(`[soak] ${MINUTES} min at ${RATE} req/s on PostgreSQL, server pid ${server.pid}`);

    const latencies = new Map<string, number[]>();
    const errors = new Map<string, string[]>();
    const counts = new Map<string, number>();
    const samples: Sample[] = [];
    let inFlight = 0;
    let dropped = 0;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const stopLongPoll = new AbortController();
    const longPoll = world.longPoll(stopLongPoll.signal);

    const sampler = setInterval(() => samples.push({ at: seconds(), rssMb: rssMb(server.pid), fds: openFds(server.pid), inFlight }), 5000);
    const pending = new Set<Promise<void>>();
    const end = MINUTES * 60;
    let lastReport = 0;
    for (let n = 0; ; n++) {
      const due = n / RATE;
      if (due >= end) break;
      const wait = due - seconds();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait * 1000));
      if (inFlight >= MAX_IN_FLIGHT) {
        dropped++;
        continue;
      }
      const op = pickOp(world.ops);
      inFlight++;
      const timed: Timed = async (kind, send, ...statuses) => {
        const t0 = performance.now();
        try {
          const res = ok(await send(), ...statuses);
          if (due >= WARMUP) (latencies.get(kind) ?? latencies.set(kind, []).get(kind)!).push(performance.now() - t0);
          return res;
        } catch (err) {
          (errors.get(kind) ?? errors.set(kind, []).get(kind)!).push((err as Error).message);
          throw err;
        } finally {
          counts.set(kind, (counts.get(kind) ?? 0) + 1);
        }
      };
      const p: Promise<void> = op
        .run(timed)
        .then(
          () => undefined,
          () => undefined, // counted by `timed`
        )
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
      if (seconds() - lastReport >= 60) {
        lastReport = seconds();
        const errorCount = [...errors.values()].reduce((a, e) => a + e.length, 0);
        console.log(`[soak] ${Math.round(lastReport)} s: ${n + 1} started, ${errorCount} errors, RSS ${rssMb(server.pid)} MB, fds ${openFds(server.pid)}, in flight ${inFlight}`);
      }
    }
    await Promise.all(pending);
    clearInterval(sampler);
    stopLongPoll.abort();
    const lp = await Promise.race([longPoll, new Promise<{ polls: number; errors: string[] }>((r) => setTimeout(() => r({ polls: -1, errors: [] }), 25_000))]);

    const kinds: KindResult[] = [...counts.keys()]
      .sort((a, b) => counts.get(b)! - counts.get(a)!)
      .map((kind) => {
      const sorted = (latencies.get(kind) ?? []).sort((a, b) => a - b);
      const round = (x: number) => Math.round(x * 10) / 10;
      return { kind, requests: counts.get(kind) ?? 0, errors: errors.get(kind)?.length ?? 0, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) };
    });
    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const rssStart = windowMedian(samples, WARMUP, WARMUP + 60, (s) => s.rssMb);
    const rssEnd = windowMedian(samples, end - 60, end + 1, (s) => s.rssMb);
    const fdsStart = windowMedian(samples, WARMUP, WARMUP + 60, (s) => s.fds);
    const fdsEnd = windowMedian(samples, end - 60, end + 1, (s) => s.fds);
    const rssGrowth = (rssEnd / rssStart - 1) * 100;
    const errorTotal = kinds.reduce((a, k) => a + k.errors, 0) + lp.errors.length;
    const checks = {
      'zero errors': errorTotal === 0 && dropped === 0,
      [`p99 ≤ ${P99_TARGET} ms for every read (lists, detail, chat poll)`]: kinds.filter((k) => READS.test(k.kind)).every((k) => k.p99 <= P99_TARGET),
      'RSS growth after warm-up < 10 %': rssGrowth < 10,
      'no growth in open descriptors': fdsEnd <= fdsStart,
    };
    const report = {
      date: new Date().toISOString(),
      dialect: 'postgresql',
      machine: machine('PostgreSQL (loopback)'),
      settings: { minutes: MINUTES, rate: RATE, warmupSeconds: WARMUP, p99TargetMs: P99_TARGET },
      totals: { requests: kinds.reduce((a, k) => a + k.requests, 0), errors: errorTotal, dropped, longPolls: lp.polls, p50: percentile(all, 50), p99: percentile(all, 99) },
      memory: { rssStartMb: rssStart, rssEndMb: rssEnd, rssGrowthPercent: Math.round(rssGrowth * 10) / 10, fdsStart, fdsEnd },
      kinds,
      errorSamples: Object.fromEntries([...errors].map(([k, e]) => [k, e.slice(0, 5)])),
      longPollErrors: lp.errors.slice(0, 5),
      samples,
      checks,
    };
    const md = [
      `# Soak on PostgreSQL, ${report.date}`,
      '',
      `${MINUTES} min at ${RATE} req/s (fixed schedule), warm-up ${WARMUP} s excluded from latencies; ${report.machine.cpus} cores, ${report.machine.node}. A staff member's long-poll was held throughout (${lp.polls} polls).`,
      '',
      '| kind | requests | errors | p50 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      // A kind seen only during warm-up has no latencies.
      ...kinds.map((k) => `| ${k.kind} | ${k.requests} | ${k.errors} | ${ms(k.p50)} | ${ms(k.p99)} | ${ms(k.max)} |`),
      `| **all** | ${report.totals.requests} | ${errorTotal} | ${report.totals.p50.toFixed(1)} | ${report.totals.p99.toFixed(1)} | |`,
      '',
      `Resident memory: ${rssStart} MB after warm-up → ${rssEnd} MB at the end (${report.memory.rssGrowthPercent} %). Open descriptors: ${fdsStart} → ${fdsEnd}. Requests not started because ${MAX_IN_FLIGHT} were in flight: ${dropped}.`,
      '',
      ...Object.entries(checks).map(([name, pass]) => `- ${pass ? 'pass' : '**FAIL**'}: ${name}`),
      '',
    ].join('\n');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const base = path.join(RESULTS_DIR, `${report.date.replace(/[:.]/g, '-')}-soak-postgresql`);
    fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
    fs.writeFileSync(`${base}.md`, md);
    console.log(md);
    console.log(`[soak] written: ${path.relative(process.cwd(), base)}.{md,json}`);
    if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
