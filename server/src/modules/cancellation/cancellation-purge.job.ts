import type { JobDefinition } from '../../core/jobs/job';
import { nightlyPeriod } from '../../core/jobs/periods';
import { purgeDueAccounts, summary } from './cancellation-purge.service';

/**
 * Nightly, and on demand (`POST /admin/jobs/cancellation-purge/run`):
 * deletes or anonymises the personal data of every account whose
 * cancellation grace period has ended (privacy.md, "Deletion and account
 * cancellation"). Repeatable: an account is claimed once, and one that
 * failed is simply due again on the next run. The run record keeps counts
 * only — never who. A run an admin starts also compacts an SQLite file
 * (cancellation-purge.service.ts), so a failed compaction can be redone.
 */
export const cancellationPurgeJob: JobDefinition = {
  name: 'cancellation-purge',
  schedule: nightlyPeriod,
  async run(deps, ctx) {
    const { failed, ...counts } = await purgeDueAccounts(deps, ctx.now, ctx.log, { compact: ctx.trigger === 'schedule' ? 'if-purged' : 'always' });
    if (failed > 0) throw new Error(`${failed} account(s) could not be purged and stay due (see the log); done: ${summary(counts) || 'nothing'}`);
    return counts;
  },
};
