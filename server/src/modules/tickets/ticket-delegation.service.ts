import type { EntityManager } from '@mikro-orm/core';
import type { DelegationCreate, DelegationView } from '../../../../shared/schemas/ticket-workflow.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { assertReporterSharesWithDealers } from '../cancellation/consent-effects';
import { DealerSchema } from '../dealers/dealer.entity';
import { TicketDelegationSchema } from './ticket-delegation.entity';
import { mayDelegate } from './ticket-delegation.policy';
import { delegationRows } from './ticket-detail.read';
import { TicketSchema } from './ticket.entity';
import { FINAL_STATUSES } from './tickets.policy';
import { visibleTicket } from './tickets.service';

/** Every delegation of a ticket, active and ended, oldest first, with the dealer's name (one query, plain rows). */
export async function ticketDelegations(em: EntityManager, ticketId: string): Promise<DelegationView[]> {
  return (await delegationRows(em, ticketId)).map((d) => ({
    dealer: { id: d.dealerId, name: d.dealerName },
    purpose: d.purpose,
    createdAt: d.createdAt.toISOString(),
    endedAt: d.endedAt ? d.endedAt.toISOString() : null,
  }));
}

async function delegable(deps: AppDeps, em: EntityManager, actor: Actor, id: string) {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  if (!mayDelegate(who, row)) throw new ForbiddenError('Only the assigned engineer or an admin can delegate this ticket.');
  return { who, row };
}

/**
 * Entrusts a ticket to a dealer for a purpose its contract covers. From the
 * next request on, the dealer's staff see the ticket's minimal view (each
 * read a recorded provision). One active delegation per ticket and dealer.
 */
export async function delegateTicket(deps: AppDeps, em: EntityManager, actor: Actor, id: string, input: DelegationCreate, requestId: string) {
  const { who, row } = await delegable(deps, em, actor, id);
  if (FINAL_STATUSES.includes(row.status)) throw new ConflictError(`A ${row.status} ticket cannot be delegated.`);
  await assertReporterSharesWithDealers(em, row.reporterId);
  const dealer = await em.findOne(DealerSchema, { id: input.dealerId, active: true });
  if (!dealer) throw new ValidationError([{ path: 'dealerId', message: '请选择经销商' }]);
  // The contract (recipients registry) limits what the dealer may receive data for.
  if (!dealer.purposes.includes(input.purpose)) throw new ValidationError([{ path: 'purpose', message: '该经销商的委托协议不包含此项服务' }]);
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    // Touching the ticket row holds its lock until commit (PostgreSQL), so two
    // simultaneous delegations to one dealer cannot both find none active.
    const open = await tx.nativeUpdate(TicketSchema, { id, status: { $nin: [...FINAL_STATUSES] } }, { updatedAt: now });
    if (open !== 1) throw new ConflictError('The ticket was closed just now; reload it.');
    if (await tx.count(TicketDelegationSchema, { ticket: id, dealer: dealer.id, endedAt: null })) {
      throw new ConflictError('This ticket is already delegated to this dealer.');
    }
    tx.create(TicketDelegationSchema, {
      ticket: tx.getReference(TicketSchema, id),
      dealer: tx.getReference(DealerSchema, dealer.id),
      purpose: input.purpose,
      delegatedById: who.userId,
      endedAt: null,
      createdAt: now,
    });
    // The reporter is whose data the dealer will receive.
    recordAudit(tx, { actorId: who.userId, action: 'ticket.delegate', subjectUserId: row.reporterId, reason: `${row.number} → ${dealer.name} (${input.purpose})`, requestId });
    await tx.flush();
  });
  return { items: await ticketDelegations(em, id) };
}

/** Ends the ticket's active delegation to a dealer: its staff lose the ticket on their next request. */
export async function endDelegation(deps: AppDeps, em: EntityManager, actor: Actor, id: string, dealerId: string, requestId: string) {
  const { who, row } = await delegable(deps, em, actor, id);
  const dealer = await em.findOne(DealerSchema, { id: dealerId });
  if (!dealer) throw new NotFoundError('No active delegation of this ticket to this dealer.');
  await em.transactional(async (tx) => {
    const ended = await tx.nativeUpdate(TicketDelegationSchema, { ticket: id, dealer: dealerId, endedAt: null }, { endedAt: deps.clock.now() });
    if (!ended) throw new NotFoundError('No active delegation of this ticket to this dealer.');
    recordAudit(tx, { actorId: who.userId, action: 'ticket.delegation.end', subjectUserId: row.reporterId, reason: `${row.number} → ${dealer.name}`, requestId });
    await tx.flush();
  });
  return { items: await ticketDelegations(em, id) };
}
