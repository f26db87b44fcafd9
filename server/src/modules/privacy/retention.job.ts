import type { JobDefinition } from '../../core/jobs/job';
import { nightlyPeriod } from '../../core/jobs/periods';

/** Nightly: deletes or anonymises what has outlived its retention period (privacy.md, Retention limits). */
export const retentionJob: JobDefinition = {
  name: 'retention',
  schedule: nightlyPeriod,
  async run() {
    throw new Error('retention job: being built (issue 8)');
  },
};
