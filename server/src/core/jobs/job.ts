import type { Logger } from 'pino';
import type { AppDeps } from '../../app-deps';

export interface JobContext {
  /** The deps clock when the run started. */
  now: Date;
  period: string;
  /** `schedule`, or the id of the admin who started it. */
  trigger: string;
  log: Logger;
}

/**
 * A job the server runs on a schedule and admins can run on demand. Runs
 * must be safe to repeat: a run record stops a second run of the same
 * period, not a manual run beside a scheduled one.
 */
export interface JobDefinition {
  name: string;
  /** The period a scheduled run at `now` covers (e.g. its minute); without it the job runs only on demand. */
  schedule?: (now: Date) => string;
  /** Does the work; what it returns is kept on the run record. */
  run(deps: AppDeps, ctx: JobContext): Promise<Record<string, unknown>>;
}
