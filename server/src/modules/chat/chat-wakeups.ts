import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { MikroORM } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimitedError } from '../../core/errors';
import { selectLatestMessageIds } from './chat.read';

/** How a wait ended: something changed, nothing did in time, or the client went away (or was superseded by its own newer wait). */
export type WaitOutcome = 'woken' | 'timeout' | 'aborted';

/** What woke a waiter: a commit on this instance, another instance's pub/sub signal, or the database check. */
export type WakeSource = 'local' | 'pubsub' | 'database';

/** Counters since start, for diagnostics and for tests that must know which path answered. */
export interface WakeupStats {
  woken: Record<WakeSource, number>;
  /** Database checks finished (the one each wait makes on arrival, and the periodic ones). */
  checks: number;
  /** Subscribed to other instances' signals now (always false without Redis). */
  listening: boolean;
}

export interface WaitRequest {
  chatId: string;
  /** The newest message id the client has. */
  after: string;
  userId: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Wakes long-polls when a conversation changes. In-process waiters hear it
 * at once; with Redis, other instances hear it through pub/sub; and every
 * `pollMs` one query checks the database for all watched conversations, so
 * a wake-up lost anywhere (Redis down, a publish racing a subscribe) only
 * delays an answer, never loses it. Waiting holds no database connection.
 */
export interface ChatWakeups {
  wait(request: WaitRequest): Promise<WaitOutcome>;
  /** After a commit that changed the conversation (`messageId` when a message was added). */
  signal(chatId: string, messageId?: string): void;
  /** Waiters now held, for tests and diagnostics. */
  size(): number;
  stats(): WakeupStats;
  close(): Promise<void>;
}

export interface ChatWakeupsOptions {
  pollMs?: number;
  /** Waiters one instance holds at most; more are told to come back (429). */
  maxWaiters?: number;
  /** Waits one user holds at most (several devices or pages); a newer one releases the oldest. */
  maxPerUser?: number;
}

interface Waiter {
  chatId: string;
  after: string;
  userId: string;
  settle(outcome: WaitOutcome): void;
}

const CHANNEL = 'scopedesk:chat:wakeups';

interface WakeMessage {
  /** The publishing instance: it has woken its own waiters already. */
  from: string;
  chatId: string;
  messageId?: string;
}

export function createChatWakeups(
  deps: { orm: MikroORM; redis?: Redis; logger: Logger; onShutdown?: (fn: () => Promise<void>) => void },
  options: ChatWakeupsOptions = {},
): ChatWakeups {
  const pollMs = options.pollMs ?? 2000;
  const maxWaiters = options.maxWaiters ?? 2000;
  const maxPerUser = options.maxPerUser ?? 3;
  const instance = randomUUID();
  const bus = new EventEmitter();
  bus.setMaxListeners(0); // one listener per waiter; the caps below bound them
  const waiters = new Set<Waiter>();
  let poller: NodeJS.Timeout | undefined;
  let polling = false;
  const stats: WakeupStats = { woken: { local: 0, pubsub: 0, database: 0 }, checks: 0, listening: false };

  /** Wakes this instance's waiters on the chat: all of them, or those older than `messageId`. */
  const wakeLocal = (source: WakeSource, chatId: string, messageId?: string) => bus.emit(chatId, source, messageId);

  const checkDatabase = async (chatIds: string[]) => {
    const latest = await selectLatestMessageIds(deps.orm.em.fork(), chatIds);
    stats.checks++;
    for (const [chatId, id] of latest) wakeLocal('database', chatId, id);
  };

  const pollOnce = async () => {
    if (polling || !waiters.size) return;
    polling = true;
    try {
      const chatIds = [...new Set([...waiters].map((w) => w.chatId))];
      for (let i = 0; i < chatIds.length; i += 200) await checkDatabase(chatIds.slice(i, i + 200));
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'chat wake-up check failed');
    } finally {
      polling = false;
    }
  };

  const updatePoller = () => {
    if (waiters.size && !poller) {
      poller = setInterval(() => void pollOnce(), pollMs);
      poller.unref();
    } else if (!waiters.size && poller) {
      clearInterval(poller);
      poller = undefined;
    }
  };

  // Other instances' signals. A separate connection: one in subscriber
  // mode can issue no other command. Subscribed on every (re)connect.
  let subscriber: Redis | undefined;
  if (deps.redis) {
    const sub = deps.redis.duplicate({ autoResubscribe: false, lazyConnect: true });
    subscriber = sub;
    sub.on('error', () => undefined); // the shared connection already reports Redis trouble
    sub.on('ready', () => {
      sub
        .subscribe(CHANNEL)
        .then(() => (stats.listening = true))
        .catch((err: Error) => deps.logger.warn({ err: err.message }, 'chat wake-up subscribe failed'));
    });
    sub.on('close', () => (stats.listening = false));
    sub.on('message', (_channel: string, raw: string) => {
      try {
        const msg = JSON.parse(raw) as WakeMessage;
        if (msg.from !== instance && typeof msg.chatId === 'string') wakeLocal('pubsub', msg.chatId, msg.messageId);
      } catch {
        // not ours
      }
    });
    sub.connect().catch(() => undefined);
    // It retries forever while Redis is away, so it must be ended explicitly
    // on shutdown (the shared connection's end is a fallback for bare apps).
    deps.redis.once('end', () => sub.disconnect());
  }

  const wakeups: ChatWakeups = {
    wait({ chatId, after, userId, timeoutMs, signal }) {
      if (signal.aborted) return Promise.resolve('aborted');
      if (waiters.size >= maxWaiters) throw new RateLimitedError(2);
      const since = after.toLowerCase();
      return new Promise<WaitOutcome>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const onWake = (source: WakeSource, messageId?: string) => {
          // A signal without a message id (claimed, closed) concerns everyone watching.
          if (messageId !== undefined && messageId <= since) return;
          if (waiters.has(waiter)) stats.woken[source]++;
          waiter.settle('woken');
        };
        const onAbort = () => waiter.settle('aborted');
        const waiter: Waiter = {
          chatId,
          after: since,
          userId,
          settle(outcome) {
            if (!waiters.delete(waiter)) return;
            clearTimeout(timer);
            bus.off(chatId, onWake);
            signal.removeEventListener('abort', onAbort);
            updatePoller();
            resolve(outcome);
          },
        };
        const mine = [...waiters].filter((w) => w.userId === userId);
        if (mine.length >= maxPerUser) mine[0]!.settle('aborted');
        waiters.add(waiter);
        bus.on(chatId, onWake);
        signal.addEventListener('abort', onAbort, { once: true });
        timer = setTimeout(() => waiter.settle('timeout'), timeoutMs);
        updatePoller();
        // The caller looked before it registered: a message committed in
        // between has signalled nobody, so look once more now.
        checkDatabase([chatId]).catch((err: Error) => deps.logger.warn({ err: err.message }, 'chat wake-up check failed'));
      });
    },

    signal(chatId, messageId) {
      wakeLocal('local', chatId, messageId);
      if (!deps.redis) return;
      const msg: WakeMessage = { from: instance, chatId, ...(messageId ? { messageId } : {}) };
      // Fails fast while Redis is down (no offline queue); the database check covers it.
      deps.redis.publish(CHANNEL, JSON.stringify(msg)).catch((err: Error) => deps.logger.debug({ err: err.message }, 'chat wake-up publish failed'));
    },

    size: () => waiters.size,
    stats: () => ({ ...stats, woken: { ...stats.woken } }),

    async close() {
      for (const w of [...waiters]) w.settle('aborted');
      if (poller) clearInterval(poller);
      subscriber?.disconnect();
    },
  };
  deps.onShutdown?.(() => wakeups.close());
  return wakeups;
}
