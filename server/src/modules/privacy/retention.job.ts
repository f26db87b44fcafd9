import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AppDeps } from '../../app-deps';
import type { FieldCipher } from '../../core/pii/field-cipher';
import type { JobDefinition } from '../../core/jobs/job';
import { nightlyPeriod } from '../../core/jobs/periods';
import { RETENTION_CATEGORIES, type RetentionCategory } from './retention.rules';

const DAY_MS = 24 * 3600_000;

/**
 * How an anonymised ticket's contact reads: the name replaced, the phone
 * sealed as the empty string. A sealed empty string is `v1.<key>.<nonce>.`
 * followed by the 16-byte tag alone — 22 base64url characters, where any
 * real number gives at least 23 — so SQL can tell an anonymised ticket
 * without decrypting (`ANONYMISED_PHONE_LIKE`), and the job never takes the
 * same ticket twice.
 */
export const ANONYMISED_CONTACT_NAME = '已匿名';
const ANONYMISED_PHONE_LIKE = `%.${'_'.repeat(22)}`;

export function sealedIsEmpty(sealed: string): boolean {
  return /\.[A-Za-z0-9_-]{22}$/.test(sealed);
}

/** The sealed contact fields of an anonymised ticket (the cancellation purge may use the same). */
export function anonymisedTicketContact(cipher: FieldCipher, ticketId: string): { contactNameSealed: string; contactPhoneSealed: string } {
  return {
    contactNameSealed: cipher.seal({ table: 'ticket', column: 'contact_name', id: ticketId }, ANONYMISED_CONTACT_NAME),
    contactPhoneSealed: cipher.seal({ table: 'ticket', column: 'contact_phone', id: ticketId }, ''),
  };
}

interface Sweep {
  em: EntityManager;
  knex: Knex;
  deps: AppDeps;
  log: Logger;
  /** The instant before which this category's data has expired, as the dialect stores datetimes. */
  at: unknown;
  batch: number;
  /** Files whose bytes left storage, across categories. */
  files: { removed: number; failed: number };
  /** Counts by category, and extra ones a step adds (`chat_conversations`). */
  counts: Record<string, number>;
}

type Step = (s: Sweep) => Promise<number>;

/** Runs a statement in `em`'s transaction, if it is in one; the number of rows it changed. */
async function run(em: EntityManager, q: Knex.QueryBuilder): Promise<number> {
  const res = (await (em as SqlEntityManager).getConnection().execute(q, [], 'run', em.getTransactionContext())) as { affectedRows?: number };
  return res.affectedRows ?? 0;
}

async function select<T>(em: EntityManager, q: Knex.QueryBuilder): Promise<T[]> {
  return (await (em as SqlEntityManager).getConnection().execute(q)) as T[];
}

/** One batch of a plain table: the oldest `batch` expired rows by `where`, deleted in one statement. */
function deleteWhere(table: string, where: (q: Knex.QueryBuilder, s: Sweep) => void): Step {
  return (s) => {
    const expired = s.knex(table).select('id');
    where(expired, s);
    return run(s.em, s.knex(table).whereIn('id', expired.orderBy('id').limit(s.batch)).del());
  };
}

/**
 * Removes stored files: the (encrypted) bytes from storage first, then the
 * rows, so a failure can only leave a row whose bytes are gone (read as
 * 404), never bytes nobody knows about. A file storage refuses stays for
 * the next run. Returns the ids whose rows may go.
 */
async function removeBytes(s: Sweep, files: { id: string; storage_key: string }[]): Promise<string[]> {
  const gone: string[] = [];
  for (const f of files) {
    try {
      await s.deps.storage.delete(f.storage_key);
      gone.push(f.id);
    } catch (err) {
      s.files.failed += 1;
      s.log.warn({ err, fileId: f.id }, 'retention: a file could not be removed from storage; it stays for the next run');
    }
  }
  s.files.removed += gone.length;
  return gone;
}

/**
 * Badge photos: 30 days after the registration decision (approved or
 * rejected), and a badge no registration uses any more (replaced on a new
 * submission, or never submitted) 30 days after its upload. A pending
 * registration's badge stays. The person's `badgeFileId` is cleared with it.
 */
const badgePhotos: Step = async (s) => {
  const q = s.knex('stored_file as f')
    .leftJoin('app_user as u', 'u.id', 'f.owner_id')
    .select('f.id', 'f.storage_key')
    .where('f.purpose', 'badge')
    .where((w) =>
      w
        .where((current) => current.whereRaw('u.badge_file_id = f.id').whereNotNull('u.decided_at').where('u.decided_at', '<', s.at as never).whereNot('u.status', 'pending'))
        .orWhere((unused) => unused.where((n) => n.whereNull('u.badge_file_id').orWhereRaw('u.badge_file_id <> f.id')).where('f.created_at', '<', s.at as never)),
    )
    .orderBy('f.id')
    .limit(s.batch);
  const files = await select<{ id: string; storage_key: string }>(s.em, q);
  const ids = await removeBytes(s, files);
  if (!ids.length) return files.length ? -1 : 0;
  await s.em.transactional(async (tx) => {
    await run(tx, s.knex('app_user').whereIn('badge_file_id', ids).update({ badge_file_id: null }));
    await run(tx, s.knex('stored_file').whereIn('id', ids).del());
  });
  return ids.length;
};

/** Fault photos, voice notes and chat media uploaded but never attached to a ticket, comment or message. */
const unattachedUploads: Step = async (s) => {
  const q = s.knex('stored_file')
    .select('id', 'storage_key')
    .whereIn('purpose', ['ticket_photo', 'ticket_voice', 'chat'])
    .whereNull('attached_at')
    .whereNull('ticket_id')
    .whereNull('chat_id')
    .where('created_at', '<', s.at as never)
    .orderBy('id')
    .limit(s.batch);
  const files = await select<{ id: string; storage_key: string }>(s.em, q);
  const ids = await removeBytes(s, files);
  if (ids.length) await run(s.em, s.knex('stored_file').whereIn('id', ids).del());
  return ids.length || (files.length ? -1 : 0);
};

/**
 * Chat messages older than the period, with their images and voice notes;
 * then conversations left with no message whose last message is older than
 * the period, with their read markers.
 */
const chatMessages: Step = async (s) => {
  const messages = await select<{ id: string; file_id: string | null }>(
    s.em,
    s.knex('chat_message').select('id', 'file_id').where('created_at', '<', s.at as never).orderBy('id').limit(s.batch),
  );
  let deleted = 0;
  if (messages.length) {
    const fileIds = messages.map((m) => m.file_id).filter((x): x is string => Boolean(x));
    const files = fileIds.length ? await select<{ id: string; storage_key: string }>(s.em, s.knex('stored_file').select('id', 'storage_key').whereIn('id', fileIds)) : [];
    const removed = new Set(await removeBytes(s, files));
    // A message whose file is still in storage waits for the next run with it.
    const kept = new Set(files.filter((f) => !removed.has(f.id)).map((f) => f.id));
    const ids = messages.filter((m) => !m.file_id || !kept.has(m.file_id)).map((m) => m.id);
    await s.em.transactional(async (tx) => {
      if (removed.size) await run(tx, s.knex('stored_file').whereIn('id', [...removed]).del());
      if (ids.length) deleted = await run(tx, s.knex('chat_message').whereIn('id', ids).del());
    });
    if (!deleted) return -1;
  }
  const emptied = await select<{ id: string }>(
    s.em,
    s.knex('chat_session as c')
      .select('c.id')
      .where('c.last_message_at', '<', s.at as never)
      .whereNotExists((q) => q.select(s.knex.raw('1')).from('chat_message as m').whereRaw('m.chat_id = c.id'))
      .orderBy('c.id')
      .limit(s.batch),
  );
  if (emptied.length) {
    const chatIds = emptied.map((c) => c.id);
    const files = await select<{ id: string; storage_key: string }>(s.em, s.knex('stored_file').select('id', 'storage_key').whereIn('chat_id', chatIds));
    const removed = await removeBytes(s, files);
    if (removed.length === files.length) {
      await s.em.transactional(async (tx) => {
          if (removed.length) await run(tx, s.knex('stored_file').whereIn('id', removed).del());
        await run(tx, s.knex('chat_read').whereIn('chat_id', chatIds).del());
        await run(tx, s.knex('chat_session').whereIn('id', chatIds).del());
      });
      s.counts.chat_conversations = (s.counts.chat_conversations ?? 0) + chatIds.length;
    }
  }
  return Math.max(deleted, emptied.length);
};

/**
 * Tickets closed or cancelled longer ago than the period (the time of the
 * step that made them so; `updated_at` for a history without it) keep their
 * row, equipment, fault description, timeline and report, and lose what is
 * personal: the contact's name and phone are replaced, the fault photos and
 * voice notes (of the report and of comments) deleted, comments' photo
 * lists emptied and the rating's comment removed (the score stays).
 */
const ticketPersonal: Step = async (s) => {
  const closedAt = s.knex.raw(
    'coalesce((select max(e.created_at) from ticket_event e where e.ticket_id = t.id and e.to_status = t.status), t.updated_at)',
  );
  const tickets = await select<{ id: string }>(
    s.em,
    s.knex('ticket as t')
      .select('t.id')
      .whereIn('t.status', ['closed', 'cancelled'])
      .whereNot('t.contact_phone_sealed', 'like', ANONYMISED_PHONE_LIKE)
      .where(closedAt as never, '<', s.at as never)
      .orderBy('t.id')
      .limit(s.batch),
  );
  if (!tickets.length) return 0;
  const ticketIds = tickets.map((t) => t.id);
  const files = await select<{ id: string; storage_key: string; ticket_id: string }>(
    s.em,
    s.knex('stored_file').select('id', 'storage_key', 'ticket_id').whereIn('ticket_id', ticketIds).whereIn('purpose', ['ticket_photo', 'ticket_voice']),
  );
  const removed = new Set(await removeBytes(s, files));
  // A ticket whose media storage kept is anonymised on a later run, all at once.
  const blocked = new Set(files.filter((f) => !removed.has(f.id)).map((f) => f.ticket_id));
  const ready = ticketIds.filter((id) => !blocked.has(id));
  await s.em.transactional(async (tx) => {
    if (removed.size) await run(tx, s.knex('stored_file').whereIn('id', [...removed]).del());
    for (const id of ready) {
      const sealed = anonymisedTicketContact(s.deps.cipher, id);
      await run(tx, s.knex('ticket').where('id', id).update({ contact_name_sealed: sealed.contactNameSealed, contact_phone_sealed: sealed.contactPhoneSealed }));
    }
    if (ready.length) {
      await run(tx, s.knex('ticket_comment').whereIn('ticket_id', ready).update({ file_ids: '[]' }));
      await run(tx, s.knex('ticket_rating').whereIn('ticket_id', ready).update({ comment_sealed: null }));
    }
  });
  return ready.length || -1;
};

/** Every category's batch step, in the order of RETENTION_CATEGORIES. */
const STEPS: Record<RetentionCategory, Step> = {
  badge_photos: badgePhotos,
  unattached_uploads: unattachedUploads,
  chat_messages: chatMessages,
  ticket_personal: ticketPersonal,
  browsing_records: deleteWhere('document_view', (q, s) => q.where('created_at', '<', s.at as never)),
  sms_codes: deleteWhere('sms_code', (q, s) => q.where('expires_at', '<', s.at as never)),
  sessions: deleteWhere('user_session', (q, s) =>
    q.where((w) => w.where('revoked_at', '<', s.at as never).orWhere('idle_expires_at', '<', s.at as never).orWhere('absolute_expires_at', '<', s.at as never)),
  ),
  idempotency_records: deleteWhere('idempotency_record', (q, s) => q.where('created_at', '<', s.at as never)),
  outbox_delivered: deleteWhere('outbox_message', (q, s) => q.whereNotNull('delivered_at').where('delivered_at', '<', s.at as never)),
  notifications: deleteWhere('notification', (q, s) => q.where('created_at', '<', s.at as never)),
  pii_access_log: deleteWhere('pii_access_log', (q, s) => q.where('created_at', '<', s.at as never)),
  provision_records: deleteWhere('provision_record', (q, s) => q.where('created_at', '<', s.at as never)),
  audit_log: deleteWhere('audit_event', (q, s) => q.where('created_at', '<', s.at as never)),
  job_runs: deleteWhere('job_run', (q, s) => q.whereNotNull('finished_at').where('created_at', '<', s.at as never)),
};

export interface RetentionResult extends Record<string, unknown> {
  /** Rows deleted (or tickets anonymised, files removed) per category, plus `chat_conversations`. */
  counts: Record<string, number>;
  /** Files whose bytes left storage; files storage refused (they stay for the next run). */
  files: { removed: number; failed: number };
  /** Categories that used all their batches: more has expired than one night's work; the next run continues. */
  unfinished: RetentionCategory[];
  /** The cutoff of each category: data from before it had expired. */
  cutoffs: Record<RetentionCategory, string>;
}

/**
 * Applies the retention table at `now`: each category in batches of
 * RETENTION_BATCH_SIZE, at most RETENTION_MAX_BATCHES per run, each batch
 * committed on its own (short locks; a crash loses nothing done). Cutoffs
 * are computed from `now` each time, so a missed night is caught up by the
 * next run, and running twice is harmless.
 */
export async function applyRetention(deps: AppDeps, now: Date, log: Logger): Promise<RetentionResult> {
  const em = deps.orm.em.fork();
  const knex = (em as SqlEntityManager).getKnex();
  const platform = em.getPlatform();
  const counts: Record<string, number> = {};
  const files = { removed: 0, failed: 0 };
  const unfinished: RetentionCategory[] = [];
  const cutoffs = {} as Record<RetentionCategory, string>;
  for (const category of RETENTION_CATEGORIES) {
    const cutoff = new Date(now.getTime() - deps.env.RETENTION_DAYS[category] * DAY_MS);
    cutoffs[category] = cutoff.toISOString();
    const sweep: Sweep = {
      em,
      knex,
      deps,
      log,
      at: platform.processDateProperty(cutoff),
      batch: deps.env.RETENTION_BATCH_SIZE,
      files,
      counts,
    };
    counts[category] = 0;
    let batches = 0;
    for (;;) {
      if (batches === deps.env.RETENTION_MAX_BATCHES) {
        unfinished.push(category);
        break;
      }
      batches += 1;
      const done = await STEPS[category](sweep);
      // -1: a batch whose files storage refused; try again tomorrow rather than spin on them.
      if (done <= 0) break;
      counts[category] += done;
      if (done < sweep.batch) break;
    }
  }
  return { counts, files, unfinished, cutoffs };
}

/** Nightly: deletes or anonymises what has outlived its retention period (privacy.md, Retention limits; docs/retention.md). */
export const retentionJob: JobDefinition = {
  name: 'retention',
  schedule: nightlyPeriod,
  run: (deps, ctx) => applyRetention(deps, ctx.now, ctx.log),
};
