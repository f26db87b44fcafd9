import type { JobDefinition } from '../../core/jobs/job';
import { nightlyPeriod } from '../../core/jobs/periods';

/** Nightly: purges the personal data of accounts whose cancellation grace period has ended. */
export const cancellationPurgeJob: JobDefinition = {
  name: 'cancellation-purge',
  schedule: nightlyPeriod,
  async run() {
    throw new Error('cancellation purge: being built (issue 8)');
  },
};
