import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import type { AdminDepartment, AdminEquipmentModel, AdminHospital, AdminUnit } from '../../../../shared/schemas/admin-directory.schema';
import { afterPosition } from './keyset';

/**
 * The directory as the admin console reads it: plain columns into plain
 * objects, counts from one grouped subquery each (architecture.md, hot
 * reads). Every read runs in the caller's transaction when there is one, so
 * a service can re-read what it just wrote.
 */

/** Tickets in these states no longer count as open on a unit. */
const FINISHED_TICKET_STATUSES = ['resolved', 'closed', 'cancelled'];

export function knexOf(em: EntityManager): Knex {
  return (em as SqlEntityManager).getKnex();
}

export async function run(em: EntityManager, q: Knex.QueryBuilder): Promise<Record<string, unknown>[]> {
  return (await (em as SqlEntityManager).getConnection().execute(q, [], 'all', em.getTransactionContext())) as Record<string, unknown>[];
}

const iso = (v: unknown) => new Date(v as string | number | Date).toISOString();
const count = (v: unknown) => Number(v ?? 0);
/** The search box is text, not a pattern language: its `%` and `_` match themselves (with `LIKE_ESCAPE`). */
export const likeText = (text: string) => text.toLowerCase().replace(/[%_\\]/g, '\\$&');
const LIKE_ESCAPE = "escape '\\'";

// ---- hospitals ----

export type HospitalSort = 'name' | 'createdAt' | 'unitCount';

export const HOSPITAL_SORT_SQL: Record<HospitalSort, string> = {
  name: 'h.name',
  createdAt: 'h.created_at',
  unitCount: 'coalesce(uc.n, 0)',
};

export interface HospitalFilter {
  id?: string;
  q?: string;
  province?: string;
  tier?: string;
}

/** The hospital table's own columns (hospitalFieldsOf reads them). */
export const HOSPITAL_COLUMNS = ['id', 'name', 'province', 'city', 'region_code', 'address', 'latitude', 'longitude', 'service_tier'] as const;

function hospitalQuery(em: EntityManager, f: HospitalFilter): Knex.QueryBuilder {
  const knex = knexOf(em);
  const departments = knex('department').select('hospital_id').count({ n: '*' }).groupBy('hospital_id').as('dc');
  const units = knex('equipment_unit').select('hospital_id').count({ n: '*' }).groupBy('hospital_id').as('uc');
  const q = knex('hospital as h')
    .leftJoin(departments, 'dc.hospital_id', 'h.id')
    .leftJoin(units, 'uc.hospital_id', 'h.id')
    .select(
      ...HOSPITAL_COLUMNS.map((c) => `h.${c}`),
      'h.created_at',
      knex.raw('coalesce(dc.n, 0) as department_count'),
      knex.raw('coalesce(uc.n, 0) as unit_count'),
    );
  if (f.id) q.where('h.id', f.id);
  if (f.q) q.whereRaw(`lower(h.name) like ? ${LIKE_ESCAPE}`, [`%${likeText(f.q)}%`]);
  // Region codes are six digits; the province is the first two.
  if (f.province) q.where('h.region_code', 'like', `${f.province}%`);
  if (f.tier) q.where('h.service_tier', f.tier);
  return q;
}

export interface HospitalRow extends AdminHospital {
  /** The raw sort values, for the cursor. */
  createdAtMs: number;
}

/** A row of HOSPITAL_COLUMNS → the hospital's own fields. */
export function hospitalFieldsOf(r: Record<string, unknown>): Omit<AdminHospital, 'departmentCount' | 'unitCount' | 'createdAt'> {
  return {
    id: r.id as string,
    name: r.name as string,
    province: r.province as string,
    city: r.city as string,
    regionCode: r.region_code as string,
    address: r.address as string,
    // decimal columns come back as strings on PostgreSQL
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    serviceTier: r.service_tier as AdminHospital['serviceTier'],
  };
}

function toHospital(r: Record<string, unknown>): HospitalRow {
  const createdAt = iso(r.created_at);
  return {
    ...hospitalFieldsOf(r),
    departmentCount: count(r.department_count),
    unitCount: count(r.unit_count),
    createdAt,
    createdAtMs: Date.parse(createdAt),
  };
}

export async function selectHospitals(
  em: EntityManager,
  f: HospitalFilter,
  page: { sort: HospitalSort; dir: 'asc' | 'desc'; after?: { value: unknown; id: string }; limit: number },
): Promise<HospitalRow[]> {
  const expr = HOSPITAL_SORT_SQL[page.sort];
  const q = hospitalQuery(em, f)
    .orderByRaw(`${expr} ${page.dir}, h.id ${page.dir}`)
    .limit(page.limit);
  if (page.after) {
    const { sql, bindings } = afterPosition(expr, 'h.id', page.dir, page.after);
    q.whereRaw(sql, bindings as Knex.RawBinding[]);
  }
  return (await run(em, q)).map(toHospital);
}

export async function selectHospital(em: EntityManager, id: string): Promise<HospitalRow | undefined> {
  const [row] = await run(em, hospitalQuery(em, { id }));
  return row ? toHospital(row) : undefined;
}

/** Hospitals with this name and region code, another than `exceptId` (the key the console and imports use). */
export async function hospitalsNamed(em: EntityManager, name: string, regionCode: string, exceptId?: string): Promise<string[]> {
  const q = knexOf(em)('hospital').select('id').where({ name, region_code: regionCode });
  if (exceptId) q.whereNot('id', exceptId);
  return (await run(em, q)).map((r) => r.id as string);
}

// ---- departments ----

export async function selectDepartments(em: EntityManager, f: { hospitalId?: string; id?: string }): Promise<AdminDepartment[]> {
  const knex = knexOf(em);
  // Staff who are in the directory today: approved and not cancelling.
  const staff = knex('app_user').select('department_id').count({ n: '*' }).where({ role: 'staff', status: 'active' }).whereNotNull('department_id').groupBy('department_id').as('sc');
  const units = knex('equipment_unit').select('department_id').count({ n: '*' }).whereNotNull('department_id').groupBy('department_id').as('uc');
  const q = knex('department as d')
    .join('hospital as h', 'h.id', 'd.hospital_id')
    .leftJoin(staff, 'sc.department_id', 'd.id')
    .leftJoin(units, 'uc.department_id', 'd.id')
    .select('d.id', 'd.name', 'h.id as hospital_id', 'h.name as hospital_name', knex.raw('coalesce(sc.n, 0) as staff_count'), knex.raw('coalesce(uc.n, 0) as unit_count'))
    .orderBy([{ column: 'd.name' }, { column: 'd.id' }]);
  if (f.hospitalId) q.where('d.hospital_id', f.hospitalId);
  if (f.id) q.where('d.id', f.id);
  return (await run(em, q)).map((r) => ({
    id: r.id as string,
    name: r.name as string,
    hospital: { id: r.hospital_id as string, name: r.hospital_name as string },
    staffCount: count(r.staff_count),
    unitCount: count(r.unit_count),
  }));
}

// ---- equipment models ----

export async function selectModels(em: EntityManager, f: { id?: string } = {}): Promise<AdminEquipmentModel[]> {
  const knex = knexOf(em);
  const units = knex('equipment_unit').select('model_id').count({ n: '*' }).groupBy('model_id').as('uc');
  const q = knex('equipment_model as m')
    .leftJoin(units, 'uc.model_id', 'm.id')
    .select('m.id', 'm.name', 'm.category', 'm.manufacturer', knex.raw('coalesce(uc.n, 0) as unit_count'))
    .orderBy([{ column: 'm.name' }, { column: 'm.id' }]);
  if (f.id) q.where('m.id', f.id);
  return (await run(em, q)).map((r) => ({
    id: r.id as string,
    name: r.name as string,
    category: r.category as AdminEquipmentModel['category'],
    manufacturer: r.manufacturer as string,
    unitCount: count(r.unit_count),
  }));
}

// ---- equipment units ----

export type UnitSort = 'serial' | 'createdAt' | 'coveredUntil';

/**
 * Units without a coverage date sort as if covered for ever: last going up,
 * first going down, the same on both dialects (they disagree where NULLs go).
 */
export const NO_COVERAGE_SORT_VALUE = '9999-12-31';
export const UNIT_SORT_SQL: Record<UnitSort, string> = {
  serial: 'u.serial',
  createdAt: 'u.created_at',
  coveredUntil: `coalesce(u.covered_until, '${NO_COVERAGE_SORT_VALUE}')`,
};

export interface UnitFilter {
  ids?: string[];
  serials?: string[];
  q?: string;
  hospitalId?: string;
  departmentId?: string;
  modelId?: string;
  coveredBefore?: string;
}

export interface UnitRow extends AdminUnit {
  createdAtMs: number;
}

function unitQuery(em: EntityManager, f: UnitFilter): Knex.QueryBuilder {
  const knex = knexOf(em);
  const open = knex('ticket')
    .select('equipment_unit_id')
    .count({ n: '*' })
    .whereNotNull('equipment_unit_id')
    .whereNotIn('status', FINISHED_TICKET_STATUSES)
    .groupBy('equipment_unit_id')
    .as('ot');
  const q = knex('equipment_unit as u')
    .join('equipment_model as m', 'm.id', 'u.model_id')
    .join('hospital as h', 'h.id', 'u.hospital_id')
    .leftJoin('department as d', 'd.id', 'u.department_id')
    .leftJoin(open, 'ot.equipment_unit_id', 'u.id')
    .select(
      'u.id',
      'u.serial',
      'u.label_code',
      'u.covered_until',
      'u.created_at',
      'm.id as model_id',
      'm.name as model_name',
      'h.id as hospital_id',
      'h.name as hospital_name',
      'd.id as department_id',
      'd.name as department_name',
      knex.raw('coalesce(ot.n, 0) as open_tickets'),
    );
  if (f.ids) q.whereIn('u.id', f.ids);
  if (f.serials) q.whereIn('u.serial', f.serials);
  if (f.q) {
    const prefix = `${likeText(f.q)}%`;
    q.where((w) => w.whereRaw(`lower(u.serial) like ? ${LIKE_ESCAPE}`, [prefix]).orWhereRaw(`lower(u.label_code) like ? ${LIKE_ESCAPE}`, [prefix]));
  }
  if (f.hospitalId) q.where('u.hospital_id', f.hospitalId);
  if (f.departmentId) q.where('u.department_id', f.departmentId);
  if (f.modelId) q.where('u.model_id', f.modelId);
  if (f.coveredBefore) q.where('u.covered_until', '<=', f.coveredBefore);
  return q;
}

function toUnit(r: Record<string, unknown>): UnitRow {
  const createdAt = iso(r.created_at);
  return {
    id: r.id as string,
    serial: r.serial as string,
    labelCode: r.label_code as string,
    model: { id: r.model_id as string, name: r.model_name as string },
    hospital: { id: r.hospital_id as string, name: r.hospital_name as string },
    department: r.department_id ? { id: r.department_id as string, name: r.department_name as string } : null,
    coveredUntil: (r.covered_until as string | null) ?? null,
    openTickets: count(r.open_tickets),
    createdAt,
    createdAtMs: Date.parse(createdAt),
  };
}

export async function selectUnits(
  em: EntityManager,
  f: UnitFilter,
  page: { sort: UnitSort; dir: 'asc' | 'desc'; after?: { value: unknown; id: string }; limit: number },
): Promise<UnitRow[]> {
  const expr = UNIT_SORT_SQL[page.sort];
  const q = unitQuery(em, f)
    .orderByRaw(`${expr} ${page.dir}, u.id ${page.dir}`)
    .limit(page.limit);
  if (page.after) {
    const { sql, bindings } = afterPosition(expr, 'u.id', page.dir, page.after);
    q.whereRaw(sql, bindings as Knex.RawBinding[]);
  }
  return (await run(em, q)).map(toUnit);
}

/** Units by id, in no particular order (callers order them). */
export async function selectUnitsById(em: EntityManager, ids: string[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  return (await run(em, unitQuery(em, { ids }))).map(toUnit);
}

export async function selectUnitsBySerial(em: EntityManager, serials: string[]): Promise<UnitRow[]> {
  if (!serials.length) return [];
  return (await run(em, unitQuery(em, { serials }))).map(toUnit);
}
