import type { EntityManager } from '@mikro-orm/core';
import type { HoldReason, TicketAction } from '../../../../shared/ticket-lifecycle';
import { HOLD_REASON_ZH, TICKET_STATUS_ZH } from '../../../../shared/ticket-labels.zh';
import type { TicketStatus } from '../../../../shared/tickets';
import { notifyUser, type NotifyInput } from '../notifications/notify';

/**
 * Who hears about what happens to a ticket, and in which words. Called inside
 * the transaction that writes the ticket event, so the notice commits with it.
 * Text names the ticket by number and status, never a person.
 */

interface TicketRef {
  id: string;
  number: string;
  reporterId: string;
}

const page = (ticketId: string) => `packages/ticket/detail/index?id=${ticketId}`;

function tell(tx: EntityManager, now: Date, eventId: string, ticket: TicketRef, userId: string, text: Pick<NotifyInput, 'kind' | 'title' | 'body' | 'phrase'>) {
  return notifyUser(tx, now, { ...text, userId, ticketId: ticket.id, dedupeKey: `ticket-event:${eventId}:${userId}`, page: page(ticket.id) });
}

const TRANSITION_BODY: Record<TicketAction, string> = {
  accept: '工程师已受理您的报修，将尽快与您联系。',
  start: '工程师已开始维修。',
  hold: '维修暂停。',
  resume: '维修已恢复。',
  resolve: '维修已完成，请查看维修报告并评价。',
  close: '工单已关闭。',
  cancel: '报修已取消。',
};

/** Every lifecycle step reaches the reporter, unless they took it themselves. */
export async function notifyTransition(
  tx: EntityManager,
  now: Date,
  e: { eventId: string; ticket: TicketRef; actorId: string; action: TicketAction; to: TicketStatus; reason?: HoldReason | null },
): Promise<void> {
  if (e.ticket.reporterId === e.actorId) return;
  const status = TICKET_STATUS_ZH[e.to];
  const body = e.action === 'hold' && e.reason ? `维修暂停，原因：${HOLD_REASON_ZH[e.reason]}。` : TRANSITION_BODY[e.action];
  await tell(tx, now, e.eventId, e.ticket, e.ticket.reporterId, { kind: 'ticket_status', title: `工单 ${e.ticket.number} ${status}`, body, phrase: status });
}

/** A (re)assignment reaches the engineer who now has it and the reporter, unless either made it. */
export async function notifyAssignment(tx: EntityManager, now: Date, e: { eventId: string; ticket: TicketRef; actorId: string; engineerId: string }): Promise<void> {
  if (e.engineerId !== e.actorId) {
    await tell(tx, now, e.eventId, e.ticket, e.engineerId, {
      kind: 'ticket_assigned',
      title: `工单 ${e.ticket.number} 已指派给您`,
      body: '您有一张新的维修工单，请尽快受理。',
      phrase: '新工单',
    });
  }
  if (e.ticket.reporterId !== e.actorId && e.ticket.reporterId !== e.engineerId) {
    await tell(tx, now, e.eventId, e.ticket, e.ticket.reporterId, {
      kind: 'ticket_status',
      title: `工单 ${e.ticket.number} 已指派工程师`,
      body: '已为您的报修指派维修工程师。',
      phrase: '已指派',
    });
  }
}

/** The reporter's rating reaches the engineer who did the repair. */
export async function notifyRating(tx: EntityManager, now: Date, e: { eventId: string; ticket: TicketRef; engineerId: string | null; score: number }): Promise<void> {
  if (!e.engineerId || e.engineerId === e.ticket.reporterId) return;
  await tell(tx, now, e.eventId, e.ticket, e.engineerId, {
    kind: 'ticket_status',
    title: `工单 ${e.ticket.number} 已评价`,
    body: `报修人已评价（${e.score}/5），工单已关闭。`,
    phrase: '已评价',
  });
}
