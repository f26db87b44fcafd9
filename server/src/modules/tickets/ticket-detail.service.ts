import type { EntityManager } from '@mikro-orm/core';
import type { DealerTicketView, TicketDetail, TicketView } from '../../../../shared/schemas/tickets.schema';
import type { AppDeps } from '../../app-deps';
import type { Actor } from '../../http/state';
import { reportAndRating, reportMediaRows, type ReportAndRating } from './ticket-detail.read';
import { ticketDelegations } from './ticket-delegation.service';
import { ticketSla } from './ticket-sla.service';
import { availableActions } from './ticket-workflow.policy';
import { seesRatingComment, viewKind, type TicketActor } from './tickets.policy';
import type { TicketRow } from './tickets.read';
import { viewOfVisible, visibleTicket } from './tickets.service';

function reportView({ report }: ReportAndRating): TicketDetail['serviceReport'] {
  if (!report) return null;
  return { found: report.found, done: report.done, ...(report.parts ? { parts: report.parts } : {}), createdAt: report.createdAt.toISOString() };
}

function ratingView(deps: AppDeps, who: TicketActor, row: TicketRow, { rating }: ReportAndRating): TicketDetail['rating'] {
  if (!rating) return null;
  const comment = seesRatingComment(who, row) ? deps.cipher.openOptional({ table: 'ticket_rating', column: 'comment', id: rating.id }, rating.commentSealed) : null;
  return { score: rating.score, comment };
}

/** The media that came with the report, in upload order. */
async function reportMedia(em: EntityManager, ticketId: string): Promise<TicketDetail['media']> {
  const files = await reportMediaRows(em, ticketId);
  return {
    photoIds: files.filter((f) => f.purpose === 'ticket_photo').map((f) => f.id),
    voiceId: files.find((f) => f.purpose === 'ticket_voice')?.id ?? null,
  };
}

/**
 * `GET /tickets/:id`: for staff, engineers and admins the list view plus the
 * SLA clocks, the service report, the rating, the delegations and the
 * actions open to the caller; a dealer gets the minimal view, as in lists
 * (and the read is recorded as a provision). One statement per part, plain
 * rows, no loops (test/server/perf/query-count.test.ts holds the count).
 */
export async function getTicketDetail(deps: AppDeps, em: EntityManager, actor: Actor, id: string, requestId: string): Promise<TicketDetail | DealerTicketView> {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  const view = await viewOfVisible(deps, em, who, row, requestId);
  if (viewKind(who) === 'dealer') return view as DealerTicketView;
  const parts = await reportAndRating(em, id);
  return {
    ...(view as TicketView),
    sla: await ticketSla(deps, em, row),
    serviceReport: reportView(parts),
    rating: ratingView(deps, who, row, parts),
    delegations: await ticketDelegations(em, id),
    actions: availableActions(who, row),
    media: await reportMedia(em, id),
  };
}
