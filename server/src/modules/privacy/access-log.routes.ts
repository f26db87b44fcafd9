import {
  PiiAccessPageSchema,
  PiiAccessQuerySchema,
  RecipientsSchema,
  TouchedSubjectsPageSchema,
  TouchedSubjectsQuerySchema,
} from '../../../../shared/schemas/access-log.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { searchAccessLog, touchedSubjects } from './access-log.service';
import { recipientsRegistry } from './recipients.service';

/**
 * The admin's accountability views (PIPL Art. 21–23, 54–57): the
 * personal-information access log (read only: the path takes no PUT, PATCH
 * or DELETE, and nothing else writes to it but the reveals themselves), the
 * breach-response list of people an actor touched, and the recipients
 * registry of entrusted dealers.
 */
export function accessLogRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/privacy/access-log',
      summary: 'Search the personal-information access log by actor, subject (id or phone), action and time range; newest first',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.audit' },
      query: PiiAccessQuerySchema,
      response: PiiAccessPageSchema,
      handler: ({ query, state }) => searchAccessLog(deps, state.em, query),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/privacy/access-log/subjects',
      summary: 'Breach response: every person whose data one actor touched in a time range, with counts, actions and fields',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.audit' },
      query: TouchedSubjectsQuerySchema,
      response: TouchedSubjectsPageSchema,
      handler: ({ query, state }) => touchedSubjects(deps, state.em, query),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/privacy/recipients',
      summary: 'The recipients registry: entrusted dealers with contract, purposes, fields shared and provision counts',
      tags: ['privacy', 'admin'],
      access: { permission: 'admin.privacy' },
      response: RecipientsSchema,
      handler: ({ state }) => recipientsRegistry(state.em),
    }),
  ];
}
