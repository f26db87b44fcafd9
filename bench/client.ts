/**
 * `npm run bench:client`: client measurements, recorded.
 *   sizes  weapp main package and each subpackage, H5 initial JS gzipped (.ci/bundle-sizes.mjs)
 *   paint  H5 first meaningful paint of 首页 and 工单 in Chromium, CPU throttled, cold loads
 * Builds dist/weapp and dist/h5 first when missing or stale. Prints both tables and writes
 * bench/results/client-<UTC date>.md and .json. Exits 1 when a budget or the paint target
 * (median ≤ 1.5 s) is missed, 2 when the measurement itself failed.
 *   BENCH_CLIENT_RUNS (5)  BENCH_CLIENT_WARMUP (1)  BENCH_CLIENT_CPU_THROTTLING (4)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../test/support/test-server';
import { ensureBuilds, ROOT } from './client/builds';
import { defaultScreenshotDir, measurePaint, signInThroughApi } from './client/paint';
import { FMP_DEFINITION, paintRows, paintTable, sizeTable, timelineTable, toMarkdown, type ClientReport } from './client/report';
import { measureSizes } from './client/sizes';

const DEMO_STAFF = '13800000004';

function intSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${raw})`);
  return value;
}

async function main(): Promise<number> {
  const runs = intSetting('BENCH_CLIENT_RUNS', 5, 1);
  const warmup = intSetting('BENCH_CLIENT_WARMUP', 1, 0);
  const cpuThrottling = intSetting('BENCH_CLIENT_CPU_THROTTLING', 4, 1);
  const startedAt = new Date();
  const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;
  const loadAtStart = load1();
  const log = (line: string) => console.log(line);

  const builds = ensureBuilds(log);
  const sizes = (await measureSizes()).map((r) => ({ ...r, ok: r.bytes <= r.limit }));

  log(`Starting the server (H5 build, demo data) and timing ${runs} cold load(s) per page at ${cpuThrottling}× CPU throttling…`);
  let server: TestServer | undefined;
  let paint: Awaited<ReturnType<typeof measurePaint>>;
  const loadBeforePaint = load1();
  try {
    server = await startTestServer({ env: { SERVE_H5: 'true', DEMO_SEED: 'true', LOG_LEVEL: 'warn' } });
    const token = await signInThroughApi(server.url, DEMO_STAFF);
    paint = await measurePaint(server.url, token, { runs, warmup, cpuThrottling, timeoutMs: 30_000, screenshotDir: defaultScreenshotDir(), log });
  } finally {
    await server?.close();
  }
  const loadAfterPaint = load1();

  const cpus = os.cpus();
  const report: ClientReport = {
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      chromium: paint.chromium,
      loadAverage: { atStart: loadAtStart, beforePaint: loadBeforePaint, afterPaint: loadAfterPaint },
    },
    settings: { runs, warmup, cpuThrottling, viewport: '375×812 (DPR 2, mobile)', origin: '127.0.0.1 (loopback)', phone: DEMO_STAFF },
    builds,
    definition: FMP_DEFINITION,
    sizes,
    paint: paintRows(paint.results, sizes.flatMap((r) => r.files?.map((f) => f.src) ?? [])),
  };

  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `client-${report.date}`);
  fs.writeFileSync(`${base}.md`, toMarkdown(report));
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\n${sizeTable(report, false)}\n\n${paintTable(report, false)}\n\nWhere the time went (medians, ms):\n${timelineTable(report, false)}\n`);
  console.log(`Written: ${path.relative(ROOT, base)}.md, .json. Screenshots of the first measured loads: ${paint.results.map((r) => r.screenshot).join(', ')}`);
  const missed = [...report.sizes.filter((r) => !r.ok).map((r) => r.name), ...report.paint.filter((r) => !r.medianOk).map((r) => `${r.page} FMP`)];
  if (missed.length) {
    console.error(`bench:client: missed: ${missed.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(2);
  },
);
