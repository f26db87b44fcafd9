/**
 * A client that does what the mini-program must do against a server that can
 * die mid-request: send, and when no answer comes (refused, reset, cut off
 * mid-body, timed out) send the very same request again — same body, same
 * Idempotency-Key — until one does. Every exchange is kept for the checks.
 */

export interface Answer {
  status: number;
  // Bodies are checked field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export type Operation = 'create' | 'redeem' | 'accept' | 'cancel' | 'replay-create' | 'replay-redeem';

export interface Exchange {
  op: Operation;
  /** The Idempotency-Key, or for accept/cancel the id acted on. */
  key: string;
  request: ApiRequest;
  /** HTTP requests it took, both halves of a double tap counted (1 when a single first try was answered). */
  attempts: number;
  /** When the last request went out (ms): a row written before it came from an earlier, unanswered one. */
  lastAttemptAt: number;
  answer: Answer;
  /** A second request sent at the same moment with the same key (a double tap), and its answer. */
  twin?: Answer;
}

export interface ApiRequest {
  method: string;
  path: string;
  token: string;
  body?: unknown;
  idempotencyKey?: string;
}

/**
 * What a key achieved: its 2xx answer if any request with it got one. A
 * refusal is not remembered by the idempotency record (it rolls back with the
 * work), so a twin may be refused (409 OUT_OF_STOCK) while the other request
 * with the same key, running after a cancellation put a unit back, succeeds.
 */
export function outcome(e: Exchange): Answer {
  return [e.answer, e.twin].find((a) => a && a.status < 300) ?? e.answer;
}

const RETRY_PAUSE_MS = 100;
/** Longer than any answer takes here; a request hanging past it counts as unanswered. */
const REQUEST_TIMEOUT_MS = 20_000;

export class AnswerLog {
  sent = 0;
  unanswered = 0;
  private abandoned = false;
  readonly exchanges: Exchange[] = [];

  constructor(private readonly api: (pathname: string) => string) {}

  /** Stops every resend loop (the run failed and the server may never answer again). */
  abandon(): void {
    this.abandoned = true;
  }

  /** One logical request, retried until answered; with `doubleTap` a twin goes out at the same time. */
  async exchange(op: Operation, key: string, req: ApiRequest, doubleTap = false): Promise<Exchange> {
    const counter = { attempts: 0, lastAt: 0 };
    const [answer, twin] = await Promise.all([this.untilAnswered(req, counter), doubleTap ? this.untilAnswered(req, counter) : undefined]);
    const exchange: Exchange = { op, key, request: req, attempts: counter.attempts, lastAttemptAt: counter.lastAt, answer, ...(twin ? { twin } : {}) };
    this.exchanges.push(exchange);
    return exchange;
  }

  private async untilAnswered(req: ApiRequest, counter: { attempts: number; lastAt: number }): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${req.token}` };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    for (;;) {
      if (this.abandoned) throw new Error('abandoned: the run failed');
      this.sent += 1;
      counter.attempts += 1;
      counter.lastAt = Date.now();
      try {
        const res = await fetch(this.api(req.path), { method: req.method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        // A body cut off by the kill is no answer either: reading it throws.
        const text = await res.text();
        return { status: res.status, body: parsed(text) };
      } catch {
        this.unanswered += 1;
        await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
      }
    }
  }
}

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
