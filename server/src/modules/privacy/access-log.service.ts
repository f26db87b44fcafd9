import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { PiiAccessAction, PiiAccessQuery, PiiAccessView } from '../../../../shared/schemas/access-log.schema';
import type { AppDeps } from '../../app-deps';
import { seesFullContactPhone, viewKind, type TicketActor } from '../tickets/tickets.policy';
import type { TicketRow } from '../tickets/tickets.read';
import type { User } from '../users/user.entity';
import type { UserPii } from '../users/user.pii';
import { findUserByPhone } from '../users/users.service';
import { recordPiiAccess } from './pii-access.service';
import { sealedIsEmpty } from './retention.job';

/**
 * The personal-information access log as admins read it (privacy.md,
 * "Security measures; access logged" and "Breach response"), and the one
 * reveal that needs a rule of its own to decide: a ticket's contact phone
 * shown in full. Reading the log only selects: nothing here, nor any route,
 * updates or deletes a row (the retention job removes rows past three years).
 */

/**
 * A ticket's contact phone shown in full to someone other than its reporter
 * (the assigned engineer, an admin) is a reveal: one `phone.reveal` row per
 * ticket, the reporter as subject (the contact is on their record; it may be
 * a colleague, named by the ticket number in `purpose`). A dealer's read is
 * logged as `dealer.read` with its provision record instead; masked phones,
 * the reporter's own and anonymised tickets reveal nothing. Flushed here.
 */
export async function recordContactPhoneReveals(em: EntityManager, who: TicketActor, rows: TicketRow[], requestId: string): Promise<void> {
  if (viewKind(who) === 'dealer') return;
  const revealed = rows.filter((r) => r.reporterId !== who.userId && seesFullContactPhone(who, r) && !sealedIsEmpty(r.contactPhoneSealed));
  if (!revealed.length) return;
  for (const r of revealed) {
    recordPiiAccess(em, { actorId: who.userId, subjectUserId: r.reporterId, action: 'phone.reveal', fields: ['ticket.contactPhone'], purpose: `工单联系 ${r.number}`, requestId });
  }
  await em.flush();
}

interface LogRow {
  id: string;
  created_at: string | number | Date;
  actor_id: string | null;
  subject_user_id: string | null;
  subject_count: number | string;
  action: string;
  fields: string | string[];
  purpose: string;
  request_id: string | null;
}

const iso = (v: string | number | Date) => new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v).toISOString();
const jsonArray = (v: string | string[]) => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);

/** Names and roles of people, opened for the admin's view (a name is not a reveal); a purged person has none. */
async function people(em: EntityManager, pii: UserPii, ids: (string | null)[]): Promise<Map<string, { name: string | null; role: string | null }>> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!unique.length) return new Map();
  const found = (await em.getConnection().execute(
    `select id, role, name_sealed from app_user where id in (${unique.map(() => '?').join(', ')})`,
    unique,
  )) as unknown as { id: string; role: string; name_sealed: string | null }[];
  return new Map(found.map((u) => [u.id, { name: pii.get({ id: u.id, nameSealed: u.name_sealed } as User, 'name'), role: u.role }]));
}

/** The subject a query names: by id, or by phone through the blind index; `false` when it names nobody (nothing can match). */
async function subjectOf(deps: AppDeps, em: EntityManager, query: { subjectUserId?: string; subjectPhone?: string }): Promise<string | undefined | false> {
  if (!query.subjectPhone) return query.subjectUserId;
  const user = await findUserByPhone(em, deps.pii, query.subjectPhone);
  if (!user || (query.subjectUserId && query.subjectUserId !== user.id)) return false;
  return user.id;
}

function inRange(em: EntityManager, q: Knex.QueryBuilder, range: { from?: string; to?: string }): void {
  const platform = em.getPlatform();
  if (range.from) q.where('l.created_at', '>=', platform.processDateProperty(new Date(range.from)) as never);
  if (range.to) q.where('l.created_at', '<', platform.processDateProperty(new Date(range.to)) as never);
}

/**
 * `GET /admin/privacy/access-log`: rows by actor, subject (id or phone),
 * action and time range [from, to), newest first in keyset pages (ids are
 * UUIDv7, so id order is time order). Indexed by (actor, id), (subject, id)
 * and created_at.
 */
export async function searchAccessLog(deps: AppDeps, em: EntityManager, query: PiiAccessQuery): Promise<{ items: PiiAccessView[]; nextCursor: string | null }> {
  const subject = await subjectOf(deps, em, query);
  if (subject === false) return { items: [], nextCursor: null };
  const knex = (em as SqlEntityManager).getKnex();
  const q = knex('pii_access_log as l')
    .select('l.id', 'l.created_at', 'l.actor_id', 'l.subject_user_id', 'l.subject_count', 'l.action', 'l.fields', 'l.purpose', 'l.request_id')
    .orderBy('l.id', 'desc')
    .limit(query.limit + 1);
  if (query.actorId) q.where('l.actor_id', query.actorId);
  if (subject) q.where('l.subject_user_id', subject);
  if (query.action) q.where('l.action', query.action);
  if (query.cursor) q.where('l.id', '<', query.cursor);
  inRange(em, q, query);
  const found = (await (em as SqlEntityManager).getConnection().execute(q)) as LogRow[];
  const page = found.slice(0, query.limit);
  const names = await people(em, deps.pii, page.flatMap((r) => [r.actor_id, r.subject_user_id]));
  return {
    items: page.map((r) => ({
      id: r.id,
      createdAt: iso(r.created_at),
      actor: r.actor_id ? { id: r.actor_id, name: names.get(r.actor_id)?.name ?? null, role: names.get(r.actor_id)?.role ?? null } : null,
      subject: r.subject_user_id ? { id: r.subject_user_id, name: names.get(r.subject_user_id)?.name ?? null } : null,
      subjectCount: Number(r.subject_count),
      action: r.action as PiiAccessAction,
      fields: jsonArray(r.fields),
      purpose: r.purpose,
      requestId: r.request_id,
    })),
    nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

export interface TouchedSubject {
  subject: { id: string; name: string | null };
  accesses: number;
  firstAt: string;
  lastAt: string;
  actions: PiiAccessAction[];
  fields: string[];
}

/**
 * Breach response (PIPL Art. 57): every person whose data one actor touched
 * in [from, to) — how often, first and last time, which actions and fields —
 * in pages by subject id. Rows of bulk exports that name no subject are
 * summed in `unnamedSubjects`.
 */
export async function touchedSubjects(
  deps: AppDeps,
  em: EntityManager,
  query: { actorId: string; from: string; to: string; cursor?: string; limit: number },
): Promise<{ items: TouchedSubject[]; nextCursor: string | null; unnamedSubjects: number }> {
  const knex = (em as SqlEntityManager).getKnex();
  const base = () => {
    const q = knex('pii_access_log as l').where('l.actor_id', query.actorId);
    inRange(em, q, query);
    return q;
  };
  const grouped = base()
    .whereNotNull('l.subject_user_id')
    .select('l.subject_user_id', knex.raw('count(*) as accesses'), knex.raw('min(l.created_at) as first_at'), knex.raw('max(l.created_at) as last_at'))
    .groupBy('l.subject_user_id')
    .orderBy('l.subject_user_id', 'asc')
    .limit(query.limit + 1);
  if (query.cursor) grouped.where('l.subject_user_id', '>', query.cursor);
  const found = (await (em as SqlEntityManager).getConnection().execute(grouped)) as { subject_user_id: string; accesses: number | string; first_at: string | number | Date; last_at: string | number | Date }[];
  const page = found.slice(0, query.limit);

  const details = new Map<string, { actions: Set<string>; fields: Set<string> }>();
  if (page.length) {
    const kinds = (await (em as SqlEntityManager).getConnection().execute(
      base()
        .distinct('l.subject_user_id', 'l.action', 'l.fields')
        .whereIn(
          'l.subject_user_id',
          page.map((r) => r.subject_user_id),
        ),
    )) as { subject_user_id: string; action: string; fields: string | string[] }[];
    for (const k of kinds) {
      const d = details.get(k.subject_user_id) ?? { actions: new Set(), fields: new Set() };
      d.actions.add(k.action);
      for (const f of jsonArray(k.fields)) d.fields.add(f);
      details.set(k.subject_user_id, d);
    }
  }
  const [bulk] = (await (em as SqlEntityManager).getConnection().execute(base().whereNull('l.subject_user_id').select(knex.raw('coalesce(sum(l.subject_count), 0) as n')))) as { n: number | string }[];
  const names = await people(em, deps.pii, page.map((r) => r.subject_user_id));
  return {
    items: page.map((r) => ({
      subject: { id: r.subject_user_id, name: names.get(r.subject_user_id)?.name ?? null },
      accesses: Number(r.accesses),
      firstAt: iso(r.first_at),
      lastAt: iso(r.last_at),
      actions: [...(details.get(r.subject_user_id)?.actions ?? [])].sort() as PiiAccessAction[],
      fields: [...(details.get(r.subject_user_id)?.fields ?? [])].sort(),
    })),
    nextCursor: found.length > query.limit ? page[page.length - 1]!.subject_user_id : null,
    unnamedSubjects: Number(bulk?.n ?? 0),
  };
}
