import { z } from 'zod';
import { JobRunViewSchema } from '../../../../shared/schemas/jobs.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { runJobNow } from './jobs.service';

export function jobRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/admin/jobs/:job/run',
      summary: 'Run a scheduled job now (e.g. `sla`); answers with its run record, a failure included (404 for an unknown job)',
      tags: ['admin'],
      access: { permission: 'admin.jobs' },
      params: z.object({ job: z.string().min(1).max(40) }),
      response: JobRunViewSchema,
      errors: [404],
      handler: ({ params, state }) => runJobNow(deps, state.actor!, params.job),
    }),
  ];
}
