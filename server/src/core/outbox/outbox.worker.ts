import type { AppDeps } from '../../app-deps';
import type { BackgroundTask } from '../../background';
import { OutboxMessageSchema, type OutboxMessage } from './outbox-message.entity';
import type { OutboxHandlers } from './outbox.registry';

/** Longer than a handler can take (a WeChat call times out after 10 s, a token fetch as much again). */
export const LEASE_MS = 2 * 60_000;
const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 10 * 60_000;
const BATCH = 20;

/** 5 s, 10 s, 20 s … doubling per failed attempt, never more than 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * What may be kept and logged about a failure. Messages of our own and
 * WeChat's errors are written to be safe; anything else (a driver error
 * quotes its SQL and values) is reduced to its class and code.
 */
export function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return 'non-error thrown';
  if (err.name.startsWith('Wechat') || (err as { publicDetail?: unknown }).publicDetail !== undefined) return err.message.slice(0, 500);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${err.name} (${code})` : err.name;
}

export interface DeliveryRound {
  delivered: number;
  failed: number;
}

/**
 * One pass over the outbox: every due, undelivered message is claimed, then
 * handed to its topic's handler. The claim is an optimistic update on the
 * attempt count that also pushes `availableAt` out by a lease, so another
 * instance polling at the same moment skips the message, and one that finds
 * it after a crash (lease over) takes it again. Messages are handled one at
 * a time, oldest first.
 */
export async function deliverDue(deps: AppDeps, handlers: OutboxHandlers, options: { limit?: number } = {}): Promise<DeliveryRound> {
  const round: DeliveryRound = { delivered: 0, failed: 0 };
  const due = await deps.orm.em
    .fork()
    .find(
      OutboxMessageSchema,
      { deliveredAt: null, availableAt: { $lte: deps.clock.now() } },
      { orderBy: { availableAt: 'asc', id: 'asc' }, limit: options.limit ?? BATCH },
    );
  for (const message of due) {
    const outcome = await deliverOne(deps, handlers, message);
    if (outcome === 'delivered') round.delivered += 1;
    if (outcome === 'failed') round.failed += 1;
  }
  return round;
}

async function deliverOne(deps: AppDeps, handlers: OutboxHandlers, message: OutboxMessage): Promise<'delivered' | 'failed' | 'taken'> {
  const em = deps.orm.em.fork();
  const attempt = message.attempts + 1;
  const claimed = await em.nativeUpdate(
    OutboxMessageSchema,
    { id: message.id, attempts: message.attempts, deliveredAt: null },
    { attempts: attempt, availableAt: new Date(deps.clock.now().getTime() + LEASE_MS) },
  );
  if (claimed !== 1) return 'taken';
  const log = { outboxId: message.id, topic: message.topic, attempt };
  try {
    const handler = handlers[message.topic];
    // Kept for a later version (a rolling deploy) rather than dropped.
    if (!handler) throw new Error(`no handler for topic "${message.topic}"`);
    await handler(deps, { id: message.id, topic: message.topic, dedupeKey: message.dedupeKey, payload: message.payload, createdAt: message.createdAt, attempt });
    await em.nativeUpdate(OutboxMessageSchema, { id: message.id }, { deliveredAt: deps.clock.now(), lastError: null });
    deps.logger.debug(log, 'outbox message delivered');
    return 'delivered';
  } catch (err) {
    const reason = describeFailure(err);
    const delay = retryDelayMs(attempt);
    // Only while the claim is still ours: after a lost lease the other holder's outcome counts.
    await em.nativeUpdate(
      OutboxMessageSchema,
      { id: message.id, attempts: attempt, deliveredAt: null },
      { availableAt: new Date(deps.clock.now().getTime() + delay), lastError: reason },
    );
    deps.logger.warn({ ...log, error: reason, retryInSeconds: delay / 1000 }, 'outbox delivery failed; will retry');
    return 'failed';
  }
}

/**
 * Delivers the outbox every `pollMs` until stopped; a full batch is followed
 * at once by the next. `stop` lets the batch in hand finish.
 */
export function startOutboxWorker(deps: AppDeps, handlers: OutboxHandlers, options: { pollMs: number }): BackgroundTask {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const tick = async () => {
    let full = false;
    try {
      const round = await deliverDue(deps, handlers, { limit: BATCH });
      full = round.delivered + round.failed >= BATCH;
    } catch (err) {
      // The database is away (restart, failover): try again on the next tick.
      deps.logger.error({ error: describeFailure(err) }, 'outbox poll failed');
    }
    schedule(full ? 0 : options.pollMs);
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = tick();
    }, ms);
  };
  schedule(0);

  return {
    name: 'outbox',
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
