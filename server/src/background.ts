import type { AppDeps } from './app-deps';
import { startScheduler } from './core/jobs/scheduler';
import { ALL_JOBS } from './modules/jobs/jobs.registry';
import { startOutboxWorker } from './core/outbox/outbox.worker';
import { OUTBOX_HANDLERS } from './outbox-handlers';

/** Something the server runs beside HTTP (outbox worker, job scheduler). */
export interface BackgroundTask {
  name: string;
  /** Stops taking new work and waits for the current piece to finish. */
  stop(): Promise<void>;
}

export interface BackgroundOptions {
  /** Deliver outbox messages (tests turn it off to simulate a crash between commit and send). */
  outbox?: boolean;
  /** Run scheduled jobs on their timers (admins can still run them on demand). */
  jobs?: boolean;
}

/** Starts the server's background work; `stop` ends it before the database closes. */
export function startBackground(deps: AppDeps, options: BackgroundOptions = {}): { stop(): Promise<void> } {
  const tasks: BackgroundTask[] = [];
  if (options.outbox !== false) tasks.push(startOutboxWorker(deps, OUTBOX_HANDLERS, { pollMs: deps.env.OUTBOX_POLL_MS }));
  if (options.jobs !== false) tasks.push(startScheduler(deps, ALL_JOBS));
  void options;
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
