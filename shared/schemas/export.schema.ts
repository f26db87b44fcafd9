import { z } from 'zod';
import { ROLES, STAFF_TIERS } from '../permissions';
import { IsoDateTime } from './common.schema';
import { GENDERS, USER_STATUSES } from './me.schema';
import { CONSENT_PURPOSES } from './privacy.schema';
import { PRIVACY_REQUEST_EVENT_KINDS, PRIVACY_REQUEST_STATUSES, PRIVACY_REQUEST_TYPES, REFUSAL_REASONS } from './privacy-requests.schema';

/**
 * "My data" (PIPL Art. 45): everything held about a person, read on the
 * page (`GET /me/data`) and copied as a file (`GET /me/export`). Both use the
 * item shapes below; docs/export-format.md describes every field.
 *
 * The export file is a documented, machine-readable format (portability):
 * `schemaVersion` changes whenever a field is removed or changes meaning;
 * adding a field adds to the document and keeps the version. Objects in the
 * file are strict, so a field nobody documented fails validation.
 */
export const EXPORT_SCHEMA_VERSION = 1 as const;
export const EXPORT_FORMAT = 'scopedesk.personal-data' as const;

/** The page shows at most this many of each list (newest first), with the total: "共 N 条，显示最近 50 条". */
export const MY_DATA_LIST_CAP = 50;

/** Signed media links in an export stay valid this long. */
export const EXPORT_LINK_TTL_HOURS = 24;

const At = IsoDateTime;
const AtOrNull = IsoDateTime.nullable();
const Named = z.strictObject({ id: z.string(), name: z.string() });

export const MEDIA_PURPOSES = ['badge', 'ticket_photo', 'ticket_voice', 'chat'] as const;

/** A photo or voice note of the person's: in the export with a signed link, on the page without (the app opens it via `GET /files/:id`). */
export const MediaRefSchema = z.strictObject({
  fileId: z.string(),
  purpose: z.enum(MEDIA_PURPOSES),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: At,
  /** Export: a signed link, valid until `linksExpireAt`; null on the page, and for files that are not the person's own. */
  url: z.string().nullable(),
});
export type MediaRef = z.infer<typeof MediaRefSchema>;

const ProfileBase = z.strictObject({
  id: z.string(),
  accountCreatedAt: At,
  status: z.enum(USER_STATUSES),
  role: z.enum(ROLES),
  tier: z.enum(STAFF_TIERS).nullable(),
  name: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  position: z.string().nullable(),
  title: z.string().nullable(),
  hospital: Named.nullable(),
  department: Named.nullable(),
  managedDepartments: z.array(Named),
  badge: MediaRefSchema.nullable(),
  registeredAt: AtOrNull,
  decidedAt: AtOrNull,
  rejectionReason: z.string().nullable(),
  adultConfirmedAt: AtOrNull,
  cancellation: z.strictObject({ requestedAt: At, purgeAfter: AtOrNull }).nullable(),
});

/** In the file: the phone in full and the WeChat OpenID. */
export const ExportProfileSchema = ProfileBase.extend({
  phone: z.string().nullable(),
  wechatOpenId: z.string().nullable(),
});
/** On the page: the phone masked (the default display), and only whether WeChat is bound. */
export const MyDataProfileSchema = ProfileBase.extend({
  phoneMasked: z.string().nullable(),
  wechatBound: z.boolean(),
});

export const ConsentRecordSchema = z.strictObject({
  action: z.enum(['grant', 'withdraw']),
  policyVersion: z.string(),
  policyPublishedAt: AtOrNull,
  purposes: z.array(z.enum(CONSENT_PURPOSES)),
  adult: z.boolean(),
  /** SHA-256 of the policy text that was shown. */
  textHash: z.string(),
  at: At,
});

export const CurrentConsentSchema = z.strictObject({
  policyVersion: z.string().nullable(),
  purposes: z.array(z.enum(CONSENT_PURPOSES)),
  adultConfirmedAt: AtOrNull,
});

export const TicketItemSchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  createdAt: At,
  hospital: Named,
  department: Named,
  equipment: z.strictObject({ model: z.string().nullable(), serial: z.string().nullable() }),
  description: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  media: z.array(MediaRefSchema),
  rating: z.strictObject({ score: z.number().int(), comment: z.string().nullable(), at: At }).nullable(),
});

export const TicketCommentItemSchema = z.strictObject({
  id: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  body: z.string(),
  media: z.array(MediaRefSchema),
  at: At,
});

export const ChatMessageItemSchema = z.strictObject({
  id: z.string(),
  /** `me`: the person; `service`: customer service (engineers answer; never named here). */
  from: z.enum(['me', 'service']),
  kind: z.enum(['text', 'image', 'voice']),
  text: z.string().nullable(),
  media: MediaRefSchema.nullable(),
  at: At,
});

export const ChatItemSchema = z.strictObject({
  id: z.string(),
  status: z.string(),
  ticketNumber: z.string().nullable(),
  createdAt: At,
  closedAt: AtOrNull,
  messageCount: z.number().int(),
  /** Oldest first. On the page, the latest MY_DATA_LIST_CAP of `messageCount`. */
  messages: z.array(ChatMessageItemSchema),
});

export const BrowsingItemSchema = z.strictObject({
  document: z.strictObject({ id: z.string(), title: z.string() }),
  openedAt: At,
  secondsRead: z.number().int(),
});

export const PointsEntryItemSchema = z.strictObject({
  delta: z.number().int(),
  balanceAfter: z.number().int(),
  reason: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  at: At,
});

export const AddressItemSchema = z.strictObject({
  id: z.string(),
  recipientName: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  provinceCode: z.string(),
  cityCode: z.string(),
  districtCode: z.string(),
  detail: z.string(),
  isDefault: z.boolean(),
  createdAt: At,
  updatedAt: AtOrNull,
});

export const OrderItemSchema = z.strictObject({
  number: z.string(),
  giftName: z.string(),
  quantity: z.number().int(),
  pointsTotal: z.number().int(),
  valueYuanTotal: z.number().int(),
  status: z.string(),
  address: z.strictObject({
    recipientName: z.string(),
    phone: z.string(),
    province: z.string(),
    city: z.string(),
    district: z.string(),
    detail: z.string(),
  }),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  createdAt: At,
  shippedAt: AtOrNull,
  deliveredAt: AtOrNull,
  cancelledAt: AtOrNull,
  cancelledBy: z.string().nullable(),
  cancelReason: z.string().nullable(),
});

export const ProvisionItemSchema = z.strictObject({
  ticketNumber: z.string(),
  dealer: z.string(),
  purpose: z.string(),
  fields: z.array(z.string()),
  at: At,
});

export const AccessRequestItemSchema = z.strictObject({
  id: z.string(),
  status: z.string(),
  requestedDepartments: z.array(Named),
  grantedDepartments: z.array(Named),
  position: z.string(),
  reason: z.string(),
  decisionReason: z.string().nullable(),
  createdAt: At,
  decidedAt: AtOrNull,
});

export const PrivacyRequestItemSchema = z.strictObject({
  id: z.string(),
  type: z.enum(PRIVACY_REQUEST_TYPES),
  status: z.enum(PRIVACY_REQUEST_STATUSES),
  details: z.string().nullable(),
  outcome: z.string().nullable(),
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  createdAt: At,
  dueAt: At,
  closedAt: AtOrNull,
  events: z.array(
    z.strictObject({
      kind: z.enum(PRIVACY_REQUEST_EVENT_KINDS),
      note: z.string().nullable(),
      by: z.enum(['user', 'admin', 'system']),
      at: At,
    }),
  ),
});

/** A sign-in (session). We keep no device, IP address or location for sign-ins. */
export const LoginItemSchema = z.strictObject({
  startedAt: At,
  lastUsedAt: At,
  /** `active`; `ended` (signed out, or ended by cancellation, a phone change or an admin); `expired` (unused too long, or past its maximum age). */
  state: z.enum(['active', 'ended', 'expired']),
  endedAt: AtOrNull,
  /** The session this export or page was requested from. */
  current: z.boolean(),
});

export const NotificationItemSchema = z.strictObject({
  title: z.string(),
  body: z.string(),
  at: At,
  readAt: AtOrNull,
});

/** The sections of the file and of the page, in order: the access log row names them. */
export const EXPORT_SECTIONS = [
  'profile',
  'consents',
  'tickets',
  'ticketComments',
  'chats',
  'browsing',
  'points',
  'addresses',
  'orders',
  'provisions',
  'accessRequests',
  'privacyRequests',
  'loginHistory',
  'notifications',
] as const;

/** `GET /me/export`: the file (`scopedesk-我的数据-YYYYMMDD.json`). Lists are complete, newest first. */
export const ExportSchema = z.strictObject({
  schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
  format: z.literal(EXPORT_FORMAT),
  generatedAt: At,
  /** When the media links (`url`) stop working; export again for fresh ones. */
  linksExpireAt: At,
  profile: ExportProfileSchema,
  consents: z.strictObject({ current: CurrentConsentSchema, history: z.array(ConsentRecordSchema) }),
  tickets: z.array(TicketItemSchema),
  ticketComments: z.array(TicketCommentItemSchema),
  chats: z.array(ChatItemSchema),
  browsing: z.array(BrowsingItemSchema),
  points: z.strictObject({ balance: z.number().int(), ledger: z.array(PointsEntryItemSchema) }),
  addresses: z.array(AddressItemSchema),
  orders: z.array(OrderItemSchema),
  provisions: z.array(ProvisionItemSchema),
  accessRequests: z.array(AccessRequestItemSchema),
  privacyRequests: z.array(PrivacyRequestItemSchema),
  loginHistory: z.array(LoginItemSchema),
  notifications: z.array(NotificationItemSchema),
});
export type PersonalDataExport = z.infer<typeof ExportSchema>;

/** A list on the page: the newest MY_DATA_LIST_CAP items and how many there are in all. */
export function listed<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int(), items: z.array(item) });
}

/** `GET /me/data`: the same sections as the file, lists capped for reading on a phone. */
export const MyDataSchema = z.object({
  generatedAt: At,
  /** How many of each list the page shows at most. */
  listCap: z.number().int(),
  profile: MyDataProfileSchema,
  consents: z.object({ current: CurrentConsentSchema, history: listed(ConsentRecordSchema) }),
  tickets: listed(TicketItemSchema),
  ticketComments: listed(TicketCommentItemSchema),
  chats: listed(ChatItemSchema),
  browsing: listed(BrowsingItemSchema),
  points: z.object({ balance: z.number().int(), ledger: listed(PointsEntryItemSchema) }),
  addresses: listed(AddressItemSchema),
  orders: listed(OrderItemSchema),
  provisions: listed(ProvisionItemSchema),
  accessRequests: listed(AccessRequestItemSchema),
  privacyRequests: listed(PrivacyRequestItemSchema),
  loginHistory: listed(LoginItemSchema),
  notifications: listed(NotificationItemSchema),
});
export type MyData = z.infer<typeof MyDataSchema>;

/** `GET /export-media/:fileId?exp=&sig=`: a link from an export file. */
export const ExportMediaQuerySchema = z.object({
  exp: z.coerce.number().int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'invalid signature'),
});
