import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { AddressSnapshot } from '../../../../shared/schemas/addresses.schema';
import type { FilePurpose } from '../../../../shared/schemas/files.schema';
import type { AppDeps } from '../../app-deps';
import { IdempotencyRecordSchema } from '../../core/idempotency/idempotency-record.entity';
import { OutboxMessageSchema } from '../../core/outbox/outbox-message.entity';
import { AccessRequestSchema } from '../access/access-request.entity';
import { ManagedDepartmentSchema } from '../access/managed-department.entity';
import { AddressSchema } from '../addresses/address.entity';
import { sealSnapshot } from '../addresses/address.codec';
import { recordAudit } from '../audit/audit.service';
import { SessionSchema } from '../auth/session.entity';
import { SmsCodeSchema } from '../auth/sms-code.entity';
import { ChatMessageSchema } from '../chat/chat-message.entity';
import { ChatReadSchema } from '../chat/chat-read.entity';
import { ChatSessionSchema } from '../chat/chat-session.entity';
import { QuickAnswerSchema } from '../chat/quick-answer.entity';
import { StoredFileSchema } from '../files/stored-file.entity';
import { DocumentViewSchema } from '../library/document-view.entity';
import { NotificationSchema } from '../notifications/notification.entity';
import { SubscriptionAllowanceSchema } from '../notifications/subscription-allowance.entity';
import { PrivacyRequestEventSchema } from '../privacy-requests/privacy-request-event.entity';
import { PrivacyRequestSchema } from '../privacy-requests/privacy-request.entity';
import { RedemptionOrderSchema } from '../redemptions/redemption-order.entity';
import { TicketCommentSchema } from '../tickets/ticket-comment.entity';
import { TicketEventSchema } from '../tickets/ticket-event.entity';
import { TicketRatingSchema } from '../tickets/ticket-rating.entity';
import { TicketServiceReportSchema } from '../tickets/ticket-service-report.entity';
import { TicketSchema } from '../tickets/ticket.entity';
import { UserSchema } from '../users/user.entity';
import { normalizePhone } from '../users/user.pii';
import { deleteStoredFiles } from './consent-effects';

/** What anonymised personal fields say, sealed like the values they replace (readers open them as usual). */
export const ANONYMISED = '已注销';
/** What a purged person's own comments on tickets say instead. */
export const REMOVED_TEXT = '（该用户已注销，内容已删除）';
/** Replaces the person's name or number where someone else's text on their tickets mentions it. */
const SCRUBBED = '[已注销]';

const ANONYMISED_ADDRESS: AddressSnapshot = {
  recipientName: ANONYMISED,
  phone: ANONYMISED,
  province: ANONYMISED,
  city: ANONYMISED,
  district: ANONYMISED,
  detail: ANONYMISED,
};

/** Uploads that are the person's own data; library and gift images an admin uploaded are the catalog's, not theirs. */
const PERSONAL_FILE_PURPOSES: FilePurpose[] = ['badge', 'ticket_photo', 'ticket_voice', 'chat'];

/** Keyset start: below every id (ids are UUIDs, a uuid column on PostgreSQL). */
const NIL_ID = '00000000-0000-0000-0000-000000000000';
/** Accounts per query; each account is purged in its own transaction. */
const BATCH = 50;
/** Tickets read per page when looking for the person as a colleague's contact. */
const CONTACT_PAGE = 500;

export const PURGE_COUNTERS = [
  'accounts',
  'accountsDeleted',
  'files',
  'addresses',
  'orders',
  'tickets',
  'colleagueContacts',
  'comments',
  'ratings',
  'chats',
  'chatMessages',
  'documentViews',
  'notifications',
  'sessions',
  'smsCodes',
  'idempotencyRecords',
  'outboxMessages',
  'accessRequests',
  'privacyRequests',
] as const;
export type PurgeCounts = Record<(typeof PURGE_COUNTERS)[number], number>;

/** `files=3 tickets=1 …`: the non-zero counts, for the audit row. */
export function summary(counts: Partial<Record<string, number>>): string {
  return Object.entries(counts)
    .filter(([, n]) => n)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ')
    .slice(0, 200);
}

const zero = (): PurgeCounts => Object.fromEntries(PURGE_COUNTERS.map((k) => [k, 0])) as PurgeCounts;

/** Replaces the person's name and number in free text written about them by others; null when nothing changed. */
function scrubber(name: string | null, phone: string | null): (text: string | null | undefined) => string | null {
  // A one-character "name" would mangle unrelated words; Chinese names have two characters or more.
  const needles = [name && [...name].length >= 2 ? name : null, phone ? normalizePhone(phone) : null].filter((n): n is string => Boolean(n));
  return (text) => {
    if (!text || !needles.length) return null;
    let out = text;
    for (const needle of needles) out = out.split(needle).join(SCRUBBED);
    return out === text ? null : out;
  };
}

interface PurgedAccount {
  counts: PurgeCounts;
  /** The normalised number the account had, to look for it among colleagues' ticket contacts. */
  phone: string | null;
}

/**
 * Deletes or anonymises everything personal about one account whose grace
 * period has ended, in one transaction. The first statement claims the
 * account (`purgedAt`), conditional on it still being due — so an undo that
 * raced ahead wins, and two runs never purge one account twice. Stored file
 * bytes are deleted inside the transaction: if storage fails, nothing is
 * committed and the next run tries again (deleting is repeatable).
 *
 * Kept, with ids only: the user row as an anonymous shell (`purgedAt`,
 * status stays `cancelling`; login and sessions treat it as gone), tickets
 * (contact anonymised), ticket events, ratings' scores, orders (address
 * anonymised), points ledger, consent events, provision records, the access
 * log and the audit log — the records the business and the law must keep.
 * A person who never registered leaves nothing to keep: the row goes too.
 */
export async function purgeAccount(deps: AppDeps, userId: string, now: Date): Promise<PurgedAccount | null> {
  const em = deps.orm.em.fork();
  return em.transactional(async (tx) => {
    const claimed = await tx.nativeUpdate(UserSchema, { id: userId, status: 'cancelling', purgedAt: null, purgeAfter: { $lte: now } }, { purgedAt: now });
    if (claimed !== 1) return null;
    const user = await tx.findOneOrFail(UserSchema, { id: userId });
    const counts = zero();
    counts.accounts = 1;
    const phone = deps.pii.get(user, 'phone');
    const scrub = scrubber(deps.pii.get(user, 'name'), phone);
    const seal = (table: string, column: string, id: string, text: string) => deps.cipher.seal({ table, column, id }, text);

    // Conversations the person opened: transcripts are theirs, both sides (files, reads and all).
    const chatIds = (await tx.find(ChatSessionSchema, { ownerId: userId }, { fields: ['id'] })).map((c) => c.id);

    // Files: badge, fault photos and voice notes, chat media — bytes and rows.
    const files = await tx.find(StoredFileSchema, {
      $or: [{ ownerId: userId, purpose: { $in: PERSONAL_FILE_PURPOSES } }, ...(chatIds.length ? [{ chatId: { $in: chatIds } }] : [])],
    });
    counts.files = await deleteStoredFiles(deps, tx, files);

    if (chatIds.length) {
      counts.chatMessages = await tx.nativeDelete(ChatMessageSchema, { chat: { $in: chatIds } });
      await tx.nativeDelete(ChatReadSchema, { chatId: { $in: chatIds } });
      await tx.nativeUpdate(QuickAnswerSchema, { sourceChatId: { $in: chatIds } }, { sourceChatId: null });
      counts.chats = await tx.nativeDelete(ChatSessionSchema, { id: { $in: chatIds } });
    }
    await tx.nativeDelete(ChatReadSchema, { userId });

    // Tickets they reported: kept for the records, the contact anonymised and their name and number taken out of the text.
    const tickets = await tx.find(TicketSchema, { reporterId: userId }, { fields: ['id', 'description'] });
    for (const t of tickets) {
      const description = scrub(t.description);
      await tx.nativeUpdate(
        TicketSchema,
        { id: t.id },
        {
          contactNameSealed: seal('ticket', 'contact_name', t.id, ANONYMISED),
          contactPhoneSealed: seal('ticket', 'contact_phone', t.id, ANONYMISED),
          ...(description !== null ? { description } : {}),
        },
      );
    }
    counts.tickets = tickets.length;
    const ticketIds = tickets.map((t) => t.id);

    // Their own words go: notes on timeline events, comments (and the photos with them, deleted above), rating comments.
    await tx.nativeUpdate(TicketEventSchema, { actorId: userId, note: { $ne: null } }, { note: null });
    const ownComments = await tx.find(TicketCommentSchema, { authorId: userId }, { fields: ['id'] });
    for (const c of ownComments) {
      await tx.nativeUpdate(TicketCommentSchema, { id: c.id }, { bodySealed: seal('ticket_comment', 'body', c.id, REMOVED_TEXT), fileIds: [] });
    }
    counts.comments = ownComments.length;
    counts.ratings = await tx.nativeUpdate(TicketRatingSchema, { raterId: userId }, { commentSealed: null });

    // What others wrote on their tickets stays, without their name or number in it.
    if (ticketIds.length) {
      const notes = await tx.find(TicketEventSchema, { ticket: { $in: ticketIds }, note: { $ne: null } }, { fields: ['id', 'note'] });
      for (const e of notes) {
        const note = scrub(e.note);
        if (note !== null) await tx.nativeUpdate(TicketEventSchema, { id: e.id }, { note });
      }
      const reports = await tx.find(TicketServiceReportSchema, { ticket: { $in: ticketIds } });
      for (const r of reports) {
        const [found, done, parts] = [scrub(r.found), scrub(r.done), scrub(r.parts)];
        if (found !== null || done !== null || parts !== null) {
          await tx.nativeUpdate(TicketServiceReportSchema, { id: r.id }, { ...(found !== null ? { found } : {}), ...(done !== null ? { done } : {}), ...(parts !== null ? { parts } : {}) });
        }
      }
      const others = await tx.find(TicketCommentSchema, { ticket: { $in: ticketIds }, authorId: { $ne: userId } }, { fields: ['id', 'bodySealed'] });
      for (const c of others) {
        const body = scrub(deps.cipher.open({ table: 'ticket_comment', column: 'body', id: c.id }, c.bodySealed));
        if (body !== null) await tx.nativeUpdate(TicketCommentSchema, { id: c.id }, { bodySealed: seal('ticket_comment', 'body', c.id, body) });
      }
    }

    // Saved addresses go; orders stay for the accounts with the address anonymised (still sealed, so readers work unchanged).
    counts.addresses = await tx.nativeDelete(AddressSchema, { userId });
    const orders = await tx.find(RedemptionOrderSchema, { userId }, { fields: ['id', 'cancelledBy'] });
    for (const o of orders) {
      await tx.nativeUpdate(
        RedemptionOrderSchema,
        { id: o.id },
        { addressSealed: sealSnapshot(deps.cipher, o.id, ANONYMISED_ADDRESS), ...(o.cancelledBy === 'user' ? { cancelReason: null } : {}) },
      );
    }
    counts.orders = orders.length;

    counts.documentViews = await tx.nativeDelete(DocumentViewSchema, { userId });
    counts.notifications = await tx.nativeDelete(NotificationSchema, { userId });
    await tx.nativeDelete(SubscriptionAllowanceSchema, { userId });
    counts.sessions = await tx.nativeDelete(SessionSchema, { userId });
    if (user.phoneIndex) counts.smsCodes = await tx.nativeDelete(SmsCodeSchema, { phoneIndex: user.phoneIndex });
    counts.idempotencyRecords = await tx.nativeDelete(IdempotencyRecordSchema, { userId });
    counts.outboxMessages = await deleteOutboxFor(deps, tx, userId);

    // Requests they wrote: the decision records stay, their words go.
    const accessRequests = await tx.find(AccessRequestSchema, { userId }, { fields: ['id'] });
    for (const r of accessRequests) {
      await tx.nativeUpdate(
        AccessRequestSchema,
        { id: r.id },
        { positionSealed: seal('access_request', 'position', r.id, ANONYMISED), reasonSealed: seal('access_request', 'reason', r.id, ANONYMISED) },
      );
    }
    counts.accessRequests = accessRequests.length;
    await tx.nativeUpdate(ManagedDepartmentSchema, { userId, revokedAt: null }, { revokedAt: now });
    const privacyRequestIds = (await tx.find(PrivacyRequestSchema, { userId }, { fields: ['id'] })).map((r) => r.id);
    if (privacyRequestIds.length) {
      await tx.nativeUpdate(PrivacyRequestSchema, { id: { $in: privacyRequestIds } }, { detailsSealed: null, outcomeSealed: null });
      await tx.nativeUpdate(PrivacyRequestEventSchema, { requestId: { $in: privacyRequestIds } }, { noteSealed: null });
    }
    counts.privacyRequests = privacyRequestIds.length;

    // The account itself. Someone who never registered has nothing the records need: the row goes.
    if (user.statusBeforeCancellation === 'unregistered') {
      await tx.nativeDelete(UserSchema, { id: userId });
      counts.accountsDeleted = 1;
    } else {
      await tx.nativeUpdate(
        UserSchema,
        { id: userId },
        {
          phoneSealed: null,
          phoneIndex: null,
          openidSealed: null,
          openidIndex: null,
          nameSealed: null,
          nameIndex: null,
          positionSealed: null,
          titleSealed: null,
          genderSealed: null,
          hospital: null,
          department: null,
          dealer: null,
          badgeFileId: null,
          rejectionReason: null,
          consentPurposes: [],
          updatedAt: now,
        },
      );
    }
    recordAudit(tx, { actorId: null, action: 'account.purge', subjectUserId: userId, reason: summary(counts) });
    await tx.flush();
    return { counts, phone: phone ? normalizePhone(phone) : null };
  });
}

/** Outbox messages addressed to the person (the `notify` payload names its recipient), delivered or not. */
async function deleteOutboxFor(deps: AppDeps, tx: EntityManager, userId: string): Promise<number> {
  const sql =
    deps.env.database.dialect === 'postgresql'
      ? `select id from outbox_message where payload->>'userId' = ?`
      : `select id from outbox_message where json_extract(payload, '$.userId') = ?`;
  const rows = (await tx.getConnection().execute(sql, [userId], 'all', tx.getTransactionContext())) as unknown as { id: string }[];
  if (!rows.length) return 0;
  return tx.nativeDelete(OutboxMessageSchema, { id: { $in: rows.map((r) => r.id) } });
}

/**
 * A colleague may have named the person as the contact of their own ticket
 * (privacy.md: "ticket contact name/phone (may be a colleague)"). Contact
 * numbers are sealed without a blind index, so this reads every ticket's
 * contact once per batch of purged accounts and anonymises the matches —
 * conditional on the sealed value read, so a concurrent edit is not lost.
 */
async function anonymiseColleagueContacts(deps: AppDeps, phones: Set<string>, log: Logger): Promise<number> {
  if (!phones.size) return 0;
  const em = deps.orm.em.fork();
  let after = NIL_ID;
  let changed = 0;
  for (;;) {
    const page = (await em
      .getConnection()
      .execute('select id, contact_phone_sealed from ticket where id > ? order by id limit ?', [after, CONTACT_PAGE])) as unknown as {
      id: string;
      contact_phone_sealed: string;
    }[];
    if (!page.length) return changed;
    after = page[page.length - 1]!.id;
    for (const row of page) {
      let contact: string;
      try {
        contact = deps.cipher.open({ table: 'ticket', column: 'contact_phone', id: row.id }, row.contact_phone_sealed);
      } catch (err) {
        log.warn({ err, ticketId: row.id }, 'ticket contact could not be opened; skipped');
        continue;
      }
      if (!phones.has(normalizePhone(contact))) continue;
      changed += await em.nativeUpdate(
        TicketSchema,
        { id: row.id, contactPhoneSealed: row.contact_phone_sealed },
        {
          contactNameSealed: deps.cipher.seal({ table: 'ticket', column: 'contact_name', id: row.id }, ANONYMISED),
          contactPhoneSealed: deps.cipher.seal({ table: 'ticket', column: 'contact_phone', id: row.id }, ANONYMISED),
        },
      );
    }
  }
}

/**
 * Deleted rows linger in an SQLite file's free pages and old WAL frames
 * until overwritten: after a purge the file is rebuilt (VACUUM) and the WAL
 * emptied, so no byte of the purged data stays on disk. It holds the
 * database for as long as the copy takes — at night, only when something
 * was purged. PostgreSQL reclaims dead rows with (auto)vacuum; backups
 * rotate them out (privacy.md).
 */
async function compactSqlite(deps: AppDeps, log: Logger): Promise<void> {
  if (deps.env.database.dialect !== 'sqlite') return;
  const conn = deps.orm.em.getConnection();
  await conn.execute('vacuum', [], 'run');
  if (deps.env.database.file !== ':memory:') await conn.execute('pragma wal_checkpoint(TRUNCATE)', [], 'all');
  log.debug('sqlite file compacted after purge');
}

/**
 * The purge job's work: every account whose grace period ended by `now`,
 * in batches, each in its own transaction. One account failing does not
 * stop the others; the run then fails naming how many, and the next run
 * retries them. On SQLite the file is compacted after anything was purged,
 * or whenever `compact` is `always` (a run an admin starts — the way to
 * redo a compaction that failed).
 */
export async function purgeDueAccounts(
  deps: AppDeps,
  now: Date,
  log: Logger,
  options: { compact: 'if-purged' | 'always' } = { compact: 'if-purged' },
): Promise<PurgeCounts & { failed: number }> {
  const totals = zero();
  let failed = 0;
  let after = NIL_ID;
  for (;;) {
    const due = await deps.orm.em
      .fork()
      .find(UserSchema, { status: 'cancelling', purgedAt: null, purgeAfter: { $lte: now }, id: { $gt: after } }, { fields: ['id'], orderBy: { id: 'asc' }, limit: BATCH });
    if (!due.length) break;
    after = due[due.length - 1]!.id;
    const phones = new Set<string>();
    for (const { id } of due) {
      try {
        const purged = await purgeAccount(deps, id, now);
        if (!purged) continue;
        for (const key of PURGE_COUNTERS) totals[key] += purged.counts[key];
        if (purged.phone) phones.add(purged.phone);
        log.info({ userId: id, counts: purged.counts }, 'account purged');
      } catch (err) {
        failed += 1;
        log.error({ err, userId: id }, 'account purge failed; the next run retries it');
      }
    }
    totals.colleagueContacts += await anonymiseColleagueContacts(deps, phones, log);
  }
  if (totals.accounts > 0 || options.compact === 'always') await compactSqlite(deps, log);
  return { ...totals, failed };
}
