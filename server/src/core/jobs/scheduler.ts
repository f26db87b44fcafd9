import type { AppDeps } from '../../app-deps';
import type { BackgroundTask } from '../../background';
import type { JobDefinition } from './job';
import { runJob } from './job-runner';

const MINUTE = 60_000;
/** Tick a little after the minute turns, so an instance whose clock is slightly behind still names the new minute. */
const AFTER_MINUTE_MS = 2_000;

/**
 * Runs scheduled jobs on real timers, once a minute: each tick asks every
 * job which period `deps.clock` is in and runs it through the run record,
 * so a period runs once across all instances. Ticks never overlap: the next
 * is armed when the current one ends. `stop()` cancels the timer and waits
 * for a running job to finish.
 */
export function startScheduler(deps: AppDeps, jobs: readonly JobDefinition[], options: { everyMs?: number } = {}): BackgroundTask {
  const scheduled = jobs.filter((j) => j.schedule);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  const tick = async () => {
    for (const job of scheduled) {
      if (stopped) return;
      try {
        await runJob(deps, job, { period: job.schedule!(deps.clock.now()), trigger: 'schedule' });
      } catch (err) {
        // The run record could not be written (database down): try again next tick.
        deps.logger.error({ err, job: job.name }, 'scheduled job could not start');
      }
    }
  };
  const arm = () => {
    if (stopped) return;
    const delay = options.everyMs ?? MINUTE - (Date.now() % MINUTE) + AFTER_MINUTE_MS;
    timer = setTimeout(() => {
      current = tick().finally(() => {
        current = undefined;
        arm();
      });
    }, delay);
    timer.unref();
  };
  arm();

  return {
    name: 'scheduler',
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
