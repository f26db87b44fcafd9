/**
 * `npm run bench`: the hot paths against their raw limit, in the same run on
 * the same machine, so the numbers compare. Loopback only; bounded in time.
 *   baseline  bare node:http answering the same JSON / running `select 1` through better-sqlite3
 *   app       the real server (createApp, SQLite file in a temp dir)
 * BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 50) tune it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { parseEnv } from '../server/src/config/env';
import { createLogger } from '../server/src/core/logger';
import { startServer } from '../server/src/server';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function load(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ url, connections, duration: seconds });
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function baseline(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = wal');
  const select1 = db.prepare('select 1 as ok');
  const body = JSON.stringify({ status: 'ok', region: 'cn-mainland', version: '0.0.0' });
  const server = http.createServer((req, res) => {
    if (req.url === '/ready') select1.get();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: async () => void (server.close(), db.close()) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-'));
  const raw = await baseline(dir);
  const env = parseEnv({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const app = await startServer(env, createLogger({ level: 'silent' }));
  const rows: string[][] = [];
  try {
    for (const [name, rawPath, appPath] of [
      ['health (JSON)', '/health', '/api/v1/health'],
      ['ready (select 1)', '/ready', '/api/v1/ready'],
    ] as const) {
      const b = await load(raw.url + rawPath);
      const a = await load(app.url + appPath);
      rows.push([name, String(b.rps), String(b.p99), String(a.rps), String(a.p99), `${Math.round((a.rps / b.rps) * 100)}%`, String(a.errors)]);
    }
  } finally {
    await app.close();
    await raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${connections} connections, ${seconds} s each, ${os.cpus().length} cores`);
  console.log('| case | raw req/s | raw p99 ms | app req/s | app p99 ms | app/raw | app errors |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

void main();
