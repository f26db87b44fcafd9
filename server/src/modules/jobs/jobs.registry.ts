import type { JobDefinition } from '../../core/jobs/job';
import type { JobName } from '../../../../shared/schemas/jobs.schema';
import { slaJob } from '../tickets/sla.job';

/**
 * Every job the server knows, by the name admins use in
 * `POST /admin/jobs/:job/run`. The scheduler runs those with a schedule.
 * (`retention`, `cancellation-purge` … join here as they are built.)
 */
export const JOBS: Record<JobName, JobDefinition> = {
  sla: slaJob,
};

export const ALL_JOBS: readonly JobDefinition[] = Object.values(JOBS);

export function findJob(name: string): JobDefinition | undefined {
  return Object.hasOwn(JOBS, name) ? JOBS[name as JobName] : undefined;
}
