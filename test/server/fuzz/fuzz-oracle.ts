import { ERROR_CODES } from '../../../shared/errors';
import type { TestServer } from '../../support/test-server';
import { changes, type Fingerprint, type Fingerprinter } from './db-fingerprint';
import { excerpt, type FuzzRequest, type Operation } from './fuzz-request';
import type { FuzzTally } from './fuzz-tally';

interface Answer {
  status: number;
  contentType: string;
  text: string;
  requestId: string | null;
}

function problemFault(answer: Answer): string | undefined {
  if (!/^application\/problem\+json(;|$)/.test(answer.contentType)) return `a ${answer.status} that is not application/problem+json`;
  let body: { code?: unknown; status?: unknown; type?: unknown; title?: unknown };
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `a ${answer.status} whose problem body is not JSON`;
  }
  if (typeof body.code !== 'string' || !(ERROR_CODES as readonly string[]).includes(body.code)) return `a ${answer.status} whose problem has no known code`;
  if (body.status !== answer.status || typeof body.type !== 'string' || typeof body.title !== 'string') return `a ${answer.status} whose problem body disagrees with it`;
  return undefined;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export interface Oracle {
  /** Sends one request and throws, with a readable account, if an answer breaks a property. */
  check(op: Operation, req: FuzzRequest): Promise<void>;
  /** Something else may have written: the next request takes its own "before". */
  forget(): void;
  /**
   * Everything shaped like a credential that went in or came out: well-formed
   * bearer tokens and six-digit codes the fuzz sent, tokens and codes the
   * server handed out. None may appear in a log line.
   */
  credentials: Set<string>;
}

export function createOracle(server: TestServer, fingerprints: Fingerprinter, tally: FuzzTally): Oracle {
  const credentials = new Set<string>();
  /**
   * The database as the last refused request left it, while nothing else can
   * have written since: the next request's "before" (a fingerprint is most of
   * a request's cost on PostgreSQL). A write the server made after answering
   * that refusal would then show up at the next request, still as a failure.
   */
  let settled: Fingerprint | undefined;

  async function send(req: FuzzRequest): Promise<Answer> {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization?.trim() ?? '')?.[1];
    if (bearer && TOKEN_SHAPE.test(bearer)) credentials.add(bearer);
    const code = /"code":"(\d{6})"/.exec(req.body ?? '')?.[1];
    if (code) credentials.add(code);
    const res = await fetch(`${server.url}${req.url}`, {
      method: req.method,
      headers: req.headers,
      // Bytes, not a string: fetch would add text/plain to a string body the fuzz meant to send without a type.
      body: req.body === undefined ? undefined : Buffer.from(req.body, 'utf8'),
    });
    const answer = { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text(), requestId: res.headers.get('x-request-id') };
    if (answer.status < 300) for (const m of answer.text.matchAll(/"(?:token|devCode)":"([^"]+)"/g)) credentials.add(m[1]!);
    return answer;
  }

  function serverLog(requestId: string | null): string {
    const lines = server.logs.filter((l) => requestId && l.reqId === requestId && l.msg !== 'request');
    return lines.length ? lines.map((l) => excerpt(JSON.stringify(l), 600)).join('\n    ') : '(nothing but the access line)';
  }

  async function check(op: Operation, req: FuzzRequest): Promise<void> {
    const before = settled ?? (await fingerprints.take());
    settled = undefined;
    let answer: Answer;
    try {
      answer = await send(req);
    } catch (err) {
      throw new Error(`no answer (${String((err as Error).cause ?? err)})\n  request: ${req}`);
    }
    tally.record(op.key, req.actor, answer.status);
    const fail = (what: string) =>
      new Error(`${what}\n  request: ${req}\n  answer: ${answer.status} ${answer.contentType}: ${excerpt(answer.text, 400)}\n  server log: ${serverLog(answer.requestId)}`);
    // Everything the server depends on is up for the whole run, so no 5xx is excusable — a 503 here would be client input taken for an outage.
    if (answer.status >= 500) throw fail(`a ${answer.status}`);
    if (answer.status < 400) return;
    const fault = problemFault(answer);
    if (fault) throw fail(fault);
    const after = await fingerprints.take();
    const changed = changes(before, after);
    if (changed.length) throw fail(`a refused request stored something: ${changed.join('; ')}`);
    settled = after;
  }

  return { check, forget: () => void (settled = undefined), credentials };
}
