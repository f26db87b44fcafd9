import type { EntityManager } from '@mikro-orm/core';
import type { TicketView } from '../../../../shared/schemas/tickets.schema';
import type { Rating, TicketCreate, TicketEvent as TicketEventView, Transition } from '../../../../shared/schemas/ticket-workflow.schema';
import { TRANSITIONS } from '../../../../shared/ticket-lifecycle';
import type { AppDeps } from '../../app-deps';
import { ConflictError, ForbiddenError, ValidationError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { claimFile } from '../files/files.service';
import { requirePurpose } from '../privacy/consent.service';
import { UserSchema } from '../users/user.entity';
import { TicketEventSchema } from './ticket-event.entity';
import { TicketDelegationSchema } from './ticket-delegation.entity';
import { departmentRef, insertReportedTicket, unitRef } from './ticket.record';
import { TicketSchema } from './ticket.entity';
import { TicketRatingSchema } from './ticket-rating.entity';
import { TicketServiceReportSchema } from './ticket-service-report.entity';
import { availableActions, judgeAction } from './ticket-workflow.policy';
import { notifyAssignment, notifyRating, notifyTransition } from './ticket-notifications';
import { getTicket, visibleTicket } from './tickets.service';
import { earn } from '../points/points-earning';

/**
 * Reports a fault. Staff report for their own hospital's departments; a
 * colleague as contact needs the reporter's confirmation; photos and voice
 * need the fault_media consent and must be the reporter's own uploads. With
 * an Idempotency-Key a retry or double tap returns the first ticket.
 */
export async function createTicket(deps: AppDeps, em: EntityManager, actor: Actor, input: TicketCreate, idempotencyKey: string | undefined, requestId: string): Promise<TicketView> {
  const user = actor.user;
  const department = await departmentRef(em, input.departmentId);
  if (!department || (user.role !== 'admin' && department.hospital.id !== user.hospitalId)) {
    throw new ValidationError([{ path: 'departmentId', message: '请选择您所在医院的科室' }]);
  }
  const unit = input.equipmentId ? await unitRef(em, input.equipmentId, department.hospital.id) : null;
  if (input.equipmentId && !unit) throw new ValidationError([{ path: 'equipmentId', message: '该设备不属于所选医院' }]);
  const ownPhone = deps.pii.get(user, 'phone');
  if (input.contactPhone !== ownPhone && !input.contactConsent) {
    throw new ValidationError([{ path: 'contactConsent', message: '联系人不是本人时，请确认已征得其同意' }]);
  }
  const media = [...input.photoFileIds, ...(input.voiceFileId ? [input.voiceFileId] : [])];
  if (media.length) requirePurpose(user, 'fault_media');

  const created = await once(em, { userId: user.id, route: 'POST /tickets', key: idempotencyKey, body: input }, async (tx) => {
    const now = deps.clock.now();
    const ticket = await insertReportedTicket(
      tx,
      deps.cipher,
      {
        reporterId: user.id,
        department,
        equipmentUnit: unit,
        model: unit ? null : (input.model ?? null),
        serial: unit ? null : (input.serial ?? null),
        description: input.description,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        createdAt: now,
      },
      now,
    );
    // Claimed after the ticket exists: the media is bound to it, and whoever may see the ticket may see them.
    const attach = { ticketId: ticket.id };
    for (const [i, id] of input.photoFileIds.entries()) {
      if (!(await claimFile(tx, user.id, id, 'ticket_photo', now, attach))) throw new ValidationError([{ path: `photoFileIds.${i}`, message: '照片无效，请重新上传' }]);
    }
    if (input.voiceFileId && !(await claimFile(tx, user.id, input.voiceFileId, 'ticket_voice', now, attach))) {
      throw new ValidationError([{ path: 'voiceFileId', message: '语音无效，请重新录制' }]);
    }
    return { id: ticket.id };
  });
  return (await getTicket(deps, em, actor, created.id, requestId)) as TicketView;
}

/** Moves a ticket along the lifecycle: 404 if not visible, 403 if the actor may never do this to it, 409 if the status does not allow it. */
export async function transitionTicket(deps: AppDeps, em: EntityManager, actor: Actor, id: string, input: Transition, requestId: string) {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  const verdict = judgeAction(who, row, input.action);
  if (verdict === 'forbidden') throw new ForbiddenError('You cannot do this to this ticket.');
  if (verdict === 'wrong-status') {
    const allowed = availableActions(who, row);
    throw new ConflictError(`"${input.action}" is not possible now (status ${row.status}). Possible: ${allowed.join(', ') || 'none'}.`);
  }
  if (input.action === 'resolve' && !input.report) throw new ValidationError([{ path: 'report', message: '请填写维修报告' }]);
  const rule = TRANSITIONS[input.action];
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    const changes: Record<string, unknown> = { status: rule.to, updatedAt: now };
    if (input.action === 'accept' && who.role === 'engineer' && row.assignedEngineerId === null) changes.assignedEngineerId = who.userId;
    const moved = await tx.nativeUpdate(TicketSchema, { id, status: row.status }, changes);
    if (moved !== 1) throw new ConflictError('The ticket was changed by someone else just now; reload it.');
    const eventId = newId();
    tx.create(TicketEventSchema, {
      id: eventId,
      ticket: tx.getReference(TicketSchema, id),
      actorId: who.userId,
      kind: input.action,
      fromStatus: row.status,
      toStatus: rule.to,
      reason: input.action === 'hold' ? (input.reason ?? null) : null,
      note: input.note ?? null,
      createdAt: now,
    });
    if (FINAL.includes(rule.to)) await endDelegations(tx, id, now);
    await notifyTransition(tx, now, { eventId, ticket: row, actorId: who.userId, action: input.action, to: rule.to, reason: input.reason });
    // Resolving is reporting what was done: the report commits with the status change or not at all.
    if (input.action === 'resolve' && input.report) {
      const { found, done, parts } = input.report;
      tx.create(TicketServiceReportSchema, { ticket: tx.getReference(TicketSchema, id), engineerId: who.userId, found, done, parts: parts || null, createdAt: now });
    }
    await tx.flush();
  });
  return getTicket(deps, em, actor, id, requestId);
}

/** The timeline of a ticket the actor may see, oldest first. */
export async function ticketEvents(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<{ items: TicketEventView[] }> {
  const { who } = await visibleTicket(deps, em, actor, id);
  const events = await em.find(TicketEventSchema, { ticket: id }, { orderBy: { id: 'asc' } });
  const people = [...events.map((e) => e.actorId), ...events.map((e) => e.assigneeId).filter((x): x is string => Boolean(x))];
  const actors = await em.find(UserSchema, { id: { $in: [...new Set(people)] } });
  const byId = new Map(actors.map((u) => [u.id, u]));
  return {
    items: events.map((e) => {
      const u = byId.get(e.actorId);
      // Dealers and other staff see the role, not the name, of people they have no business knowing.
      const showName = who.role !== 'dealer';
      return {
        id: e.id,
        kind: e.kind,
        fromStatus: e.fromStatus ?? null,
        toStatus: e.toStatus,
        actor: { id: e.actorId, name: showName && u ? (deps.pii.get(u, 'name') ?? '') : '', role: u?.role ?? 'staff' },
        reason: e.reason ?? null,
        note: e.note ?? null,
        assignee: e.assigneeId ? { id: e.assigneeId, name: showName ? (deps.pii.get(byId.get(e.assigneeId)!, 'name') ?? '') : '' } : null,
        createdAt: e.createdAt.toISOString(),
      };
    }),
  };
}

const FINAL: readonly string[] = ['closed', 'cancelled'];

/** A closed or cancelled ticket needs no dealer any more: their view of it ends with it. */
async function endDelegations(tx: EntityManager, ticketId: string, now: Date): Promise<void> {
  await tx.nativeUpdate(TicketDelegationSchema, { ticket: ticketId, endedAt: null }, { endedAt: now });
}

/**
 * Assigns or reassigns the engineer: admins to any active engineer while the
 * ticket is open; an engineer only themselves, from the unassigned queue.
 */
export async function assignTicket(deps: AppDeps, em: EntityManager, actor: Actor, id: string, engineerId: string, requestId: string) {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  if (who.role === 'engineer' && (engineerId !== who.userId || row.assignedEngineerId !== null)) {
    throw new ForbiddenError('Engineers can only take unassigned tickets for themselves.');
  }
  if (who.role !== 'admin' && who.role !== 'engineer') throw new ForbiddenError('You cannot assign tickets.');
  if (FINAL.includes(row.status)) throw new ConflictError(`A ${row.status} ticket cannot be assigned.`);
  const engineer = await em.findOne(UserSchema, { id: engineerId, role: 'engineer', status: 'active' });
  if (!engineer) throw new ValidationError([{ path: 'engineerId', message: '请选择在职的维修工程师' }]);
  if (row.assignedEngineerId === engineerId) return getTicket(deps, em, actor, id, requestId);
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    const moved = await tx.nativeUpdate(TicketSchema, { id, assignedEngineerId: row.assignedEngineerId }, { assignedEngineerId: engineerId, updatedAt: now });
    if (moved !== 1) throw new ConflictError('The ticket was changed by someone else just now; reload it.');
    const eventId = newId();
    tx.create(TicketEventSchema, {
      id: eventId,
      ticket: tx.getReference(TicketSchema, id),
      actorId: who.userId,
      kind: 'assign',
      fromStatus: row.status,
      toStatus: row.status,
      reason: null,
      note: null,
      assigneeId: engineerId,
      createdAt: now,
    });
    await notifyAssignment(tx, now, { eventId, ticket: row, actorId: who.userId, engineerId });
    await tx.flush();
  });
  return getTicket(deps, em, actor, id, requestId);
}

/** The reporter rates a resolved ticket, once; the rating closes it. */
export async function rateTicket(deps: AppDeps, em: EntityManager, actor: Actor, id: string, input: Rating, requestId: string) {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  if (row.reporterId !== who.userId) throw new ForbiddenError('Only the person who reported the fault can rate the repair.');
  if (row.status !== 'resolved') throw new ConflictError(`Only a resolved ticket can be rated (this one is ${row.status}).`);
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    const moved = await tx.nativeUpdate(TicketSchema, { id, status: 'resolved' }, { status: 'closed', updatedAt: now });
    if (moved !== 1) throw new ConflictError('The ticket was changed by someone else just now; reload it.');
    const ratingId = newId();
    tx.create(TicketRatingSchema, {
      id: ratingId,
      ticket: tx.getReference(TicketSchema, id),
      raterId: who.userId,
      score: input.score,
      commentSealed: deps.cipher.sealOptional({ table: 'ticket_rating', column: 'comment', id: ratingId }, input.comment ?? null),
      createdAt: now,
    });
    const eventId = newId();
    tx.create(TicketEventSchema, {
      id: eventId,
      ticket: tx.getReference(TicketSchema, id),
      actorId: who.userId,
      kind: 'rate',
      fromStatus: 'resolved',
      toStatus: 'closed',
      reason: null,
      note: `${input.score}/5`,
      assigneeId: null,
      createdAt: now,
    });
    await endDelegations(tx, id, now);
    await notifyRating(tx, now, { eventId, ticket: row, engineerId: row.assignedEngineerId, score: input.score });
    // The reporter earns for rating, with the rating (the status guard above lets only one rating through; the key backs it).
    await earn(deps, tx, now, { user: actor.user, reason: 'ticket_rated', reference: `ticket:${id}`, idempotencyKey: `ticket_rated:${id}` });
    await tx.flush();
  });
  return getTicket(deps, em, actor, id, requestId);
}
