import type { HoldReason } from './ticket-lifecycle';
import type { TicketStatus } from './tickets';

/**
 * Status and hold-reason words for text the server writes (notifications).
 * The same words as the mini-program's labels (miniapp/src/labels/ticket.zh.ts),
 * so a message and the screen it opens agree.
 */
export const TICKET_STATUS_ZH: Record<TicketStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '维修中',
  on_hold: '挂起',
  resolved: '已解决',
  closed: '已关闭',
  cancelled: '已取消',
};

export const HOLD_REASON_ZH: Record<HoldReason, string> = {
  awaiting_parts: '等待配件',
  awaiting_quote_approval: '等待报价审批',
  awaiting_decontamination_proof: '等待消毒证明',
  other: '其他',
};
