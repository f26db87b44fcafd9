import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { JobRunView } from '../../../../shared/schemas/jobs.schema';
import type { AppDeps } from '../../app-deps';
import { newId } from '../ids';
import type { JobDefinition } from './job';
import { JobRunSchema, type JobRun } from './job-run.entity';

export interface JobRunOutcome {
  record: JobRunView;
  /** False when another run (another instance, or an earlier tick) already had this period. */
  ran: boolean;
}

export function jobRunView(run: Pick<JobRun, 'id' | 'job' | 'period' | 'trigger' | 'createdAt' | 'finishedAt' | 'result' | 'error'>): JobRunView {
  return {
    id: run.id,
    job: run.job,
    period: run.period,
    trigger: run.trigger,
    status: !run.finishedAt ? 'running' : run.error ? 'failed' : 'succeeded',
    startedAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    result: run.result ?? null,
    error: run.error ?? null,
  };
}

/**
 * Claims the period by inserting its run record — committed on its own, before
 * any work, so every other instance sees it — and only the inserter runs.
 * `on conflict do nothing` rather than catching the unique violation keeps
 * PostgreSQL's log quiet when several instances tick the same minute.
 */
async function claim(em: EntityManager, row: { id: string; createdAt: Date; job: string; period: string; trigger: string }): Promise<boolean> {
  const inserted = await (em as SqlEntityManager)
    .createQueryBuilder(JobRunSchema)
    .insert({ ...row, finishedAt: null, result: null, error: null })
    .onConflict(['job', 'period'])
    .ignore()
    .execute('run');
  return inserted.affectedRows === 1;
}

/**
 * Runs `job` for `period` unless a run record for that period exists: then
 * that record comes back with `ran: false`. The outcome — the job's result or
 * its error — is written to the record; a failure does not throw, it is the
 * record's `error` (and logged with its stack). A process that dies mid-run
 * leaves the record unfinished and that period is not retried: the next
 * period's run picks the work up (jobs are written to be repeatable).
 */
export async function runJob(deps: AppDeps, job: JobDefinition, options: { period: string; trigger: string }): Promise<JobRunOutcome> {
  const em = deps.orm.em.fork();
  const startedAt = deps.clock.now();
  const id = newId();
  if (!(await claim(em, { id, createdAt: startedAt, job: job.name, period: options.period, trigger: options.trigger }))) {
    const existing = await em.findOneOrFail(JobRunSchema, { job: job.name, period: options.period });
    return { record: jobRunView(existing), ran: false };
  }
  const log = deps.logger.child({ job: job.name, period: options.period, jobRunId: id });
  let result: Record<string, unknown> | null = null;
  let error: string | null = null;
  try {
    result = await job.run(deps, { now: startedAt, period: options.period, trigger: options.trigger, log });
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 2000) || 'failed';
    log.error({ err }, 'job failed');
  }
  const finishedAt = deps.clock.now();
  await em.nativeUpdate(JobRunSchema, { id }, { finishedAt, result, error });
  // A scheduled job finishes every minute: that is debug; a run an admin asked for is worth a line.
  if (!error) log[options.trigger === 'schedule' ? 'debug' : 'info']({ result, ms: finishedAt.getTime() - startedAt.getTime() }, 'job finished');
  return {
    record: jobRunView({ id, job: job.name, period: options.period, trigger: options.trigger, createdAt: startedAt, finishedAt, result, error }),
    ran: true,
  };
}
