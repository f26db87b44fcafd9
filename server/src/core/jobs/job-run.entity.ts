import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * One run of a scheduled job for one period (e.g. `sla` for minute
 * `2026-11-22T09:15`). The unique pair is the lock: of several instances,
 * only the one whose insert succeeds runs the period.
 */
export const JobRunSchema = defineEntity({
  name: 'JobRun',
  tableName: 'job_run',
  uniques: [{ properties: ['job', 'period'] }],
  properties: {
    ...baseProperties(),
    job: p.string().length(40),
    period: p.string().length(60),
    /** Who started it: `schedule`, or the admin's user id. */
    trigger: p.string().length(40),
    finishedAt: p.datetime().nullable(),
    result: p.json<Record<string, unknown>>().nullable(),
    error: p.text().nullable(),
  },
});
export type JobRun = InferEntity<typeof JobRunSchema>;
