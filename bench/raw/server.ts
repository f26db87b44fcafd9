/**
 * The raw baseline (a child process of `npm run bench`): a bare node:http
 * server that, for each hot path, runs the data statements our server ran
 * for it (captured by the harness, see harness/plan.ts) through the same
 * driver, and answers with the rows as JSON. No framework, no
 * authentication, no validation: the request names its plan in
 * `x-bench-path` and, for paths that rotate users, the user in
 * `x-bench-user`. Usage: tsx bench/raw/server.ts <plan-file.json>
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FieldCipher } from '../../server/src/core/pii/field-cipher';
import { parseKeyring } from '../../server/src/core/pii/keyring';
import { forSqlite, valueOf, type RequestValues } from './bindings';
import { pgExecutor, sqliteExecutor } from './executors';
import type { PlanFile } from './plan-types';

const file = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as PlanFile;
const cipher = new FieldCipher(parseKeyring(file.piiKeys, file.indexKey));
const sqlite = file.dialect === 'sqlite';
const executor = sqlite ? sqliteExecutor(file.location) : pgExecutor(file.location);
const plans = new Map(file.plans.map((p) => [p.key, p]));

async function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
  const plan = plans.get(String(req.headers['x-bench-path']));
  if (!plan) {
    res.writeHead(404).end();
    return;
  }
  const crowd = req.headers['x-bench-user'];
  const url = new URL(req.url ?? '/', 'http://raw');
  const values: RequestValues = {
    now: Date.now(),
    url,
    segments: url.pathname.split('/'),
    body: raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined,
    user: crowd !== undefined ? file.crowd[Number(crowd)]! : file.users[plan.key]!,
    idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    results: [],
    slots: new Map(),
    cipher,
    sqlite,
  };
  const out = await executor.request(async (exec, control) => {
    const rows: Record<string, unknown>[][] = [];
    for (const step of plan.steps) {
      if ('control' in step) {
        await control(step);
        values.results.push([]);
        continue;
      }
      const params = step.params.map((b) => valueOf(b, values));
      const result = await exec(step.sql, sqlite ? params.map(forSqlite) : params);
      values.results.push(result);
      if (step.reader) rows.push(result);
    }
    return rows;
  });
  const body = JSON.stringify(out);
  res.writeHead(plan.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    answer(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message);
    });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  // The harness reads the port from this line.
  console.log(`RAW_LISTENING ${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
