import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { AdminUserDetail, AdminUserQuery, AdminUserRow } from '../../../../shared/schemas/admin-users.schema';
import type { Gender, UserStatus } from '../../../../shared/schemas/me.schema';
import type { Role, StaffTier } from '../../../../shared/permissions';
import { maskPhone } from '../../../../shared/phone';
import type { AppDeps } from '../../app-deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { activeManagedDepartments } from '../access/managed-departments';
import { balanceIn } from '../points/points-ledger';
import type { User } from '../users/user.entity';
import { normalizePhone } from '../users/user.pii';

/**
 * The admin console's users area, read side: hot reads that select columns
 * into plain rows (architecture.md, "Data"), personal fields opened for the
 * rows of the page only. Purged accounts are anonymous shells kept for the
 * records; they are not accounts an admin can act on, so they are not listed.
 */

interface AccountRow {
  id: string;
  name_sealed: string | null;
  phone_sealed: string | null;
  role: Role;
  tier: StaffTier | null;
  status: UserStatus;
  disabled_at: string | number | Date | null;
  created_at: string | number | Date;
  hospital_id: string | null;
  hospital_name: string | null;
  department_id: string | null;
  department_name: string | null;
  dealer_id: string | null;
  dealer_name: string | null;
}

interface DetailRow extends AccountRow {
  position_sealed: string | null;
  title_sealed: string | null;
  gender_sealed: string | null;
  badge_file_id: string | null;
  disabled_reason: string | null;
  registered_at: string | number | Date | null;
  consent_purposes: string | string[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SQLite hands datetimes back as epoch milliseconds (number or numeric string), PostgreSQL as Date. */
export const iso = (v: string | number | Date) => new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v).toISOString();
const isoOrNull = (v: string | number | Date | null | undefined) => (v === null || v === undefined ? null : iso(v));

/** An 11-digit mobile number, as typed (spaces, dashes, +86 allowed); anything else is a name. */
function asPhone(q: string): string | null {
  const compact = q.replace(/[\s-]/g, '');
  return /^(\+?86)?1\d{10}$/.test(compact) ? normalizePhone(compact) : null;
}

function accountsQuery(em: EntityManager, extra: string[] = []): Knex.QueryBuilder {
  const knex = (em as SqlEntityManager).getKnex();
  return knex('app_user as u')
    .leftJoin('hospital as h', 'h.id', 'u.hospital_id')
    .leftJoin('department as d', 'd.id', 'u.department_id')
    .leftJoin('dealer as dl', 'dl.id', 'u.dealer_id')
    .whereNull('u.purged_at')
    .select(
      'u.id',
      'u.name_sealed',
      'u.phone_sealed',
      'u.role',
      'u.tier',
      'u.status',
      'u.disabled_at',
      'u.created_at',
      'u.hospital_id',
      'h.name as hospital_name',
      'u.department_id',
      'd.name as department_name',
      'u.dealer_id',
      'dl.name as dealer_name',
      ...extra,
    );
}

/** Live sessions per person of one page, counted in one grouped query. */
async function liveSessionCounts(deps: AppDeps, em: EntityManager, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const knex = (em as SqlEntityManager).getKnex();
  const now = em.getPlatform().processDateProperty(deps.clock.now()) as never;
  const q = knex('user_session as s')
    .select('s.user_id', knex.raw('count(*) as n'))
    .whereIn('s.user_id', userIds)
    .whereNull('s.revoked_at')
    .where('s.idle_expires_at', '>', now)
    .where('s.absolute_expires_at', '>', now)
    .groupBy('s.user_id');
  const found = (await (em as SqlEntityManager).getConnection().execute(q)) as { user_id: string; n: number | string }[];
  return new Map(found.map((r) => [r.user_id, Number(r.n)]));
}

function rowView(deps: AppDeps, r: AccountRow, sessions: number): AdminUserRow {
  const phone = deps.pii.get({ id: r.id, phoneSealed: r.phone_sealed } as User, 'phone');
  return {
    id: r.id,
    name: deps.pii.get({ id: r.id, nameSealed: r.name_sealed } as User, 'name'),
    phone: phone ? maskPhone(phone) : null,
    role: r.role,
    tier: r.tier ?? null,
    status: r.status,
    disabled: r.disabled_at !== null && r.disabled_at !== undefined,
    hospital: r.hospital_id ? { id: r.hospital_id, name: r.hospital_name ?? '' } : null,
    department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
    dealer: r.dealer_id ? { id: r.dealer_id, name: r.dealer_name ?? '' } : null,
    activeSessions: sessions,
    createdAt: iso(r.created_at),
  };
}

/**
 * `GET /admin/accounts`: newest accounts first, keyset by (time-ordered) id.
 * `q` is either a full mobile number (phone blind index, unique) or a full
 * name (name blind index, exact after trim + NFKC) — both equality lookups
 * on indexed columns, so nobody else's data is decrypted to search. Status
 * `disabled` is the admin's switch (disabledAt), independent of the
 * registration status the other values filter on.
 */
export async function searchAccounts(deps: AppDeps, em: EntityManager, query: AdminUserQuery): Promise<{ items: AdminUserRow[]; nextCursor: string | null }> {
  if (query.cursor && !UUID.test(query.cursor)) throw new ValidationError([{ path: 'query.cursor', message: 'Invalid cursor.' }]);
  const q = accountsQuery(em).orderBy('u.id', 'desc').limit(query.limit + 1);
  if (query.q) {
    const phone = asPhone(query.q);
    if (phone) {
      q.where('u.phone_index', deps.pii.phoneIndex(phone));
    } else {
      const index = deps.pii.nameIndex(query.q);
      if (!index) return { items: [], nextCursor: null };
      q.where('u.name_index', index);
    }
  }
  if (query.hospitalId) q.where('u.hospital_id', query.hospitalId);
  if (query.role) q.where('u.role', query.role);
  if (query.status === 'disabled') q.whereNotNull('u.disabled_at');
  else if (query.status) q.where('u.status', query.status);
  if (query.cursor) q.where('u.id', '<', query.cursor);
  const found = (await (em as SqlEntityManager).getConnection().execute(q)) as AccountRow[];
  const page = found.slice(0, query.limit);
  const sessions = await liveSessionCounts(
    deps,
    em,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => rowView(deps, r, sessions.get(r.id) ?? 0)),
    nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

const jsonArray = (v: string | string[] | null) => (v === null ? [] : typeof v === 'string' ? (JSON.parse(v) as string[]) : v);

/**
 * `GET /admin/accounts/:id`: the row plus the profile an admin reviews. The
 * phone stays masked; the badge photo is only referenced — opening it goes
 * through `GET /files/:id`, which writes the access-log row.
 */
export async function accountDetail(deps: AppDeps, em: EntityManager, id: string): Promise<AdminUserDetail> {
  const knex = (em as SqlEntityManager).getKnex();
  const q = accountsQuery(em, [
    'u.position_sealed',
    'u.title_sealed',
    'u.gender_sealed',
    'u.badge_file_id',
    'u.disabled_reason',
    'u.registered_at',
    'u.consent_purposes',
  ]).where('u.id', id);
  const [row] = (await (em as SqlEntityManager).getConnection().execute(q)) as DetailRow[];
  if (!row) throw new NotFoundError('No such account.');
  const [sessions, [lastSignIn], [tickets], managed, balance] = await Promise.all([
    liveSessionCounts(deps, em, [id]),
    (em as SqlEntityManager).getConnection().execute(knex('user_session').max('created_at as at').where('user_id', id)) as Promise<{ at: string | number | Date | null }[]>,
    (em as SqlEntityManager).getConnection().execute(knex('ticket').count('* as n').where('reporter_id', id)) as Promise<{ n: number | string }[]>,
    row.role === 'staff' && row.tier === 'advanced' ? activeManagedDepartments(em, id) : Promise.resolve([]),
    balanceIn(em, id),
  ]);
  const user = { id, positionSealed: row.position_sealed, titleSealed: row.title_sealed, genderSealed: row.gender_sealed } as User;
  return {
    ...rowView(deps, row, sessions.get(id) ?? 0),
    position: deps.pii.get(user, 'position'),
    title: deps.pii.get(user, 'title'),
    gender: (deps.pii.get(user, 'gender') as Gender | null) ?? null,
    managedDepartments: managed,
    badgeFileId: row.badge_file_id ?? null,
    disabledAt: isoOrNull(row.disabled_at),
    disabledReason: row.disabled_reason ?? null,
    registeredAt: isoOrNull(row.registered_at),
    lastSignInAt: isoOrNull(lastSignIn?.at),
    consents: jsonArray(row.consent_purposes),
    ticketCount: Number(tickets?.n ?? 0),
    pointsBalance: balance,
  };
}
