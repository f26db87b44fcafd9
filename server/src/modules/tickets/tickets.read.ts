import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { TicketStatus } from '../../../../shared/tickets';
import type { TicketCondition, TicketFilter } from './tickets.policy';

/** A ticket as the list reads it: plain columns, no managed entities (architecture.md, hot reads). */
export interface TicketRow {
  id: string;
  number: string;
  status: TicketStatus;
  reporterId: string;
  assignedEngineerId: string | null;
  description: string;
  model: string | null;
  serial: string | null;
  contactNameSealed: string;
  contactPhoneSealed: string;
  createdAt: Date;
  hospitalId: string;
  hospitalName: string;
  departmentId: string;
  departmentName: string;
  delegationPurpose: 'onsite_check' | 'pickup' | null;
}

function applyCondition(q: Knex.QueryBuilder, c: TicketCondition, knex: Knex): void {
  switch (c.kind) {
    case 'all':
      q.orWhereRaw('1 = 1');
      return;
    case 'reportedBy':
      q.orWhere('t.reporter_id', c.userId);
      return;
    case 'inDepartments':
      q.orWhereIn('t.department_id', [...c.departmentIds]);
      return;
    case 'assignedTo':
      q.orWhere('t.assigned_engineer_id', c.userId);
      return;
    case 'unassignedQueue':
      q.orWhere((w) => w.whereNull('t.assigned_engineer_id').andWhere('t.status', 'submitted'));
      return;
    case 'delegatedTo':
      // Only while the reporter consents to dealer sharing (privacy.md, separate consent for provision):
      // withdrawing it hides the ticket from the dealer on the next request; re-granting shows it again.
      q.orWhere((w) =>
        w
          .whereExists(
            knex('ticket_delegation as td').select(knex.raw('1')).whereRaw('td.ticket_id = t.id').andWhere('td.dealer_id', c.dealerId).whereNull('td.ended_at'),
          )
          .whereExists(
            knex('app_user as ru').select(knex.raw('1')).whereRaw('ru.id = t.reporter_id').andWhereRaw('cast(ru.consent_purposes as text) like ?', ['%"dealer_sharing"%']),
          ),
      );
      return;
  }
}

/**
 * Selects the tickets a filter allows, newest first, keyset-paged by id.
 * The same query answers "may this actor see ticket X" (with `id`), so a
 * list and a single read can never disagree.
 */
export async function selectTickets(
  em: EntityManager,
  filter: TicketFilter,
  options: { id?: string; status?: TicketStatus; beforeId?: string; limit: number; dealerId?: string | null },
): Promise<TicketRow[]> {
  if (!filter.anyOf.length) return [];
  const sqlEm = em as SqlEntityManager;
  const knex = sqlEm.getKnex();
  const platform = em.getPlatform();
  const q = knex('ticket as t')
    .join('hospital as h', 'h.id', 't.hospital_id')
    .join('department as d', 'd.id', 't.department_id')
    .leftJoin('equipment_unit as eu', 'eu.id', 't.equipment_unit_id')
    .leftJoin('equipment_model as em', 'em.id', 'eu.model_id')
    .select(
      't.id',
      't.number',
      't.status',
      't.reporter_id',
      't.assigned_engineer_id',
      't.description',
      knex.raw('coalesce(em.name, t.model) as model'),
      knex.raw('coalesce(eu.serial, t.serial) as serial'),
      't.contact_name_sealed',
      't.contact_phone_sealed',
      't.created_at',
      'h.id as hospital_id',
      'h.name as hospital_name',
      'd.id as department_id',
      'd.name as department_name',
    )
    .where((w) => {
      for (const c of filter.anyOf) applyCondition(w, c, knex);
    })
    .orderBy('t.id', 'desc')
    .limit(options.limit);
  if (options.dealerId) {
    q.select(
      knex('ticket_delegation as tdp')
        .select('tdp.purpose')
        .whereRaw('tdp.ticket_id = t.id')
        .andWhere('tdp.dealer_id', options.dealerId)
        .whereNull('tdp.ended_at')
        .orderBy('tdp.created_at', 'desc')
        .limit(1)
        .as('delegation_purpose'),
    );
  }
  if (filter.createdAfter) q.andWhere('t.created_at', '>', platform.processDateProperty(filter.createdAfter) as never);
  if (options.id) q.andWhere('t.id', options.id);
  if (options.status) q.andWhere('t.status', options.status);
  if (options.beforeId) q.andWhere('t.id', '<', options.beforeId);

  const rows = (await sqlEm.getConnection().execute(q)) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: r.id as string,
    number: r.number as string,
    status: r.status as TicketStatus,
    reporterId: r.reporter_id as string,
    assignedEngineerId: (r.assigned_engineer_id as string | null) ?? null,
    description: r.description as string,
    model: (r.model as string | null) ?? null,
    serial: (r.serial as string | null) ?? null,
    contactNameSealed: r.contact_name_sealed as string,
    contactPhoneSealed: r.contact_phone_sealed as string,
    createdAt: new Date(r.created_at as string | number | Date),
    hospitalId: r.hospital_id as string,
    hospitalName: r.hospital_name as string,
    departmentId: r.department_id as string,
    departmentName: r.department_name as string,
    delegationPurpose: (r.delegation_purpose as TicketRow['delegationPurpose']) ?? null,
  }));
}
