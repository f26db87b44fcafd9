import type { TicketEventKind } from '@shared/schemas/ticket-workflow.schema'
import type { DelegationPurpose, TicketStatus } from '@shared/tickets'
import type { HoldReason, TicketAction } from '@shared/ticket-lifecycle'

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '维修中',
  on_hold: '挂起',
  resolved: '已解决',
  closed: '已关闭',
  cancelled: '已取消',
}

/** NutUI tag type per status; `muted` (finished, nothing more will happen) is drawn grey. */
export const TICKET_STATUS_TAG: Record<TicketStatus, 'info' | 'primary' | 'success' | 'warning' | 'muted'> = {
  submitted: 'info',
  accepted: 'info',
  in_progress: 'primary',
  on_hold: 'warning',
  resolved: 'success',
  closed: 'muted',
  cancelled: 'muted',
}

export const DELEGATION_PURPOSE_LABELS: Record<DelegationPurpose, string> = {
  onsite_check: '上门检查',
  pickup: '取送设备',
}

export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  accept: '受理',
  start: '开始维修',
  hold: '挂起',
  resume: '恢复维修',
  resolve: '维修完成',
  close: '关闭',
  cancel: '取消报修',
}

/** A timeline entry: what happened (`create` is the report itself). */
export const TICKET_EVENT_LABELS: Record<TicketEventKind, string> = {
  create: '提交报修',
  accept: '已受理',
  start: '开始维修',
  hold: '挂起',
  resume: '恢复维修',
  resolve: '维修完成',
  close: '已关闭',
  cancel: '已取消',
  assign: '指派工程师',
  rate: '评价并关闭',
}

export const HOLD_REASON_LABELS: Record<HoldReason, string> = {
  awaiting_parts: '等待配件',
  awaiting_quote_approval: '等待报价审批',
  awaiting_decontamination_proof: '等待消毒证明',
  other: '其他',
}

/** A hospital's service tier (shared/sla.ts SLA_TIERS); an unknown tier is shown as sent. */
export const SLA_TIER_LABELS: Record<string, string> = {
  standard: '标准服务',
  premium: '优先服务',
}

/** The repair itself, for the reporter's rating (1–5 stars). */
export const RATING_LABELS: Record<number, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '非常满意',
}

export const ROLE_LABELS: Record<string, string> = {
  staff: '医院员工',
  engineer: '工程师',
  dealer: '经销商',
  admin: '管理员',
}
