import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import type { z } from 'zod';
import type {
  AccessRequestItemSchema,
  AddressItemSchema,
  BrowsingItemSchema,
  ChatItemSchema,
  ChatMessageItemSchema,
  ConsentRecordSchema,
  CurrentConsentSchema,
  LoginItemSchema,
  MediaRef,
  NotificationItemSchema,
  OrderItemSchema,
  PointsEntryItemSchema,
  PrivacyRequestItemSchema,
  ProvisionItemSchema,
  TicketCommentItemSchema,
  TicketItemSchema,
} from '../../../../shared/schemas/export.schema';
import { MEDIA_PURPOSES } from '../../../../shared/schemas/export.schema';
import type { Gender, UserStatus } from '../../../../shared/schemas/me.schema';
import type { AppDeps } from '../../app-deps';
import { AccessRequestSchema } from '../access/access-request.entity';
import { activeManagedDepartments } from '../access/managed-departments';
import { openAddress, openSnapshot } from '../addresses/address.codec';
import { AddressSchema } from '../addresses/address.entity';
import { addressView } from '../addresses/address.view';
import { ownProvisions } from '../privacy/provision.service';
import { SessionSchema } from '../auth/session.entity';
import { ChatMessageSchema } from '../chat/chat-message.entity';
import { ChatSessionSchema } from '../chat/chat-session.entity';
import { messageBodyRef } from '../chat/chat-views';
import { StoredFileSchema, type StoredFile } from '../files/stored-file.entity';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import { DocumentViewSchema } from '../library/document-view.entity';
import { LibraryDocumentSchema } from '../library/document.entity';
import { NotificationSchema } from '../notifications/notification.entity';
import { PointsEntrySchema } from '../points/points-entry.entity';
import { balanceIn } from '../points/points-ledger';
import { PrivacyRequestEventSchema } from '../privacy-requests/privacy-request-event.entity';
import { PrivacyRequestSchema } from '../privacy-requests/privacy-request.entity';
import { openDetails, openNote, openOutcome } from '../privacy-requests/privacy-request.codec';
import { ConsentEventSchema } from '../privacy/consent-event.entity';
import { PolicyVersionSchema } from '../privacy/policy-version.entity';
import { RedemptionOrderSchema } from '../redemptions/redemption-order.entity';
import { TicketCommentSchema } from '../tickets/ticket-comment.entity';
import { TicketRatingSchema } from '../tickets/ticket-rating.entity';
import { TicketSchema } from '../tickets/ticket.entity';
import { selectTickets } from '../tickets/tickets.read';
import type { User } from '../users/user.entity';
import { sealedRef } from './personal-fields';

/**
 * Reads everything held about one person, section by section, for the page
 * and for the export file. This is the one place that reads other modules'
 * tables directly rather than through their services: the export must cover
 * every table, read-only and for one person, and keeping those reads
 * together lets export.test.ts hold them against personal-fields.ts. Where a
 * module has a reader or a codec (tickets.read, address.codec, chat-views)
 * it is used, so values are opened exactly as that module seals them.
 */

export interface Section<T> {
  total: number;
  items: T[];
}

type Item<S extends z.ZodType> = z.infer<S>;

export interface CollectOptions {
  /** At most this many items per list (newest first); null for all of them (the export). */
  cap: number | null;
  now: Date;
  /** The session asking, marked `current` in the login history. */
  currentSessionId: string | null;
  /** The link to put in `url` for one of the person's own files; null on the page. */
  link: (file: StoredFile) => string | null;
}

export interface CollectedProfile {
  id: string;
  accountCreatedAt: string;
  status: UserStatus;
  role: User['role'];
  tier: NonNullable<User['tier']> | null;
  name: string | null;
  phone: string | null;
  wechatOpenId: string | null;
  gender: Gender | null;
  position: string | null;
  title: string | null;
  hospital: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  managedDepartments: { id: string; name: string }[];
  badge: MediaRef | null;
  registeredAt: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  adultConfirmedAt: string | null;
  cancellation: { requestedAt: string; purgeAfter: string | null } | null;
}

export interface Collected {
  profile: CollectedProfile;
  consents: { current: Item<typeof CurrentConsentSchema>; history: Section<Item<typeof ConsentRecordSchema>> };
  tickets: Section<Item<typeof TicketItemSchema>>;
  ticketComments: Section<Item<typeof TicketCommentItemSchema>>;
  chats: Section<Item<typeof ChatItemSchema>>;
  browsing: Section<Item<typeof BrowsingItemSchema>>;
  points: { balance: number; ledger: Section<Item<typeof PointsEntryItemSchema>> };
  addresses: Section<Item<typeof AddressItemSchema>>;
  orders: Section<Item<typeof OrderItemSchema>>;
  provisions: Section<Item<typeof ProvisionItemSchema>>;
  accessRequests: Section<Item<typeof AccessRequestItemSchema>>;
  privacyRequests: Section<Item<typeof PrivacyRequestItemSchema>>;
  loginHistory: Section<Item<typeof LoginItemSchema>>;
  notifications: Section<Item<typeof NotificationItemSchema>>;
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const isoOf = (d: Date | string | number): string => new Date(d).toISOString();

/** Count and the newest rows (by time-ordered id) of one entity for this person. */
async function newest<E extends object>(
  em: EntityManager,
  entity: EntityName<E>,
  where: FilterQuery<E>,
  cap: number | null,
  orderBy: Record<string, 'desc'> = { id: 'desc' },
): Promise<{ total: number; rows: E[] }> {
  const rows = (await em.find(entity, where, { orderBy: orderBy as never, ...(cap === null ? {} : { limit: cap }) })) as E[];
  const total = cap === null || rows.length < cap ? rows.length : await em.count(entity, where);
  return { total, rows };
}

function mediaRef(file: StoredFile, link: CollectOptions['link']): MediaRef | null {
  if (!(MEDIA_PURPOSES as readonly string[]).includes(file.purpose)) return null;
  return {
    fileId: file.id,
    purpose: file.purpose as MediaRef['purpose'],
    mime: file.mime,
    size: file.size,
    uploadedAt: isoOf(file.createdAt),
    url: link(file),
  };
}

/** The stored files behind a set of ids (deleted ones are no longer held, so they are left out). */
async function filesById(em: EntityManager, ids: Iterable<string>): Promise<Map<string, StoredFile>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const files = await em.find(StoredFileSchema, { id: { $in: unique }, deletedAt: null });
  return new Map(files.map((f) => [f.id, f]));
}

async function namesById(em: EntityManager, entity: typeof HospitalSchema | typeof DepartmentSchema, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = (await em.find(entity as typeof DepartmentSchema, { id: { $in: unique } })) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

const named = (names: Map<string, string>, id: string) => ({ id, name: names.get(id) ?? '' });

async function profileOf(deps: AppDeps, em: EntityManager, user: User, link: CollectOptions['link']): Promise<CollectedProfile> {
  const hospital = user.hospital ? await em.findOne(HospitalSchema, { id: user.hospital.id }) : null;
  const department = user.department ? await em.findOne(DepartmentSchema, { id: user.department.id }) : null;
  const badgeFile = user.badgeFileId ? (await filesById(em, [user.badgeFileId])).get(user.badgeFileId) : undefined;
  return {
    id: user.id,
    accountCreatedAt: isoOf(user.createdAt),
    status: user.status,
    role: user.role,
    tier: user.tier ?? null,
    name: deps.pii.get(user, 'name'),
    phone: deps.pii.get(user, 'phone'),
    wechatOpenId: deps.pii.get(user, 'openid'),
    gender: (deps.pii.get(user, 'gender') as Gender | null) ?? null,
    position: deps.pii.get(user, 'position'),
    title: deps.pii.get(user, 'title'),
    hospital: hospital ? { id: hospital.id, name: hospital.name } : null,
    department: department ? { id: department.id, name: department.name } : null,
    managedDepartments: user.tier === 'advanced' ? await activeManagedDepartments(em, user.id) : [],
    badge: badgeFile ? mediaRef(badgeFile, link) : null,
    registeredAt: iso(user.registeredAt),
    decidedAt: iso(user.decidedAt),
    rejectionReason: user.rejectionReason ?? null,
    adultConfirmedAt: iso(user.adultConfirmedAt),
    cancellation: user.cancellationRequestedAt ? { requestedAt: isoOf(user.cancellationRequestedAt), purgeAfter: iso(user.purgeAfter) } : null,
  };
}

async function consentsOf(em: EntityManager, user: User, cap: number | null): Promise<Collected['consents']> {
  const { total, rows } = await newest(
    em,
    ConsentEventSchema,
    { userId: user.id },
    cap,
  );
  const versions = [...new Set(rows.map((r) => r.policyVersion))];
  const policies = versions.length ? await em.find(PolicyVersionSchema, { version: { $in: versions } }) : [];
  const published = new Map(policies.map((p) => [p.version, p.publishedAt]));
  return {
    current: { policyVersion: user.consentedPolicyVersion ?? null, purposes: user.consentPurposes, adultConfirmedAt: iso(user.adultConfirmedAt) },
    history: {
      total,
      items: rows.map((r) => ({
        action: r.action,
        policyVersion: r.policyVersion,
        policyPublishedAt: iso(published.get(r.policyVersion)),
        purposes: r.purposes as Item<typeof ConsentRecordSchema>['purposes'],
        adult: r.adult,
        textHash: r.textHash,
        at: isoOf(r.createdAt),
      })),
    },
  };
}

async function ticketsOf(deps: AppDeps, em: EntityManager, user: User, o: CollectOptions): Promise<Collected['tickets']> {
  const filter = { anyOf: [{ kind: 'reportedBy' as const, userId: user.id }] };
  const rows = await selectTickets(em, filter, { limit: o.cap ?? Number.MAX_SAFE_INTEGER });
  const total = o.cap === null || rows.length < o.cap ? rows.length : await em.count(TicketSchema, { reporterId: user.id });
  const ids = rows.map((r) => r.id);
  const ratings = ids.length ? await em.find(TicketRatingSchema, { ticket: { $in: ids } }) : [];
  const ratingOf = new Map(ratings.map((r) => [r.ticket.id, r]));
  // The report's own photos and voice note (comment photos are listed with the comment).
  const media = ids.length ? await em.find(StoredFileSchema, { ticketId: { $in: ids }, commentId: null, ownerId: user.id, deletedAt: null }, { orderBy: { id: 'asc' } }) : [];
  const mediaOf = new Map<string, MediaRef[]>();
  for (const f of media) {
    const ref = mediaRef(f, o.link);
    if (ref) mediaOf.set(f.ticketId!, [...(mediaOf.get(f.ticketId!) ?? []), ref]);
  }
  return {
    total,
    items: rows.map((r) => {
      const rating = ratingOf.get(r.id);
      return {
        id: r.id,
        number: r.number,
        status: r.status,
        createdAt: isoOf(r.createdAt),
        hospital: { id: r.hospitalId, name: r.hospitalName },
        department: { id: r.departmentId, name: r.departmentName },
        equipment: { model: r.model, serial: r.serial },
        description: r.description,
        contactName: deps.cipher.open(sealedRef('ticket', 'contact_name_sealed', r.id), r.contactNameSealed),
        contactPhone: deps.cipher.open(sealedRef('ticket', 'contact_phone_sealed', r.id), r.contactPhoneSealed),
        media: mediaOf.get(r.id) ?? [],
        rating: rating
          ? {
              score: rating.score,
              comment: deps.cipher.openOptional(sealedRef('ticket_rating', 'comment_sealed', rating.id), rating.commentSealed),
              at: isoOf(rating.createdAt),
            }
          : null,
      };
    }),
  };
}

async function commentsOf(deps: AppDeps, em: EntityManager, user: User, o: CollectOptions): Promise<Collected['ticketComments']> {
  const { total, rows } = await newest(em, TicketCommentSchema, { authorId: user.id }, o.cap);
  const ticketIds = [...new Set(rows.map((r) => r.ticket.id))];
  const tickets = ticketIds.length ? await em.find(TicketSchema, { id: { $in: ticketIds } }, { fields: ['id', 'number'] }) : [];
  const numbers = new Map(tickets.map((t) => [t.id, t.number]));
  const files = await filesById(em, rows.flatMap((r) => r.fileIds));
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket.id,
      ticketNumber: numbers.get(r.ticket.id) ?? '',
      body: deps.cipher.open(sealedRef('ticket_comment', 'body_sealed', r.id), r.bodySealed),
      media: r.fileIds.flatMap((id) => {
        const f = files.get(id);
        const ref = f ? mediaRef(f, f.ownerId === user.id ? o.link : () => null) : null;
        return ref ? [ref] : [];
      }),
      at: isoOf(r.createdAt),
    })),
  };
}

async function chatsOf(deps: AppDeps, em: EntityManager, user: User, o: CollectOptions): Promise<Collected['chats']> {
  const { total, rows } = await newest(em, ChatSessionSchema, { ownerId: user.id }, o.cap);
  const ticketIds = rows.map((r) => r.ticketId).filter((id): id is string => Boolean(id));
  const tickets = ticketIds.length ? await em.find(TicketSchema, { id: { $in: ticketIds } }, { fields: ['id', 'number'] }) : [];
  const numbers = new Map(tickets.map((t) => [t.id, t.number]));
  const items: Item<typeof ChatItemSchema>[] = [];
  for (const chat of rows) {
    const { total: messageCount, rows: newestFirst } = await newest(
      em,
      ChatMessageSchema,
      { chat: chat.id },
      o.cap,
    );
    const messages = [...newestFirst].reverse();
    const files = await filesById(em, messages.map((m) => m.fileId).filter((id): id is string => Boolean(id)));
    items.push({
      id: chat.id,
      status: chat.status,
      ticketNumber: chat.ticketId ? (numbers.get(chat.ticketId) ?? null) : null,
      createdAt: isoOf(chat.createdAt),
      closedAt: iso(chat.closedAt),
      messageCount,
      messages: messages.map((m): Item<typeof ChatMessageItemSchema> => {
        const f = m.fileId ? files.get(m.fileId) : undefined;
        return {
          id: m.id,
          from: m.authorId === user.id ? 'me' : 'service',
          kind: m.kind as Item<typeof ChatMessageItemSchema>['kind'],
          // The module's own ref, so the transcript opens exactly as the chat module sealed it.
          text: deps.cipher.openOptional(messageBodyRef(m.id), m.bodySealed),
          media: f ? mediaRef(f, f.ownerId === user.id ? o.link : () => null) : null,
          at: isoOf(m.createdAt),
        };
      }),
    });
  }
  return { total, items };
}

async function browsingOf(em: EntityManager, user: User, cap: number | null): Promise<Collected['browsing']> {
  const { total, rows } = await newest(em, DocumentViewSchema, { userId: user.id }, cap);
  const docIds = [...new Set(rows.map((r) => r.documentId))];
  const docs = docIds.length ? await em.find(LibraryDocumentSchema, { id: { $in: docIds } }, { fields: ['id', 'title'] }) : [];
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  return {
    total,
    items: rows.map((r) => ({ document: { id: r.documentId, title: titles.get(r.documentId) ?? '' }, openedAt: isoOf(r.createdAt), secondsRead: r.secondsRead })),
  };
}

async function pointsOf(em: EntityManager, user: User, cap: number | null): Promise<Collected['points']> {
  const { total, rows } = await newest(
    em,
    PointsEntrySchema,
    { userId: user.id },
    cap,
  );
  return {
    balance: await balanceIn(em, user.id),
    ledger: {
      total,
      items: rows.map((r) => ({ delta: r.delta, balanceAfter: r.balanceAfter, reason: r.reason, reference: r.reference ?? null, note: r.note ?? null, at: isoOf(r.createdAt) })),
    },
  };
}

async function addressesOf(deps: AppDeps, em: EntityManager, user: User, cap: number | null): Promise<Collected['addresses']> {
  const { total, rows } = await newest(em, AddressSchema, { userId: user.id }, cap);
  return { total, items: rows.map((r) => ({ ...addressView(r, openAddress(deps.cipher, r.id, r.sealed)), updatedAt: iso(r.updatedAt) })) };
}

async function ordersOf(deps: AppDeps, em: EntityManager, user: User, cap: number | null): Promise<Collected['orders']> {
  const { total, rows } = await newest(em, RedemptionOrderSchema, { userId: user.id }, cap);
  return {
    total,
    items: rows.map((r) => {
      const a = openSnapshot(deps.cipher, r.id, r.addressSealed);
      return {
        number: r.number,
        giftName: r.giftName,
        quantity: r.quantity,
        pointsTotal: r.pointsTotal,
        valueYuanTotal: r.valueYuanTotal,
        status: r.status,
        address: { recipientName: a.recipientName, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail },
        carrier: r.carrier ?? null,
        trackingNo: r.trackingNo ?? null,
        createdAt: isoOf(r.createdAt),
        shippedAt: iso(r.shippedAt),
        deliveredAt: iso(r.deliveredAt),
        cancelledAt: iso(r.cancelledAt),
        cancelledBy: r.cancelledBy ?? null,
        cancelReason: r.cancelReason ?? null,
      };
    }),
  };
}

/** Which dealer received which of the person's tickets, with the fields shown (privacy/provision.service.ts keeps the rows). */
async function provisionsOf(em: EntityManager, user: User, cap: number | null): Promise<Collected['provisions']> {
  const { items } = await ownProvisions(em, user.id, cap);
  let total = items.length;
  if (cap !== null && items.length >= cap) {
    const [row] = (await em.getConnection().execute('select count(*) as n from provision_record where subject_user_id = ?', [user.id])) as unknown as { n: number | string }[];
    total = Number(row?.n ?? items.length);
  }
  return { total, items };
}

async function accessRequestsOf(deps: AppDeps, em: EntityManager, user: User, cap: number | null): Promise<Collected['accessRequests']> {
  const { total, rows } = await newest(em, AccessRequestSchema, { userId: user.id }, cap);
  const names = await namesById(em, DepartmentSchema, rows.flatMap((r) => [...r.requestedDepartmentIds, ...(r.grantedDepartmentIds ?? [])]));
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      requestedDepartments: r.requestedDepartmentIds.map((id) => named(names, id)),
      grantedDepartments: (r.grantedDepartmentIds ?? []).map((id) => named(names, id)),
      position: deps.cipher.open(sealedRef('access_request', 'position_sealed', r.id), r.positionSealed),
      reason: deps.cipher.open(sealedRef('access_request', 'reason_sealed', r.id), r.reasonSealed),
      decisionReason: r.decisionReason ?? null,
      createdAt: isoOf(r.createdAt),
      decidedAt: iso(r.decidedAt),
    })),
  };
}

async function privacyRequestsOf(deps: AppDeps, em: EntityManager, user: User, cap: number | null): Promise<Collected['privacyRequests']> {
  type P = Item<typeof PrivacyRequestItemSchema>;
  const { total, rows } = await newest(em, PrivacyRequestSchema, { userId: user.id }, cap);
  const ids = rows.map((r) => r.id);
  const events = ids.length ? await em.find(PrivacyRequestEventSchema, { requestId: { $in: ids } }, { orderBy: { id: 'asc' } }) : [];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      type: r.type as P['type'],
      status: r.status as P['status'],
      details: openDetails(deps.cipher, r.id, r.detailsSealed ?? null),
      outcome: openOutcome(deps.cipher, r.id, r.outcomeSealed ?? null),
      refusalReason: (r.refusalReason ?? null) as P['refusalReason'],
      createdAt: isoOf(r.createdAt),
      dueAt: isoOf(r.dueAt),
      closedAt: iso(r.closedAt),
      events: events
        .filter((e) => e.requestId === r.id)
        .map((e) => ({
          kind: e.kind as P['events'][number]['kind'],
          note: openNote(deps.cipher, e.id, e.noteSealed ?? null),
          by: !e.actorId ? ('system' as const) : e.actorId === user.id ? ('user' as const) : ('admin' as const),
          at: isoOf(e.createdAt),
        })),
    })),
  };
}

async function loginsOf(em: EntityManager, user: User, o: CollectOptions): Promise<Collected['loginHistory']> {
  // Newest sign-in first (by when it started).
  const { total, rows } = await newest(em, SessionSchema, { userId: user.id }, o.cap, { createdAt: 'desc', id: 'desc' });
  const now = o.now.getTime();
  return {
    total,
    items: rows.map((s) => {
      const expiresAt = Math.min(new Date(s.idleExpiresAt).getTime(), new Date(s.absoluteExpiresAt).getTime());
      const state = s.revokedAt ? ('ended' as const) : expiresAt <= now ? ('expired' as const) : ('active' as const);
      return {
        startedAt: isoOf(s.createdAt),
        lastUsedAt: isoOf(s.lastUsedAt),
        state,
        endedAt: state === 'ended' ? iso(s.revokedAt) : state === 'expired' ? isoOf(expiresAt) : null,
        current: s.id === o.currentSessionId,
      };
    }),
  };
}

async function notificationsOf(em: EntityManager, user: User, cap: number | null): Promise<Collected['notifications']> {
  const { total, rows } = await newest(em, NotificationSchema, { userId: user.id }, cap);
  return { total, items: rows.map((n) => ({ title: n.title, body: n.body, at: isoOf(n.createdAt), readAt: iso(n.readAt) })) };
}

/** Everything held about `user`, opened; lists newest first, capped as asked. */
export async function collectPersonalData(deps: AppDeps, em: EntityManager, user: User, o: CollectOptions): Promise<Collected> {
  return {
    profile: await profileOf(deps, em, user, o.link),
    consents: await consentsOf(em, user, o.cap),
    tickets: await ticketsOf(deps, em, user, o),
    ticketComments: await commentsOf(deps, em, user, o),
    chats: await chatsOf(deps, em, user, o),
    browsing: await browsingOf(em, user, o.cap),
    points: await pointsOf(em, user, o.cap),
    addresses: await addressesOf(deps, em, user, o.cap),
    orders: await ordersOf(deps, em, user, o.cap),
    provisions: await provisionsOf(em, user, o.cap),
    accessRequests: await accessRequestsOf(deps, em, user, o.cap),
    privacyRequests: await privacyRequestsOf(deps, em, user, o.cap),
    loginHistory: await loginsOf(em, user, o),
    notifications: await notificationsOf(em, user, o.cap),
  };
}
