import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { TicketStatus } from '../../../../shared/tickets';
import { newId } from '../../core/ids';
import type { FieldCipher } from '../../core/pii/field-cipher';
import { TicketSchema, type Ticket } from './ticket.entity';

/** The calendar day in Asia/Shanghai (UTC+8, no DST), as the ticket number shows it. */
function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * A number people can read out on the phone: R20261121-0042, counting per
 * day. The day's counter row is bumped with one atomic upsert (same SQL on
 * SQLite and PostgreSQL), so simultaneous reports never draw the same number.
 */
export async function nextTicketNumber(em: EntityManager, now: Date): Promise<string> {
  const day = shanghaiDay(now);
  // In the caller's transaction: the number is taken only if the ticket is.
  const [row] = (await em.getConnection().execute(
    `insert into ticket_day_counter (day, last) values (?, 1)
       on conflict (day) do update set last = ticket_day_counter.last + 1 returning last`,
    [day],
    'all',
    em.getTransactionContext(),
  )) as unknown as { last: number }[];
  return `R${day}-${String(Number(row!.last)).padStart(4, '0')}`;
}

export interface TicketRecordInput {
  reporterId: string;
  /** An entity or just the ids: the record refers to them, it does not need them loaded. */
  department: { id: string; hospital: { id: string } };
  equipmentUnit?: { id: string } | null;
  model?: string | null;
  serial?: string | null;
  description: string;
  contactName: string;
  contactPhone: string;
  status?: TicketStatus;
  assignedEngineerId?: string | null;
  createdAt?: Date;
}

/** A new ticket's values, its number drawn and its contact sealed. */
async function ticketValues(em: EntityManager, cipher: FieldCipher, input: TicketRecordInput, now: Date) {
  const id = newId();
  return {
    id,
    number: await nextTicketNumber(em, input.createdAt ?? now),
    reporterId: input.reporterId,
    hospital: input.department.hospital.id,
    department: input.department.id,
    equipmentUnit: input.equipmentUnit?.id ?? null,
    model: input.model ?? null,
    serial: input.serial ?? null,
    description: input.description,
    contactNameSealed: cipher.seal({ table: 'ticket', column: 'contact_name', id }, input.contactName),
    contactPhoneSealed: cipher.seal({ table: 'ticket', column: 'contact_phone', id }, input.contactPhone),
    status: input.status ?? ('submitted' as const),
    assignedEngineerId: input.assignedEngineerId ?? null,
    createdAt: input.createdAt ?? now,
  };
}

/** Builds a ticket entity with its contact sealed; the caller flushes (seeds and fixtures, which go on to relate it). */
export async function newTicketRecord(em: EntityManager, cipher: FieldCipher, input: TicketRecordInput, now: Date): Promise<Ticket> {
  return em.create(TicketSchema, await ticketValues(em, cipher, input, now));
}

/**
 * Writes a reported ticket and its `create` event as two plain inserts in the
 * caller's transaction: a report's hot path, where the unit of work's change
 * sets cost more than the statements (docs/performance.md).
 */
export async function insertReportedTicket(em: EntityManager, cipher: FieldCipher, input: TicketRecordInput, now: Date): Promise<{ id: string; number: string }> {
  const t = await ticketValues(em, cipher, input, now);
  const sql = em as SqlEntityManager;
  await sql.execute(
    `insert into ticket (id, number, reporter_id, hospital_id, department_id, equipment_unit_id, model, serial, description,
       contact_name_sealed, contact_phone_sealed, status, assigned_engineer_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [t.id, t.number, t.reporterId, t.hospital, t.department, t.equipmentUnit, t.model, t.serial, t.description, t.contactNameSealed, t.contactPhoneSealed, t.status, t.assignedEngineerId, t.createdAt, t.createdAt],
    'run',
  );
  await sql.execute(
    `insert into ticket_event (id, created_at, ticket_id, actor_id, kind, from_status, to_status, reason, note, assignee_id) values (?, ?, ?, ?, 'create', null, ?, null, null, null)`,
    [newId(), t.createdAt, t.id, input.reporterId, t.status],
    'run',
  );
  return { id: t.id, number: t.number };
}

/** The department a report names, with its hospital: two ids, read as a plain row (no entity to build). */
export async function departmentRef(em: EntityManager, id: string): Promise<TicketRecordInput['department'] | null> {
  const [r] = (await em.getConnection().execute('select id, hospital_id from department where id = ?', [id])) as { id: string; hospital_id: string }[];
  return r ? { id: String(r.id), hospital: { id: String(r.hospital_id) } } : null;
}

/** The scanned unit, if it belongs to that hospital. */
export async function unitRef(em: EntityManager, id: string, hospitalId: string): Promise<{ id: string } | null> {
  const [r] = (await em.getConnection().execute('select id from equipment_unit where id = ? and hospital_id = ?', [id, hospitalId])) as { id: string }[];
  return r ? { id: String(r.id) } : null;
}
