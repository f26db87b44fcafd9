import type { EXPORT_SECTIONS } from '@shared/schemas/export.schema'
import type { ConsentPurpose } from '@shared/schemas/privacy.schema'
import type {
  PrivacyRequestEventKind,
  PrivacyRequestStatus,
  PrivacyRequestType,
  RefusalReason,
} from '@shared/schemas/privacy-requests.schema'
import { REFUSAL_REASONS } from '@shared/schemas/privacy-requests.schema'
import { REFUSAL_REASONS_ZH } from './refusal-reasons.zh'

// Words of the 隐私中心 (packages/privacy) and, for the request and refusal
// names, of the admin privacy queue too: the requester and the admin must
// read the same words. Types only from the contracts, so any page may import it.

/** A privacy request's type: the name, and what to ask for with it (PIPL Art. 44–50). */
export const PRIVACY_REQUEST_TYPE_LABELS: Record<PrivacyRequestType, string> = {
  access: '查阅复制',
  correction: '更正补充',
  deletion: '删除',
  transfer: '转移',
  explanation: '解释说明',
  complaint: '投诉',
}

export const PRIVACY_REQUEST_TYPE_HINTS: Record<PrivacyRequestType, string> = {
  access: '“我的数据”里没有看到的信息，可以申请查阅或复制。',
  correction: '信息有误或不完整（例如所在医院变了），请写明哪项应改成什么。',
  deletion: '希望删除某些信息（例如某张故障照片、某条聊天记录），请写明是哪些。',
  transfer: '希望把您的个人信息转给您指定的其他机构，请写明接收方。',
  explanation: '对我们如何处理您的个人信息有疑问，请写下您的问题。',
  complaint: '对我们处理个人信息的方式不满意，请写明经过和您的诉求。',
}

export const PRIVACY_REQUEST_STATUS_LABELS: Record<PrivacyRequestStatus, string> = {
  received: '已收到',
  in_progress: '处理中',
  completed: '已办结',
  refused: '未予办理',
}

/** NutUI tag type per status (`muted`: grey). */
export const PRIVACY_REQUEST_STATUS_TAG: Record<PrivacyRequestStatus, 'info' | 'primary' | 'success' | 'danger'> = {
  received: 'info',
  in_progress: 'primary',
  completed: 'success',
  refused: 'danger',
}

/** One line of a request's history. */
export const PRIVACY_REQUEST_EVENT_LABELS: Record<PrivacyRequestEventKind, string> = {
  received: '收到申请',
  taken: '开始处理',
  note: '处理说明',
  completed: '已办结',
  refused: '未予办理',
}

/** Who acted, as the requester sees it (never an admin's name). */
export const PRIVACY_REQUEST_ACTOR_LABELS: Record<'user' | 'admin' | 'system', string> = {
  user: '您',
  admin: '隐私保护团队',
  system: '系统',
}

/** A refusal's ground in plain words, and the rule it comes from (labels/refusal-reasons.zh.ts). */
export const REFUSAL_REASON_LABELS = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, REFUSAL_REASONS_ZH[r].title])) as Record<RefusalReason, string>

export const REFUSAL_REASON_BASIS = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, REFUSAL_REASONS_ZH[r].law])) as Record<RefusalReason, string>

/** A purpose's name when the policy could not be loaded (the policy's own words win). */
export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  service: '隐私政策（基本服务）',
  badge_photo: '工牌或执业证照片',
  fault_media: '故障照片和语音',
  location: '位置信息',
  dealer_sharing: '向受托经销商提供工单信息',
}

/** What stops when a purpose is withdrawn: said before the person confirms. */
export const CONSENT_WITHDRAW_EFFECTS: Record<Exclude<ConsentPurpose, 'service'>, string> = {
  badge_photo:
    '撤回后，您将不能再上传工牌或执业证照片。已上传的照片在注册审核完成后删除（已审核完成的，撤回后即删除）。其他功能不受影响。',
  fault_media:
    '撤回后，报修时将不能再上传故障照片和语音，仍可以用文字描述故障报修。撤回前已随工单提交的照片和语音不受影响，如需删除可提交个人信息申请。',
  location: '撤回后，“附近的医院”将不能使用，您仍可以按名称搜索医院。我们从不保存您的位置。',
  dealer_sharing:
    '撤回后，您的工单信息将不再提供给受托经销商；需要上门检查或取送设备时，改由厂家工程师安排，可能需要更长时间。已有的提供记录仍可在“第三方提供记录”中查看。',
}

/** What granting again allows, said before the person confirms. */
export const CONSENT_GRANT_EFFECTS: Record<Exclude<ConsentPurpose, 'service'>, string> = {
  badge_photo: '同意后，您可以上传工牌或执业证照片，仅审核人员可以查看，审核通过后 30 天内删除。',
  fault_media: '同意后，报修时可以上传故障照片和语音，仅处理该工单的人员可以查看。',
  location: '同意后，点击“附近的医院”时会获取一次您的位置，用于按距离推荐医院，不会保存。',
  dealer_sharing: '同意后，需要上门检查或取送设备时，我们会向受托经销商提供完成该工单所必需的信息，每次提供都会记录。',
}

/** The fields a dealer receives (server DEALER_VIEW_FIELDS), in words. */
export const PROVISION_FIELD_LABELS: Record<string, string> = {
  contactName: '联系人姓名',
  contactPhone: '联系人电话',
  description: '故障描述',
  equipment: '设备型号和序列号',
  hospital: '医院',
  department: '科室',
}

export function provisionFieldLabel(field: string): string {
  return PROVISION_FIELD_LABELS[field] ?? field
}

/** Why a dealer received it (ticket delegation purposes; unknown values are shown as they are). */
export const PROVISION_PURPOSE_LABELS: Record<string, string> = {
  onsite_check: '上门检查',
  pickup: '取送设备',
}

export function provisionPurposeLabel(purpose: string): string {
  return PROVISION_PURPOSE_LABELS[purpose] ?? purpose
}

/** The data-in-China statement (PIPL Art. 38–40), the same words wherever it is shown. */
export const DATA_IN_CHINA =
  '您的个人信息全部存储在中国境内的服务器上，不会向境外提供。除您单独同意的受托经销商外，我们不会向任何第三方提供您的个人信息。'

/** `2026 年 12 月 7 日` in Asia/Shanghai (UTC+8 all year), for deadlines people read. */
export function formatDateZh(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const d = new Date(ms + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()} 年 ${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日`
}

/** 138****0004: a phone number shown on screen (the full one is sent, never displayed). */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

type ExportSection = (typeof EXPORT_SECTIONS)[number]

/** The sections of 我的数据 and of the export file (shared/schemas/export.schema.ts EXPORT_SECTIONS). */
export const MY_DATA_SECTION_LABELS: Record<ExportSection, string> = {
  profile: '基本资料',
  consents: '授权记录',
  tickets: '报修工单',
  ticketComments: '工单留言',
  chats: '咨询记录',
  browsing: '资料浏览记录',
  points: '积分明细',
  addresses: '收货地址',
  orders: '礼品订单',
  provisions: '第三方提供记录',
  accessRequests: '高级权限申请',
  privacyRequests: '个人信息申请',
  loginHistory: '登录记录',
  notifications: '消息通知',
}

/** A sign-in's state in 登录记录. */
export const LOGIN_STATE_LABELS: Record<'active' | 'ended' | 'expired', string> = {
  active: '有效',
  ended: '已退出',
  expired: '已过期',
}

export const CONSENT_ACTION_LABELS: Record<'grant' | 'withdraw', string> = {
  grant: '同意',
  withdraw: '撤回',
}

/** Who wrote a chat message, as the person reads their transcript. */
export const CHAT_FROM_LABELS: Record<'me' | 'service', string> = {
  me: '我',
  service: '客服',
}

export const MEDIA_KIND_LABELS: Record<'badge' | 'ticket_photo' | 'ticket_voice' | 'chat', string> = {
  badge: '工牌照片',
  ticket_photo: '故障照片',
  ticket_voice: '语音',
  chat: '咨询图片或语音',
}

/** Statuses kept as plain strings in the export (other modules own their enums); unknown values pass through. */
const LOOSE_STATUS_LABELS: Record<string, string> = {
  // access requests, chats
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  revoked: '已撤销',
  open: '进行中',
  claimed: '处理中',
  closed: '已结束',
}

export function looseStatusLabel(status: string, known: Record<string, string> = {}): string {
  return known[status] ?? LOOSE_STATUS_LABELS[status] ?? status
}

/** 12.3 KB / 1.2 MB, for a saved file. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`
  return `${(size / 1024 / 1024).toFixed(1)} MB`
}
