import type { JobRunView } from '../../../../shared/schemas/jobs.schema';
import type { AppDeps } from '../../app-deps';
import { NotFoundError } from '../../core/errors';
import { runJob } from '../../core/jobs/job-runner';
import { manualPeriod } from '../../core/jobs/periods';
import type { Actor } from '../../http/state';
import { findJob } from './jobs.registry';

/**
 * An admin runs a scheduled job now. The manual period is unique, so it
 * always runs, even beside the scheduled run of the same minute (jobs are
 * repeatable: the SLA marks, not the run record, stop double notices).
 */
export async function runJobNow(deps: AppDeps, actor: Actor, name: string): Promise<JobRunView> {
  const job = findJob(name);
  if (!job) throw new NotFoundError(`No job "${name}".`);
  const { record } = await runJob(deps, job, { period: manualPeriod(deps.clock.now()), trigger: actor.userId });
  return record;
}
