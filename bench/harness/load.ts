import autocannon from 'autocannon';
import type { BenchRequest, HotPath } from './paths';

export interface Round {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

let keySeq = 0;
const runId = Date.now().toString(36);

/** A new Idempotency-Key, unique across runs. */
export function nextIdempotencyKey(): string {
  return `bench-${runId}-${(keySeq++).toString(36)}`;
}

/**
 * Headers both servers get: our server reads the bearer token and the
 * Idempotency-Key; the raw baseline reads which plan and which crowd member.
 */
export function headersFor(path: HotPath, req: BenchRequest): Record<string, string> {
  const h: Record<string, string> = { authorization: `Bearer ${req.user.token}`, 'x-bench-path': path.key };
  if (req.crowdIndex !== undefined) h['x-bench-user'] = String(req.crowdIndex);
  if (req.body) h['content-type'] = 'application/json';
  if (req.idempotent) h['idempotency-key'] = nextIdempotencyKey();
  return h;
}

/** autocannon against one server for one hot path; every request is built afresh (users, ids, keys rotate). */
export async function load(base: string, path: HotPath, o: LoadOptions): Promise<Round> {
  let i = 0;
  const first = path.request(0);
  const result = await autocannon({
    url: base,
    connections: o.connections,
    duration: o.seconds,
    requests: [
      {
        method: first.method,
        path: first.path,
        setupRequest: (request) => {
          const r = path.request(i++);
          return { ...request, method: r.method, path: r.path, headers: headersFor(path, r), body: r.body ? JSON.stringify(r.body) : undefined };
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
