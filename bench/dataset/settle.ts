import type { AppDeps } from '../../server/src/app-deps';
import { parseEnv } from '../../server/src/config/env';
import { systemClock } from '../../server/src/core/clock';
import { runJob } from '../../server/src/core/jobs/job-runner';
import { createLogger } from '../../server/src/core/logger';
import { deliverDue } from '../../server/src/core/outbox/outbox.worker';
import { FieldCipher } from '../../server/src/core/pii/field-cipher';
import { loadKeyring } from '../../server/src/core/pii/keyring';
import { initOrm } from '../../server/src/db/init-orm';
import { createStorage } from '../../server/src/integrations/storage/storage.factory';
import { ALL_JOBS } from '../../server/src/modules/jobs/jobs.registry';
import { UserPii } from '../../server/src/modules/users/user.pii';
import { OUTBOX_HANDLERS } from '../../server/src/outbox-handlers';
import { DATA_DIR } from './config';
import type { Target } from './meta';

/**
 * Brings the database to the state a running installation is in, with the
 * server's own code: every scheduled job is run for its current period (the
 * SLA job records the open tickets' warnings and breaches and queues their
 * notifications; the nightly retention and cancellation purge run for
 * tonight), then the outbox is delivered. Done after a build and before each
 * run, so the bench server's first job tick finds nothing left to do in the
 * middle of a measurement (the per-minute SLA pass still runs, as it would in
 * production).
 */
export async function settle(t: Target, log: (msg: string) => void, options: { skip?: string[] } = {}): Promise<{ slaMarks: number; delivered: number }> {
  const env = parseEnv({ NODE_ENV: 'development', DATA_DIR, DATABASE_URL: t.dialect === 'sqlite' ? `sqlite:${t.location}` : t.location, LOG_LEVEL: 'silent' });
  const orm = await initOrm(env.database);
  const cipher = new FieldCipher(loadKeyring(env));
  const storage = createStorage({ driver: 'local', dataDir: DATA_DIR });
  try {
    const deps = { env, orm, cipher, pii: new UserPii(cipher), storage, clock: systemClock, logger: createLogger({ level: 'silent' }), onShutdown: () => undefined } as unknown as AppDeps;
    let slaMarks = 0;
    for (const job of ALL_JOBS) {
      if (!job.schedule || options.skip?.includes(job.name)) continue;
      const t0 = Date.now();
      const outcome = await runJob(deps, job, { period: job.schedule(new Date()), trigger: 'schedule' });
      const result = outcome.record.result as Record<string, number> | null;
      if (job.name === 'sla' && result) slaMarks = (result.warnings ?? 0) + (result.breaches ?? 0);
      if (outcome.ran) log(`job ${job.name}: ${outcome.record.error ? `failed (${outcome.record.error})` : JSON.stringify(result)} in ${Date.now() - t0} ms`);
    }
    let delivered = 0;
    for (;;) {
      const round = await deliverDue(deps, OUTBOX_HANDLERS, { limit: 500 });
      delivered += round.delivered;
      if (round.delivered + round.failed === 0) break;
    }
    if (delivered) log(`outbox: ${delivered} notifications delivered`);
    return { slaMarks, delivered };
  } finally {
    storage.close?.();
    await orm.close(true);
  }
}
