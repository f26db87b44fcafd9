import type { AppDeps } from '../../app-deps';

/** One outbox message as its handler sees it. */
export interface OutboxDelivery {
  id: string;
  topic: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  /** When the change that caused it committed: the time the message is about. */
  createdAt: Date;
  /** 1 on the first try. */
  attempt: number;
}

/**
 * Delivers one message. It may run more than once for the same message (a
 * crash after the work and before `deliveredAt`, a lease that ran out), so it
 * must make a repeat harmless, typically by the message's dedupe key.
 * Throwing schedules a retry.
 */
export type OutboxHandler = (deps: AppDeps, message: OutboxDelivery) => Promise<void>;

/** Handlers by topic. */
export type OutboxHandlers = Readonly<Record<string, OutboxHandler>>;
