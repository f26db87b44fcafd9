import { z } from 'zod';
import { IsoDateTime } from './common.schema';

/** Scheduled jobs an admin may run on demand (`POST /admin/jobs/:job/run`). */
export const JOB_NAMES = ['sla', 'retention', 'cancellation-purge'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/**
 * One run of a scheduled job: which period it covered (`2026-11-22T09:15`
 * for a scheduled minute, `manual:…` for a run an admin started), who
 * started it (`schedule` or the admin's user id), and how it ended.
 * `status` is `running` until it finishes (a run whose process died stays so).
 */
export const JobRunViewSchema = z.object({
  id: z.string(),
  job: z.string(),
  period: z.string(),
  trigger: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** What the job reports, e.g. `{checked, warnings, breaches}` for `sla`. */
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});
export type JobRunView = z.infer<typeof JobRunViewSchema>;
