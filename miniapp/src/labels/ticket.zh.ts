import type { DelegationPurpose, TicketStatus } from '@shared/tickets'

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
