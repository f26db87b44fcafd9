import type { EntityManager } from '@mikro-orm/core';
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

/** Builds a ticket row with its contact sealed; the caller flushes (inside its own transaction). */
export async function newTicketRecord(em: EntityManager, cipher: FieldCipher, input: TicketRecordInput, now: Date): Promise<Ticket> {
  const id = newId();
  return em.create(TicketSchema, {
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
    status: input.status ?? 'submitted',
    assignedEngineerId: input.assignedEngineerId ?? null,
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  });
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
