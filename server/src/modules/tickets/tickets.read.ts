import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { TicketStatus } from '../../../../shared/tickets';
import { toDate } from '../../db/sql-values';
import type { TicketCondition, TicketFilter } from './tickets.policy';

/** A ticket as lists and the detail read it: plain columns, no managed entities (architecture.md, hot reads). */
export interface TicketRow {
  id: string;
  number: string;
  status: TicketStatus;
  reporterId: string;
  /** Sealed name of the reporter; only read when asked for (`reporterNames`), null otherwise. */
  reporterNameSealed: string | null;
  assignedEngineerId: string | null;
  assignedEngineerNameSealed: string | null;
  description: string;
  model: string | null;
  serial: string | null;
  contactNameSealed: string;
  contactPhoneSealed: string;
  createdAt: Date;
  hospitalId: string;
  hospitalName: string;
  /** The hospital's contract tier, for the SLA clocks of the detail. */
  hospitalTier: string;
  departmentId: string;
  departmentName: string;
  delegationPurpose: 'onsite_check' | 'pickup' | null;
}

export interface SelectOptions {
  id?: string;
  status?: TicketStatus;
  beforeId?: string;
  limit: number;
  dealerId?: string | null;
  /** Join the reporter's sealed name (engineers and admins see who reported). */
  reporterNames?: boolean;
}

/**
 * Up to this many managed departments get a keyset scan each; beyond it one
 * `in (…)` scan is cheaper to plan than a union of that many arms.
 */
const MAX_DEPARTMENT_ARMS = 32;

/**
 * The reporter still consents to dealer sharing (privacy.md, separate
 * consent for provision): withdrawing it hides the ticket from the dealer on
 * the next request. A scalar subquery rather than `exists`, so PostgreSQL
 * keeps it a per-ticket check on the few delegated tickets instead of
 * flattening it into a join over every consenting user's tickets.
 */
const SHARES_WITH_DEALERS = `(select cast(ru.consent_purposes as text) from app_user ru where ru.id = t.reporter_id) like '%"dealer_sharing"%'`;

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
      // An active delegation to the dealer's organisation, while the reporter consents to sharing.
      q.orWhere((w) =>
        w.whereIn('t.id', knex('ticket_delegation as td').select('td.ticket_id').where('td.dealer_id', c.dealerId).whereNull('td.ended_at')).andWhereRaw(SHARES_WITH_DEALERS),
      );
      return;
  }
}

/**
 * One keyset scan per way of seeing a ticket: a managed-department grant
 * becomes one arm per department, so each arm walks one (department_id, id)
 * index range newest first and stops after `limit` rows, on a first page and
 * on a deep one alike. An OR of the conditions would read every matching row
 * and sort them (docs/performance.md, "Query plans").
 */
function arms(filter: TicketFilter): TicketCondition[] {
  return filter.anyOf.flatMap((c): TicketCondition[] =>
    c.kind === 'inDepartments' && c.departmentIds.length <= MAX_DEPARTMENT_ARMS
      ? c.departmentIds.map((id) => ({ kind: 'inDepartments', departmentIds: [id] }))
      : [c],
  );
}

/** The conditions every arm shares: the staff window, the status asked for, the cursor, one id. */
function narrow(q: Knex.QueryBuilder, em: EntityManager, filter: TicketFilter, options: SelectOptions): Knex.QueryBuilder {
  if (filter.createdAfter) q.andWhere('t.created_at', '>', em.getPlatform().processDateProperty(filter.createdAfter) as never);
  if (options.id) q.andWhere('t.id', options.id);
  if (options.status) q.andWhere('t.status', options.status);
  if (options.beforeId) q.andWhere('t.id', '<', options.beforeId);
  return q;
}

/** The ticket's own columns the outer select reads: each arm carries them, so the page is not looked up again. */
const TICKET_COLUMNS = [
  't.id', 't.number', 't.status', 't.reporter_id', 't.assigned_engineer_id', 't.description', 't.model', 't.serial', 't.equipment_unit_id',
  't.contact_name_sealed', 't.contact_phone_sealed', 't.created_at', 't.hospital_id', 't.department_id',
];

/**
 * One arm: one scope's newest `limit` tickets below the cursor, read along
 * one index. A dealer's arm walks its active delegations newest ticket
 * first (the partial index on dealer_id, ticket_id) and looks each ticket
 * up, stopping after `limit` that the reporter still shares.
 */
function arm(knex: Knex, em: EntityManager, c: TicketCondition, filter: TicketFilter, options: SelectOptions): Knex.QueryBuilder {
  if (c.kind === 'delegatedTo') {
    const q = knex('ticket_delegation as td')
      .join('ticket as t', 't.id', 'td.ticket_id')
      .select(TICKET_COLUMNS)
      .where('td.dealer_id', c.dealerId)
      .whereNull('td.ended_at')
      .andWhereRaw(SHARES_WITH_DEALERS);
    // The cursor on the delegation's column too, so the index range starts there (PostgreSQL does not carry `<` across the join).
    if (options.beforeId) q.andWhere('td.ticket_id', '<', options.beforeId);
    return narrow(q, em, filter, options).orderBy('td.ticket_id', 'desc').limit(options.limit);
  }
  return narrow(knex('ticket as t').select(TICKET_COLUMNS).where((w) => applyCondition(w, c, knex)), em, filter, options).orderBy('t.id', 'desc').limit(options.limit);
}

/**
 * What a list or a read shows of each ticket on the page. One fragment rather than a column list for knex
 * to quote and join on every request (that was a measurable part of a list request's CPU).
 */
const PAGE_COLUMNS = [
  't.id',
  't.number',
  't.status',
  't.reporter_id',
  't.assigned_engineer_id',
  '(select ae.name_sealed from app_user ae where ae.id = t.assigned_engineer_id) as engineer_name_sealed',
  't.description',
  'coalesce((select em.name from equipment_unit eu join equipment_model em on em.id = eu.model_id where eu.id = t.equipment_unit_id), t.model) as model',
  'coalesce((select eu.serial from equipment_unit eu where eu.id = t.equipment_unit_id), t.serial) as serial',
  't.contact_name_sealed',
  't.contact_phone_sealed',
  't.created_at',
  't.hospital_id',
  '(select h.name from hospital h where h.id = t.hospital_id) as hospital_name',
  '(select h.service_tier from hospital h where h.id = t.hospital_id) as hospital_tier',
  't.department_id',
  '(select d.name from department d where d.id = t.department_id) as department_name',
].join(', ');

/**
 * The statement `selectTickets` runs, unexecuted (the query-plan script
 * explains it). `oneScan` forces the plain OR form, which single-record
 * reads use anyway; lists use it only to show what the union replaced.
 */
export function ticketsQuery(em: EntityManager, filter: TicketFilter, options: SelectOptions & { oneScan?: boolean }): Knex.QueryBuilder {
  const knex = (em as SqlEntityManager).getKnex();
  const scans = arms(filter);
  let q: Knex.QueryBuilder;
  if (options.id || options.oneScan || (scans.length === 1 && scans[0]!.kind !== 'delegatedTo')) {
    // One record (a primary-key lookup checked against the filter) or one plain scan: no arms needed.
    q = narrow(
      knex('ticket as t').where((w) => {
        for (const c of filter.anyOf) applyCondition(w, c, knex);
      }),
      em,
      filter,
      options,
    );
  } else {
    const [first, ...rest] = scans.map((c, i) => knex.select(`a${i}.*`).from(arm(knex, em, c, filter, options).as(`a${i}`)));
    // UNION, not UNION ALL: a ticket can be both one's own and in a managed department. Cut to the
    // page before the names are looked up (SQLite would otherwise look them up for every arm's row),
    // and named `t`, so the select below reads the page as it reads the table.
    const merged = knex.select('u.*').from((rest.length ? first!.union(rest) : first!).as('u')).orderBy('u.id', 'desc').limit(options.limit);
    q = knex.from(merged.as('t'));
  }
  // Names, tier and equipment are scalar subqueries by primary key, not joins: they run for the
  // page's rows only, and PostgreSQL's planner, which searches every join order and guesses badly
  // under a LIMIT, has one relation to place instead of seven (docs/performance.md). The foreign
  // keys guarantee the hospital and department rows an inner join would have required.
  q.select(knex.raw(PAGE_COLUMNS));
  q.orderBy('t.id', 'desc').limit(options.limit);
  if (options.reporterNames) q.select(knex.raw('(select rp.name_sealed from app_user rp where rp.id = t.reporter_id) as reporter_name_sealed'));
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

  return q;
}

/**
 * Selects the tickets a filter allows, newest first, keyset-paged by id.
 * The same conditions answer "may this actor see ticket X" (with `id`), so a
 * list and a single read can never disagree. One statement, names of the
 * people on the ticket joined in (no per-row lookups).
 */
export async function selectTickets(em: EntityManager, filter: TicketFilter, options: SelectOptions): Promise<TicketRow[]> {
  if (!filter.anyOf.length) return [];
  const q = ticketsQuery(em, filter, options);
  const rows = (await (em as SqlEntityManager).getConnection().execute(q)) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: String(r.id),
    number: r.number as string,
    status: r.status as TicketStatus,
    reporterId: String(r.reporter_id),
    reporterNameSealed: (r.reporter_name_sealed as string | null | undefined) ?? null,
    assignedEngineerId: r.assigned_engineer_id ? String(r.assigned_engineer_id) : null,
    assignedEngineerNameSealed: (r.engineer_name_sealed as string | null) ?? null,
    description: r.description as string,
    model: (r.model as string | null) ?? null,
    serial: (r.serial as string | null) ?? null,
    contactNameSealed: r.contact_name_sealed as string,
    contactPhoneSealed: r.contact_phone_sealed as string,
    createdAt: toDate(r.created_at),
    hospitalId: String(r.hospital_id),
    hospitalName: r.hospital_name as string,
    hospitalTier: r.hospital_tier as string,
    departmentId: String(r.department_id),
    departmentName: r.department_name as string,
    delegationPurpose: (r.delegation_purpose as TicketRow['delegationPurpose']) ?? null,
  }));
}
