import type { JobDefinition } from '../../core/jobs/job';
import type { JobName } from '../../../../shared/schemas/jobs.schema';
import { cancellationPurgeJob } from '../cancellation/cancellation-purge.job';
import { retentionJob } from '../privacy/retention.job';
import { slaJob } from '../tickets/sla.job';

/**
 * Every job the server knows, by the name admins use in
 * `POST /admin/jobs/:job/run`. The scheduler runs those with a schedule.
 */
export const JOBS: Record<JobName, JobDefinition> = {
  sla: slaJob,
  retention: retentionJob,
  'cancellation-purge': cancellationPurgeJob,
};

export const ALL_JOBS: readonly JobDefinition[] = Object.values(JOBS);

export function findJob(name: string): JobDefinition | undefined {
  return Object.hasOwn(JOBS, name) ? JOBS[name as JobName] : undefined;
}
