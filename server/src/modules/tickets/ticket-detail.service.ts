import type { EntityManager } from '@mikro-orm/core';
import type { DealerTicketView, TicketDetail, TicketView } from '../../../../shared/schemas/tickets.schema';
import type { AppDeps } from '../../app-deps';
import type { Actor } from '../../http/state';
import { StoredFileSchema } from '../files/stored-file.entity';
import { TicketRatingSchema } from './ticket-rating.entity';
import { TicketServiceReportSchema } from './ticket-service-report.entity';
import { ticketDelegations } from './ticket-delegation.service';
import { ticketSla } from './ticket-sla.service';
import { availableActions } from './ticket-workflow.policy';
import { seesRatingComment, viewKind, type TicketActor } from './tickets.policy';
import type { TicketRow } from './tickets.read';
import { viewOfVisible, visibleTicket } from './tickets.service';

/** The latest resolve's report: a reopened and re-resolved ticket shows what was done last. */
async function latestReport(em: EntityManager, ticketId: string): Promise<TicketDetail['serviceReport']> {
  const report = await em.findOne(TicketServiceReportSchema, { ticket: ticketId }, { orderBy: { id: 'desc' } });
  if (!report) return null;
  return { found: report.found, done: report.done, ...(report.parts ? { parts: report.parts } : {}), createdAt: report.createdAt.toISOString() };
}

/** The media that came with the report, in upload order. */
async function reportMedia(em: EntityManager, ticketId: string): Promise<TicketDetail['media']> {
  const files = await em.find(StoredFileSchema, { ticketId, commentId: null, deletedAt: null }, { fields: ['id', 'purpose'] as never, orderBy: { id: 'asc' } });
  return {
    photoIds: files.filter((f) => f.purpose === 'ticket_photo').map((f) => f.id),
    voiceId: files.find((f) => f.purpose === 'ticket_voice')?.id ?? null,
  };
}

async function ratingFor(deps: AppDeps, em: EntityManager, who: TicketActor, row: TicketRow): Promise<TicketDetail['rating']> {
  const rating = await em.findOne(TicketRatingSchema, { ticket: row.id });
  if (!rating) return null;
  const comment = seesRatingComment(who, row) ? deps.cipher.openOptional({ table: 'ticket_rating', column: 'comment', id: rating.id }, rating.commentSealed) : null;
  return { score: rating.score, comment };
}

/**
 * `GET /tickets/:id`: for staff, engineers and admins the list view plus the
 * SLA clocks, the service report, the rating, the delegations and the
 * actions open to the caller; a dealer gets the minimal view, as in lists
 * (and the read is recorded as a provision). One query per part, no loops.
 */
export async function getTicketDetail(deps: AppDeps, em: EntityManager, actor: Actor, id: string, requestId: string): Promise<TicketDetail | DealerTicketView> {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  const view = await viewOfVisible(deps, em, who, row, requestId);
  if (viewKind(who) === 'dealer') return view as DealerTicketView;
  return {
    ...(view as TicketView),
    sla: await ticketSla(deps, em, row),
    serviceReport: await latestReport(em, id),
    rating: await ratingFor(deps, em, who, row),
    delegations: await ticketDelegations(em, id),
    actions: availableActions(who, row),
    media: await reportMedia(em, id),
  };
}
