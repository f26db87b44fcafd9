import type { PiiAccessAction } from '@shared/schemas/access-log.schema'
import type { JobName } from '@shared/schemas/jobs.schema'
import type {
  PrivacyRequestEventKind,
  PrivacyRequestStatus,
  PrivacyRequestType,
  RefusalReason,
} from '@shared/schemas/privacy-requests.schema'
import type { StatusTagType } from '../components/StatusTag'
import { DELEGATION_PURPOSE_LABELS } from './ticket.zh'

// 隐私合规 (admin console): requests under PIPL Art. 44–50, the access log, the recipients registry, the privacy jobs.

/** What the person asked for, with the article that gives them the right. */
export const PRIVACY_REQUEST_TYPE_LABELS: Record<PrivacyRequestType, string> = {
  access: '查阅、复制',
  correction: '更正、补充',
  deletion: '删除',
  transfer: '转移',
  explanation: '解释说明',
  complaint: '投诉',
}

export const PRIVACY_REQUEST_TYPE_LAWS: Record<PrivacyRequestType, string> = {
  access: '《个人信息保护法》第四十五条',
  correction: '《个人信息保护法》第四十六条',
  deletion: '《个人信息保护法》第四十七条',
  transfer: '《个人信息保护法》第四十五条第三款',
  explanation: '《个人信息保护法》第四十八条',
  complaint: '《个人信息保护法》第五十条',
}

/** A request's status as the privacy desk names it (the work to do first). */
export const PRIVACY_REQUEST_STATUS_LABELS: Record<PrivacyRequestStatus, string> = {
  received: '待受理',
  in_progress: '处理中',
  completed: '已完成',
  refused: '已拒绝',
}

export const PRIVACY_REQUEST_STATUS_TAG: Record<PrivacyRequestStatus, StatusTagType> = {
  received: 'warning',
  in_progress: 'primary',
  completed: 'success',
  refused: 'muted',
}

export const PRIVACY_REQUEST_EVENT_LABELS: Record<PrivacyRequestEventKind, string> = {
  received: '收到申请（已核验手机号）',
  taken: '已受理',
  note: '备注',
  completed: '处理完成',
  refused: '拒绝申请',
}

export const PRIVACY_EVENT_BY_LABELS: Record<'user' | 'admin' | 'system', string> = {
  user: '申请人',
  admin: '管理员',
  system: '系统',
}

export { REFUSAL_REASONS_ZH as REFUSAL_REASON_LABELS } from './refusal-reasons.zh'
import { REFUSAL_REASONS_ZH } from './refusal-reasons.zh'

/** `拒绝理由 · 法律依据` in one line (tables, the history). */
export function refusalReasonText(reason: RefusalReason): string {
  const r = REFUSAL_REASONS_ZH[reason]
  return `${r.title}（${r.law}）`
}

/** What an access-log row records (PII_ACCESS_ACTIONS). */
export const PII_ACCESS_ACTION_LABELS: Record<PiiAccessAction, string> = {
  'badge.view': '查看工牌照片',
  'phone.reveal': '查看完整手机号',
  'export.self': '本人导出个人数据',
  'export.orders': '导出订单收件信息',
  'dealer.read': '经销商查看委托工单',
}

/** Personal fields by their API names, in Chinese (access log, recipients registry); unknown names are shown as they are. */
export const PERSONAL_FIELD_LABELS: Record<string, string> = {
  phone: '手机号',
  name: '姓名',
  gender: '性别',
  hospital: '医院',
  department: '科室',
  position: '职务/职称',
  title: '职称',
  badge: '工牌照片',
  badgePhoto: '工牌照片',
  badge_photo: '工牌照片',
  openid: '微信 OpenID',
  openId: '微信 OpenID',
  unionId: '微信 UnionID',
  contactName: '联系人姓名',
  contactPhone: '联系人电话',
  description: '故障描述',
  equipment: '设备信息',
  media: '故障照片/语音',
  faultMedia: '故障照片/语音',
  address: '收件地址',
  addresses: '收件地址',
  recipientName: '收件人',
  recipientPhone: '收件人电话',
  tickets: '工单',
  chats: '咨询记录',
  reading: '资料浏览记录',
  points: '积分',
  orders: '兑换订单',
  consents: '授权记录',
  provisions: '对外提供记录',
  logins: '登录记录',
  profile: '个人资料',
  ratings: '满意度评价',
  'ticket.contactPhone': '工单联系人电话',
  'ticket.contactName': '工单联系人姓名',
  ticketComments: '工单留言',
  browsing: '资料浏览记录',
  accessRequests: '高级权限申请',
  privacyRequests: '隐私申请',
  loginHistory: '登录记录',
  notifications: '通知',
}

export function fieldLabel(field: string): string {
  return PERSONAL_FIELD_LABELS[field] ?? field
}

/** `手机号、姓名、医院`. */
export function fieldsText(fields: readonly string[]): string {
  return fields.length > 0 ? fields.map(fieldLabel).join('、') : '—'
}

/**
 * A purpose in Chinese: a delegation purpose (`onsite_check`, or
 * `delegation:onsite_check` in the access log) by its label; words the server
 * already wrote in Chinese (`注册审核`) as they are.
 */
export function purposeLabel(purpose: string): string {
  const key = purpose.startsWith('delegation:') ? purpose.slice('delegation:'.length) : purpose
  const label = (DELEGATION_PURPOSE_LABELS as Record<string, string>)[key]
  if (!label) return purpose
  return key === purpose ? label : `委托${label}`
}

/** The roles an access-log actor may have. */
export const ROLE_LABELS: Record<string, string> = {
  admin: '管理员',
  engineer: '工程师',
  dealer: '经销商',
  staff: '医院员工',
}

/** The privacy jobs an admin may run from 隐私合规. */
export type PrivacyJob = Extract<JobName, 'retention' | 'cancellation-purge'>

export const PRIVACY_JOB_LABELS: Record<PrivacyJob, { title: string; description: string; confirm: string }> = {
  retention: {
    title: '数据保留清理',
    description: '按保留期限表删除或匿名化已过期的数据（如审核通过 30 天后的工牌照片）。每晚自动运行。',
    confirm: '将立即按保留期限表删除或匿名化已过期的数据，删除后无法恢复。确定现在运行吗？',
  },
  'cancellation-purge': {
    title: '注销账号清理',
    description: '对注销冷静期已结束的账号，删除或匿名化其个人信息；工单、评价和订单仅保留匿名记录。每晚自动运行。',
    confirm: '将立即清除冷静期已结束的注销账号的个人信息，清除后无法恢复，用户也不能再撤销注销。确定现在运行吗？',
  },
}

export const JOB_STATUS_LABELS: Record<'running' | 'succeeded' | 'failed', string> = {
  running: '运行中',
  succeeded: '已完成',
  failed: '运行失败',
}

export const JOB_STATUS_TAG: Record<'running' | 'succeeded' | 'failed', StatusTagType> = {
  running: 'primary',
  succeeded: 'success',
  failed: 'danger',
}

/**
 * Names in a privacy job's result: the cancellation purge's counters
 * (PURGE_COUNTERS) and the retention categories (RETENTION_CATEGORIES) with
 * its file counts; unknown names are shown as they are.
 */
export const JOB_RESULT_LABELS: Record<string, string> = {
  // cancellation-purge
  accounts: '清理的账号',
  accountsDeleted: '彻底删除的账号',
  files: '文件',
  addresses: '收件地址',
  orders: '订单（匿名保留）',
  tickets: '工单（匿名保留）',
  colleagueContacts: '作为同事联系人的工单',
  comments: '工单留言',
  ratings: '评价（匿名保留）',
  chats: '咨询会话',
  chatMessages: '咨询消息',
  documentViews: '资料浏览记录',
  notifications: '通知',
  sessions: '登录会话',
  smsCodes: '短信验证码',
  idempotencyRecords: '防重复提交记录',
  outboxMessages: '待发送消息',
  accessRequests: '高级权限申请',
  privacyRequests: '隐私申请',
  // retention
  badge_photos: '工牌照片',
  unattached_uploads: '未使用的上传文件',
  chat_messages: '咨询消息',
  ticket_personal: '工单个人信息（匿名化）',
  browsing_records: '资料浏览记录',
  sms_codes: '短信验证码',
  idempotency_records: '防重复提交记录',
  outbox_delivered: '已送达的消息',
  pii_access_log: '个人信息访问日志',
  provision_records: '对外提供记录',
  audit_log: '审计日志',
  job_runs: '任务运行记录',
  removed: '已删除',
  failed: '失败',
  unfinished: '本次未处理完（下次继续）',
}
