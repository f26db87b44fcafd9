import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { Env } from '../../config/env';
import type { ChatFilter, unreadRelevance } from './chat.policy';

export type Dialect = Env['database']['dialect'];

/** A conversation as lists and single reads see it: plain columns, the unread count already aggregated. */
export interface ChatRow {
  id: string;
  ownerId: string;
  ticketId: string | null;
  ticketNumber: string | null;
  status: string;
  claimedById: string | null;
  lastMessageAt: Date;
  createdAt: Date;
  hospitalName: string | null;
  departmentName: string | null;
  lastKind: string | null;
  lastBodySealed: string | null;
  lastMessageId: string | null;
  unread: number;
}

/**
 * `chat_read.last_read_id` is a varchar; message ids are `uuid` on
 * PostgreSQL, which compares uuid with uuid only (byte order, the same as
 * the text order of UUIDv7). SQLite stores both as text.
 */
function markerAsId(dialect: Dialect, column: string): string {
  return dialect === 'postgresql' ? `cast(${column} as uuid)` : column;
}

/**
 * Messages the viewer has not read, per conversation (`c`, with the viewer's
 * `chat_read` row joined as `r`): messages by others after their marker,
 * in their own conversation or one they claimed; in an open unclaimed one
 * (engineers and admins waiting to pick it up) the asker's messages. In a
 * conversation a colleague claimed nothing is unread for them.
 */
function unreadExpr(knex: Knex, dialect: Dialect, viewerId: string): Knex.Raw {
  return knex.raw(
    `(select count(*) from chat_message um
      where um.chat_id = c.id and um.author_id <> ?
        and (r.last_read_id is null or um.id > ${markerAsId(dialect, 'r.last_read_id')})
        and (c.owner_id = ? or c.claimed_by_id = ? or (c.claimed_by_id is null and c.status = 'open' and um.author_id = c.owner_id)))`,
    [viewerId, viewerId, viewerId],
  );
}

function applyFilter(q: Knex.QueryBuilder, filter: ChatFilter, em: EntityManager): void {
  const platform = em.getPlatform();
  if (filter.ownerId) q.where('c.owner_id', filter.ownerId);
  if (filter.claimedById === null) q.whereNull('c.claimed_by_id');
  else if (filter.claimedById) q.where('c.claimed_by_id', filter.claimedById);
  if (filter.status) q.where('c.status', filter.status);
  if (filter.createdAfter) q.where('c.created_at', '>', platform.processDateProperty(filter.createdAfter) as never);
}

export interface ChatCursor {
  lastMessageAt: Date;
  id: string;
}

/**
 * Conversations a filter allows, most recent activity first, keyset-paged
 * on (last_message_at, id). One query: the owner's hospital and department,
 * the ticket number, the latest message and the viewer's unread count come
 * along (no query per row).
 */
export async function selectChats(
  em: EntityManager,
  dialect: Dialect,
  viewerId: string,
  filter: ChatFilter,
  options: { id?: string; after?: ChatCursor; limit: number },
): Promise<ChatRow[]> {
  if (filter.none) return [];
  const sqlEm = em as SqlEntityManager;
  const knex = sqlEm.getKnex();
  const platform = em.getPlatform();
  const q = knex('chat_session as c')
    .join('app_user as u', 'u.id', 'c.owner_id')
    .leftJoin('hospital as h', 'h.id', 'u.hospital_id')
    .leftJoin('department as d', 'd.id', 'u.department_id')
    .leftJoin('ticket as t', 't.id', 'c.ticket_id')
    .leftJoin('chat_read as r', (j) => j.on('r.chat_id', 'c.id').andOn('r.user_id', knex.raw('?', [viewerId])))
    .leftJoin('chat_message as lm', (j) => j.on('lm.id', '=', knex.raw('(select lx.id from chat_message lx where lx.chat_id = c.id order by lx.id desc limit 1)')))
    .select(
      'c.id',
      'c.owner_id',
      'c.ticket_id',
      't.number as ticket_number',
      'c.status',
      'c.claimed_by_id',
      'c.last_message_at',
      'c.created_at',
      'h.name as hospital_name',
      'd.name as department_name',
      'lm.id as last_message_id',
      'lm.kind as last_kind',
      'lm.body_sealed as last_body_sealed',
      unreadExpr(knex, dialect, viewerId).wrap('', ' as unread'),
    )
    .orderBy([
      { column: 'c.last_message_at', order: 'desc' },
      { column: 'c.id', order: 'desc' },
    ])
    .limit(options.limit);
  applyFilter(q, filter, em);
  if (options.id) q.where('c.id', options.id);
  if (options.after) {
    const at = platform.processDateProperty(options.after.lastMessageAt) as never;
    const id = options.after.id;
    q.where((w) => w.where('c.last_message_at', '<', at).orWhere((x) => x.where('c.last_message_at', '=', at).andWhere('c.id', '<', id)));
  }
  const rows = (await sqlEm.getConnection().execute(q)) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: r.id as string,
    ownerId: r.owner_id as string,
    ticketId: (r.ticket_id as string | null) ?? null,
    ticketNumber: (r.ticket_number as string | null) ?? null,
    status: r.status as string,
    claimedById: (r.claimed_by_id as string | null) ?? null,
    lastMessageAt: new Date(r.last_message_at as string | number | Date),
    createdAt: new Date(r.created_at as string | number | Date),
    hospitalName: (r.hospital_name as string | null) ?? null,
    departmentName: (r.department_name as string | null) ?? null,
    lastMessageId: (r.last_message_id as string | null) ?? null,
    lastKind: (r.last_kind as string | null) ?? null,
    lastBodySealed: (r.last_body_sealed as string | null) ?? null,
    unread: Number(r.unread ?? 0),
  }));
}

/**
 * The badge: unread messages over the conversations where the count can be
 * non-zero for the viewer (their own inside the window; for answerers the
 * ones they claimed and the open unclaimed ones). One aggregate query.
 */
export async function selectUnreadTotal(em: EntityManager, dialect: Dialect, viewerId: string, relevance: ReturnType<typeof unreadRelevance>): Promise<number> {
  if ('none' in relevance) return 0;
  const sqlEm = em as SqlEntityManager;
  const knex = sqlEm.getKnex();
  const q = knex('chat_session as c')
    .leftJoin('chat_read as r', (j) => j.on('r.chat_id', 'c.id').andOn('r.user_id', knex.raw('?', [viewerId])))
    .select(knex.raw('coalesce(sum(?), 0) as total', [unreadExpr(knex, dialect, viewerId)]));
  if ('ownerId' in relevance) {
    q.where('c.owner_id', relevance.ownerId).andWhere('c.created_at', '>', em.getPlatform().processDateProperty(relevance.createdAfter) as never);
  } else {
    q.where((w) => w.where('c.claimed_by_id', relevance.answerer).orWhere((x) => x.whereNull('c.claimed_by_id').andWhere('c.status', 'open')));
  }
  const [row] = (await sqlEm.getConnection().execute(q)) as Record<string, unknown>[];
  return Number(row?.total ?? 0);
}

/** The newest message id of each conversation (for the long-poll's database re-check). */
export async function selectLatestMessageIds(em: EntityManager, chatIds: string[]): Promise<Map<string, string>> {
  if (!chatIds.length) return new Map();
  const sqlEm = em as SqlEntityManager;
  const knex = sqlEm.getKnex();
  const q = knex('chat_session as c')
    .select('c.id', knex.raw('(select m.id from chat_message m where m.chat_id = c.id order by m.id desc limit 1) as latest'))
    .whereIn('c.id', chatIds);
  const rows = (await sqlEm.getConnection().execute(q)) as Record<string, unknown>[];
  return new Map(rows.filter((r) => r.latest).map((r) => [r.id as string, String(r.latest).toLowerCase()]));
}
