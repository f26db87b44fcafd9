import type { FieldRef } from '../../core/pii/field-cipher';

/**
 * The tagging of personal columns (privacy.md, "Access and copy": every
 * column tagged personal appears in the export).
 *
 * A column is personal by convention when it is sealed — named `*_sealed`,
 * or `sealed` for a value sealed whole (a saved address) — and by listing
 * here when it is stored in the clear but still about the person (a badge
 * file id, a browsing record, free text). Every personal column is listed
 * below with the rows that belong to a person and the place in the export
 * where its value appears. test/server/privacy/export.test.ts reads the live
 * database schema (both dialects), fails on a sealed column this list does
 * not know, fills a person with data in every listed column, exports, and
 * finds each value at its path.
 *
 * Adding a sealed column to any table therefore means: add it here, put it
 * in the export (my-data.collect.ts), describe it in docs/export-format.md.
 */
export interface PersonalColumn {
  table: string;
  column: string;
  /** `sealed`: AES-GCM (opened with `ref`); `plain`: stored as is; `plain-json`: a JSON array of values. */
  storage: 'sealed' | 'plain' | 'plain-json';
  /** Selects the rows of this table that are the person's (`?` is their user id); the table is aliased `x`. */
  whose: string;
  /** The AAD the owning module seals the value with (table|column|row id). */
  ref?: (rowId: string) => FieldRef;
  /**
   * Where the opened value appears in the export: a path (`tickets[].contactName`,
   * `[]` stepping into a list); a sealed JSON object maps each of its keys to a path.
   */
  exportPath: string | Record<string, string>;
  what: string;
}

const sealedAs = (table: string, column: string) => (id: string): FieldRef => ({ table, column, id });

export const PERSONAL_COLUMNS: readonly PersonalColumn[] = [
  // The account (users/user.pii.ts seals `app_user|<field>|id`).
  { table: 'app_user', column: 'phone_sealed', storage: 'sealed', whose: 'x.id = ?', ref: sealedAs('app_user', 'phone'), exportPath: 'profile.phone', what: '手机号' },
  { table: 'app_user', column: 'openid_sealed', storage: 'sealed', whose: 'x.id = ?', ref: sealedAs('app_user', 'openid'), exportPath: 'profile.wechatOpenId', what: '微信 OpenID' },
  { table: 'app_user', column: 'name_sealed', storage: 'sealed', whose: 'x.id = ?', ref: sealedAs('app_user', 'name'), exportPath: 'profile.name', what: '姓名' },
  { table: 'app_user', column: 'position_sealed', storage: 'sealed', whose: 'x.id = ?', ref: sealedAs('app_user', 'position'), exportPath: 'profile.position', what: '岗位' },
  { table: 'app_user', column: 'title_sealed', storage: 'sealed', whose: 'x.id = ?', ref: sealedAs('app_user', 'title'), exportPath: 'profile.title', what: '职称' },
  { table: 'app_user', column: 'gender_sealed', storage: 'sealed', whose: 'x.id = ?', ref: sealedAs('app_user', 'gender'), exportPath: 'profile.gender', what: '性别' },
  { table: 'app_user', column: 'badge_file_id', storage: 'plain', whose: 'x.id = ?', exportPath: 'profile.badge.fileId', what: '工牌/执业证照片' },

  // Advanced-access applications (access/access.service.ts).
  { table: 'access_request', column: 'position_sealed', storage: 'sealed', whose: 'x.user_id = ?', ref: sealedAs('access_request', 'position'), exportPath: 'accessRequests[].position', what: '申请时填写的岗位' },
  { table: 'access_request', column: 'reason_sealed', storage: 'sealed', whose: 'x.user_id = ?', ref: sealedAs('access_request', 'reason'), exportPath: 'accessRequests[].reason', what: '申请理由' },

  // Tickets the person reported (tickets/ticket.record.ts), their comments and ratings.
  { table: 'ticket', column: 'contact_name_sealed', storage: 'sealed', whose: 'x.reporter_id = ?', ref: sealedAs('ticket', 'contact_name'), exportPath: 'tickets[].contactName', what: '报修联系人' },
  { table: 'ticket', column: 'contact_phone_sealed', storage: 'sealed', whose: 'x.reporter_id = ?', ref: sealedAs('ticket', 'contact_phone'), exportPath: 'tickets[].contactPhone', what: '报修联系电话' },
  { table: 'ticket', column: 'description', storage: 'plain', whose: 'x.reporter_id = ?', exportPath: 'tickets[].description', what: '故障描述（可能提及他人）' },
  { table: 'ticket_comment', column: 'body_sealed', storage: 'sealed', whose: 'x.author_id = ?', ref: sealedAs('ticket_comment', 'body'), exportPath: 'ticketComments[].body', what: '工单留言' },
  { table: 'ticket_comment', column: 'file_ids', storage: 'plain-json', whose: 'x.author_id = ?', exportPath: 'ticketComments[].media[].fileId', what: '留言照片' },
  { table: 'ticket_rating', column: 'comment_sealed', storage: 'sealed', whose: 'x.rater_id = ?', ref: sealedAs('ticket_rating', 'comment'), exportPath: 'tickets[].rating.comment', what: '评价内容' },
  { table: 'ticket_rating', column: 'score', storage: 'plain', whose: 'x.rater_id = ?', exportPath: 'tickets[].rating.score', what: '满意度评分' },

  // Customer-service conversations the person opened (chat/chat-views.ts): every message in them.
  {
    table: 'chat_message',
    column: 'body_sealed',
    storage: 'sealed',
    whose: 'x.chat_id in (select s.id from chat_session s where s.owner_id = ?)',
    ref: sealedAs('chat_message', 'body'),
    exportPath: 'chats[].messages[].text',
    what: '客服会话文字',
  },
  {
    table: 'chat_message',
    column: 'file_id',
    storage: 'plain',
    whose: 'x.chat_id in (select s.id from chat_session s where s.owner_id = ?)',
    exportPath: 'chats[].messages[].media.fileId',
    what: '客服会话图片/语音',
  },

  // Library browsing records.
  { table: 'document_view', column: 'document_id', storage: 'plain', whose: 'x.user_id = ?', exportPath: 'browsing[].document.id', what: '浏览的资料' },
  { table: 'document_view', column: 'seconds_read', storage: 'plain', whose: 'x.user_id = ?', exportPath: 'browsing[].secondsRead', what: '阅读时长' },

  // Points: an admin's adjustment note is about the person.
  { table: 'points_entry', column: 'note', storage: 'plain', whose: 'x.user_id = ?', exportPath: 'points.ledger[].note', what: '积分调整说明' },

  // Saved addresses and the address snapshot on each order (addresses/address.codec.ts).
  {
    table: 'address',
    column: 'sealed',
    storage: 'sealed',
    whose: 'x.user_id = ?',
    ref: sealedAs('address', 'sealed'),
    exportPath: {
      recipientName: 'addresses[].recipientName',
      phone: 'addresses[].phone',
      provinceCode: 'addresses[].provinceCode',
      cityCode: 'addresses[].cityCode',
      districtCode: 'addresses[].districtCode',
      detail: 'addresses[].detail',
    },
    what: '收货地址',
  },
  {
    table: 'redemption_order',
    column: 'address_sealed',
    storage: 'sealed',
    whose: 'x.user_id = ?',
    ref: sealedAs('redemption_order', 'address_sealed'),
    exportPath: {
      recipientName: 'orders[].address.recipientName',
      phone: 'orders[].address.phone',
      province: 'orders[].address.province',
      city: 'orders[].address.city',
      district: 'orders[].address.district',
      detail: 'orders[].address.detail',
    },
    what: '订单收货地址',
  },

  // Privacy requests and their history (privacy-requests/privacy-request.codec.ts seals with the full column name).
  { table: 'privacy_request', column: 'details_sealed', storage: 'sealed', whose: 'x.user_id = ?', ref: sealedAs('privacy_request', 'details_sealed'), exportPath: 'privacyRequests[].details', what: '个人信息请求内容' },
  { table: 'privacy_request', column: 'outcome_sealed', storage: 'sealed', whose: 'x.user_id = ?', ref: sealedAs('privacy_request', 'outcome_sealed'), exportPath: 'privacyRequests[].outcome', what: '处理结果' },
  {
    table: 'privacy_request_event',
    column: 'note_sealed',
    storage: 'sealed',
    whose: 'x.request_id in (select r.id from privacy_request r where r.user_id = ?)',
    ref: sealedAs('privacy_request_event', 'note_sealed'),
    exportPath: 'privacyRequests[].events[].note',
    what: '请求处理记录',
  },
];

/** Personal by naming convention: sealed values. */
export function isSealedColumn(column: string): boolean {
  return column === 'sealed' || column.endsWith('_sealed');
}

export function personalColumn(table: string, column: string): PersonalColumn | undefined {
  return PERSONAL_COLUMNS.find((c) => c.table === table && c.column === column);
}

/** The AAD of a registered sealed column; throws for a column this registry does not know (a programming error). */
export function sealedRef(table: string, column: string, rowId: string): FieldRef {
  const entry = personalColumn(table, column);
  if (!entry?.ref) throw new Error(`${table}.${column} is not a registered sealed column`);
  return entry.ref(rowId);
}
