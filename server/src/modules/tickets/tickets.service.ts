import type { EntityManager } from '@mikro-orm/core';
import type { DealerTicketView, TicketListQuery, TicketView } from '../../../../shared/schemas/tickets.schema';
import { maskPhoneLast4 } from '../../../../shared/phone';
import type { AppDeps } from '../../app-deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordContactPhoneReveals } from '../privacy/access-log.service';
import { recordDealerProvision } from '../privacy/provision.service';
import { ticketFilter, seesFullContactPhone, seesReporter, viewKind, type TicketActor } from './tickets.policy';
import { selectTickets, type TicketRow } from './tickets.read';

/**
 * The policy's view of the actor. Role, tier, dealer and managed departments
 * come from the statement that resolved the session for this very request
 * (authenticate.ts), so a revoked grant is gone on the next request without
 * a query of its own.
 */
export function ticketActor(actor: Actor): TicketActor {
  return {
    userId: actor.userId,
    role: actor.user.role,
    tier: actor.user.tier ?? null,
    managedDepartmentIds: actor.user.tier === 'advanced' ? actor.managedDepartmentIds : [],
    dealerId: actor.user.dealerId,
  };
}

const sealedRef = (id: string, column: string) => ({ table: 'ticket', column, id });

/** A name joined into the ticket row (tickets.read.ts), opened; '' for a purged person. */
const nameOf = (deps: AppDeps, id: string, nameSealed: string | null) => deps.pii.get({ id, nameSealed }, 'name') ?? '';

/** Turns rows into what this actor may see of them: dealers get the minimal view, others the phone masked unless theirs to see. */
/**
 * Phones are masked by default (privacy.md): a list shows the contact phone
 * in full only on one's own tickets; the detail shows it to those who work
 * the ticket, and that reveal is logged. Dealers' views are their own.
 */
function views(deps: AppDeps, actor: TicketActor, rows: TicketRow[], shown: 'list' | 'detail'): (TicketView | DealerTicketView)[] {
  return rows.map((r) => {
    const contactName = deps.cipher.open(sealedRef(r.id, 'contact_name'), r.contactNameSealed);
    const phone = deps.cipher.open(sealedRef(r.id, 'contact_phone'), r.contactPhoneSealed);
    const base = {
      id: r.id,
      number: r.number,
      status: r.status,
      hospital: { id: r.hospitalId, name: r.hospitalName },
      department: { id: r.departmentId, name: r.departmentName },
      equipment: { model: r.model, serial: r.serial },
      description: r.description,
      contactName,
      createdAt: r.createdAt.toISOString(),
    };
    if (viewKind(actor) === 'dealer') {
      return { ...base, contactPhone: phone, delegationPurpose: r.delegationPurpose ?? 'onsite_check' };
    }
    const full = shown === 'list' ? r.reporterId === actor.userId : seesFullContactPhone(actor, r);
    return {
      ...base,
      contactPhone: full ? phone : maskPhoneLast4(phone),
      contactPhoneMasked: !full,
      reporter: seesReporter(actor) ? { id: r.reporterId, name: nameOf(deps, r.reporterId, r.reporterNameSealed) } : null,
      isMine: r.reporterId === actor.userId,
      assignedEngineer: r.assignedEngineerId ? { id: r.assignedEngineerId, name: nameOf(deps, r.assignedEngineerId, r.assignedEngineerNameSealed) } : null,
    };
  });
}

/** A dealer's read is a provision of personal data: one record per ticket shown (privacy.md). */
async function recordIfDealer(em: EntityManager, who: TicketActor, rows: TicketRow[], requestId: string): Promise<void> {
  if (viewKind(who) !== 'dealer' || !rows.length || !who.dealerId) return;
  recordDealerProvision(
    em,
    rows.map((r) => ({ ticketId: r.id, reporterId: r.reporterId, purpose: r.delegationPurpose ?? 'onsite_check' })),
    { userId: who.userId, dealerId: who.dealerId },
    requestId,
  );
  await em.flush();
}

export async function listTickets(deps: AppDeps, em: EntityManager, actor: Actor, query: TicketListQuery, requestId: string) {
  const who = ticketActor(actor);
  const filter = ticketFilter(who, query.scope, deps.clock.now(), deps.env.VISIBILITY_WINDOW_DAYS);
  if (query.cursor && !/^[0-9a-f-]{36}$/.test(query.cursor)) throw new ValidationError([{ path: 'query.cursor', message: 'Invalid cursor.' }]);
  const rows = await selectTickets(em, filter, { status: query.status, beforeId: query.cursor, limit: query.limit + 1, dealerId: who.dealerId, reporterNames: seesReporter(who) });
  const page = rows.slice(0, query.limit);
  await recordIfDealer(em, who, page, requestId);
  return { items: views(deps, who, page, 'list'), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

/** The ticket row the actor may see, through the same filter as the list; 404 otherwise (never a hint it exists). */
export async function visibleTicket(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<{ who: TicketActor; row: TicketRow }> {
  const who = ticketActor(actor);
  const filter = ticketFilter(who, 'all', deps.clock.now(), deps.env.VISIBILITY_WINDOW_DAYS);
  const [row] = await selectTickets(em, filter, { id, limit: 1, dealerId: who.dealerId, reporterNames: seesReporter(who) });
  if (!row) throw new NotFoundError('No such ticket.');
  return { who, row };
}

/** A row already checked by `visibleTicket`, as the actor may see it; a dealer's read is recorded as a provision. */
export async function viewOfVisible(deps: AppDeps, em: EntityManager, who: TicketActor, row: TicketRow, requestId: string) {
  await recordIfDealer(em, who, [row], requestId);
  await recordContactPhoneReveals(em, who, [row], requestId);
  const [view] = views(deps, who, [row], 'detail');
  return view!;
}

/** One ticket as the actor may see it; a dealer's read is recorded as a provision. */
export async function getTicket(deps: AppDeps, em: EntityManager, actor: Actor, id: string, requestId: string) {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  return viewOfVisible(deps, em, who, row, requestId);
}
