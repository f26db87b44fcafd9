import { z } from 'zod';
import { AccountSchema } from '../../../../shared/schemas/access.schema';
import {
  AdminCreateSchema,
  AdminUserDetailSchema,
  AdminUserPageSchema,
  AdminUserQuerySchema,
  BulkUserActionSchema,
  BulkUserResultSchema,
  DisableSchema,
  RevokeSessionsResultSchema,
  RoleChangeSchema,
} from '../../../../shared/schemas/admin-users.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute, type AnyRoute } from '../../http/route';
import { createAdmin } from './accounts.service';
import { accountDetail, searchAccounts } from './admin-users.read';
import { bulkAction, changeRole, disableAccount, enableAccount, revokeSessions } from './admin-users.service';

const Params = z.object({ id: z.string().uuid() });
/** Enabling and ending sessions need no reason; one given goes into the audit row. */
const OptionalReason = z.object({ reason: DisableSchema.shape.reason.optional() });

/** Admin console — users: search, profile, role change, disable, revoke sessions, bulk actions (issue 9). */
export function adminUserRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/accounts',
      summary: 'Search accounts by full name or full phone (blind indexes), hospital, role and status; newest first, masked phones',
      tags: ['admin'],
      access: { permission: 'admin.access' },
      query: AdminUserQuerySchema,
      response: AdminUserPageSchema,
      handler: ({ query, state }) => searchAccounts(deps, state.em, query),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/accounts/:id',
      summary: "One account's profile for the admin (phone masked; the badge is opened, and logged, through GET /files/:id)",
      tags: ['admin'],
      access: { permission: 'admin.access' },
      params: Params,
      response: AdminUserDetailSchema,
      errors: [404],
      handler: ({ params, state }) => accountDetail(deps, state.em, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/accounts/:id/role',
      summary: "Change an account's role (effective on its next request); never one's own, never the last admin's",
      tags: ['admin'],
      access: { permission: 'admin.access' },
      params: Params,
      body: RoleChangeSchema,
      response: AdminUserDetailSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => changeRole(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/accounts/:id/disable',
      summary: 'Disable an account: all sessions end, sign-in and requests are refused (ACCOUNT_DISABLED) until enabled',
      tags: ['admin'],
      access: { permission: 'admin.access' },
      params: Params,
      body: DisableSchema,
      response: AdminUserDetailSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => disableAccount(deps, state.em, state.actor!, params.id, body.reason, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/accounts/:id/enable',
      summary: 'Enable a disabled account: the person may sign in again',
      tags: ['admin'],
      access: { permission: 'admin.access' },
      params: Params,
      body: OptionalReason,
      response: AdminUserDetailSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => enableAccount(deps, state.em, state.actor!, params.id, body.reason, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/accounts/:id/revoke-sessions',
      summary: "End all of an account's live sessions now; its tokens answer 401 on the next request",
      tags: ['admin'],
      access: { permission: 'admin.access' },
      params: Params,
      body: OptionalReason,
      response: RevokeSessionsResultSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => revokeSessions(deps, state.em, state.actor!, params.id, body.reason, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/accounts/bulk',
      summary: 'Disable, enable or end the sessions of up to 100 accounts in one transaction; the own account and unchanged ones are skipped with a reason',
      tags: ['admin'],
      access: { permission: 'admin.access' },
      body: BulkUserActionSchema,
      response: BulkUserResultSchema,
      handler: ({ body, state }) => bulkAction(deps, state.em, state.actor!, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/admins',
      summary: 'Create another admin account',
      tags: ['admin'],
      access: { permission: 'admin.directory' },
      body: AdminCreateSchema,
      response: AccountSchema,
      status: 201,
      errors: [409],
      handler: ({ body, state }) => createAdmin(deps, state.em, state.actor!, body, state.requestId),
    }),
  ];
}
