import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AuditQuery, AuditView } from '../../../../shared/schemas/admin-users.schema';
import type { AppDeps } from '../../app-deps';
import { peopleByIds } from '../users/user-names';
import { findUserByPhone } from '../users/users.service';

interface AuditRow {
  id: string;
  created_at: string | number | Date;
  action: string;
  actor_id: string | null;
  subject_user_id: string | null;
  reason: string | null;
  request_id: string | null;
}

const iso = (v: string | number | Date) => new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v).toISOString();

/** The subject a query names: by id, or by phone through the blind index; `false` when it names nobody (nothing can match). */
async function subjectOf(deps: AppDeps, em: EntityManager, query: AuditQuery): Promise<string | undefined | false> {
  if (!query.subjectPhone) return query.subjectUserId;
  const user = await findUserByPhone(em, deps.pii, query.subjectPhone);
  if (!user || (query.subjectUserId && query.subjectUserId !== user.id)) return false;
  return user.id;
}

/** Every action on record, for the filter's dropdown. */
async function distinctActions(em: EntityManager): Promise<string[]> {
  const knex = (em as SqlEntityManager).getKnex();
  const found = (await (em as SqlEntityManager).getConnection().execute(knex('audit_event').distinct('action').orderBy('action', 'asc'))) as { action: string }[];
  return found.map((r) => r.action);
}

/**
 * `GET /admin/audit`: the admin-decision log, newest first in keyset pages
 * (ids are UUIDv7, so id order is time order). `action` is exact, or a
 * prefix when it ends in `.` (`account.` finds every account action);
 * the prefix is compared with substr rather than LIKE so `_` and `%` in
 * action names mean themselves on both dialects. Time range is [from, to).
 * Names of the actors and subjects on the page only are opened.
 */
export async function searchAudit(deps: AppDeps, em: EntityManager, query: AuditQuery): Promise<{ items: AuditView[]; nextCursor: string | null; actions: string[] }> {
  const actions = await distinctActions(em);
  const subject = await subjectOf(deps, em, query);
  if (subject === false) return { items: [], nextCursor: null, actions };
  const knex = (em as SqlEntityManager).getKnex();
  const platform = em.getPlatform();
  const q = knex('audit_event as a')
    .select('a.id', 'a.created_at', 'a.action', 'a.actor_id', 'a.subject_user_id', 'a.reason', 'a.request_id')
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1);
  if (query.action?.endsWith('.')) {
    // The length is a number this code computed, never user text.
    q.whereRaw(`substr(a.action, 1, ${[...query.action].length}) = ?`, [query.action]);
  } else if (query.action) {
    q.where('a.action', query.action);
  }
  if (query.actorId) q.where('a.actor_id', query.actorId);
  if (subject) q.where('a.subject_user_id', subject);
  if (query.from) q.where('a.created_at', '>=', platform.processDateProperty(new Date(query.from)) as never);
  if (query.to) q.where('a.created_at', '<', platform.processDateProperty(new Date(query.to)) as never);
  if (query.cursor) q.where('a.id', '<', query.cursor);
  const found = (await (em as SqlEntityManager).getConnection().execute(q)) as AuditRow[];
  const page = found.slice(0, query.limit);
  const people = await peopleByIds(
    em,
    deps.pii,
    page.flatMap((r) => [r.actor_id, r.subject_user_id]),
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      createdAt: iso(r.created_at),
      action: r.action,
      actor: r.actor_id ? { id: r.actor_id, name: people.get(r.actor_id)?.name ?? null, role: people.get(r.actor_id)?.role ?? null } : null,
      subject: r.subject_user_id ? { id: r.subject_user_id, name: people.get(r.subject_user_id)?.name ?? null } : null,
      reason: r.reason ?? null,
      requestId: r.request_id ?? null,
    })),
    nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null,
    actions,
  };
}
