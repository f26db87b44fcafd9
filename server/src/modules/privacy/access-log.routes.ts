import { z } from 'zod';
import { PII_ACCESS_ACTIONS, PiiAccessPageSchema, PiiAccessQuerySchema } from '../../../../shared/schemas/access-log.schema';
import { IsoDateTime } from '../../../../shared/schemas/common.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { searchAccessLog, touchedSubjects } from './access-log.service';
import { recipientsRegistry } from './recipients.service';

/** `GET /admin/privacy/access-log/subjects`: one actor, a bounded time range, pages by subject id. */
export const TouchedSubjectsQuerySchema = z
  .object({
    actorId: z.string().uuid(),
    from: IsoDateTime,
    to: IsoDateTime,
    cursor: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => new Date(q.from) <= new Date(q.to), { message: '结束时间不能早于开始时间', path: ['to'] });

export const TouchedSubjectsPageSchema = z.object({
  items: z.array(
    z.object({
      subject: z.object({ id: z.string(), name: z.string().nullable() }),
      accesses: z.number().int(),
      firstAt: IsoDateTime,
      lastAt: IsoDateTime,
      actions: z.array(z.enum(PII_ACCESS_ACTIONS)),
      fields: z.array(z.string()),
    }),
  ),
  nextCursor: z.string().nullable(),
  /** People in bulk exports that name no one subject (the sum of their `subjectCount`). */
  unnamedSubjects: z.number().int(),
});

export const RecipientsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      contractRef: z.string(),
      purposes: z.array(z.string()),
      fields: z.array(z.string()),
      active: z.boolean(),
      staffCount: z.number().int(),
      provisionCount: z.number().int(),
      subjectCount: z.number().int(),
      lastProvisionAt: IsoDateTime.nullable(),
      createdAt: IsoDateTime,
    }),
  ),
});

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
