import { AuditPageSchema, AuditQuerySchema } from '../../../../shared/schemas/admin-users.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute, type AnyRoute } from '../../http/route';
import { searchAudit } from './audit.read';

/**
 * Admin console — the admin-action audit log search (issue 9). Read only:
 * the log is appended to by the actions themselves (recordAudit) and has no
 * update or delete path in the API.
 */
export function auditRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/audit',
      summary: 'Search the audit log of admin decisions by action (exact or prefix ending in "."), actor, subject (id or phone) and time range; newest first',
      tags: ['admin'],
      access: { permission: 'admin.audit' },
      query: AuditQuerySchema,
      response: AuditPageSchema,
      handler: ({ query, state }) => searchAudit(deps, state.em, query),
    }),
  ];
}
