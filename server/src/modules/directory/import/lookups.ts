import type { EntityManager } from '@mikro-orm/core';
import { HOSPITAL_COLUMNS, hospitalFieldsOf, knexOf, run } from '../directory.read';
import { chunks, hospitalKey } from './import-plan';

/**
 * What an import resolves its rows against, read in bulk (a few queries per
 * file, never one per row) as plain rows, in the caller's transaction.
 */

export interface ExistingHospital {
  id: string;
  name: string;
  province: string;
  city: string;
  regionCode: string;
  address: string;
  latitude: number;
  longitude: number;
  serviceTier: string;
}

/** Hospitals with one of these names, by name + region code (a list: legacy data may hold two). */
export async function hospitalsByKey(em: EntityManager, names: string[]): Promise<Map<string, ExistingHospital[]>> {
  const found = new Map<string, ExistingHospital[]>();
  for (const part of chunks([...new Set(names)])) {
    const q = knexOf(em)('hospital').select(...HOSPITAL_COLUMNS).whereIn('name', part);
    for (const r of await run(em, q)) {
      const h: ExistingHospital = hospitalFieldsOf(r);
      const key = hospitalKey(h.name, h.regionCode);
      found.set(key, [...(found.get(key) ?? []), h]);
    }
  }
  return found;
}

export const departmentKey = (hospitalId: string, name: string) => `${hospitalId}\u0000${name}`;

/** Departments of these hospitals: id by (hospital id, name). */
export async function departmentsOf(em: EntityManager, hospitalIds: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(hospitalIds)])) {
    const q = knexOf(em)('department').select('id', 'name', 'hospital_id').whereIn('hospital_id', part);
    for (const r of await run(em, q)) found.set(departmentKey(r.hospital_id as string, r.name as string), r.id as string);
  }
  return found;
}

/** Model ids by name (names are unique). */
export async function modelsByName(em: EntityManager, names: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(names)])) {
    for (const r of await run(em, knexOf(em)('equipment_model').select('id', 'name').whereIn('name', part))) found.set(r.name as string, r.id as string);
  }
  return found;
}

export interface ExistingUnit {
  id: string;
  modelId: string;
  modelName: string;
  hospitalId: string;
  hospitalName: string;
  regionCode: string;
  departmentId: string | null;
  departmentName: string | null;
  coveredUntil: string | null;
}

/** Units with these serials, by serial, with the names an update reports. */
export async function unitsBySerial(em: EntityManager, serials: string[]): Promise<Map<string, ExistingUnit>> {
  const found = new Map<string, ExistingUnit>();
  for (const part of chunks([...new Set(serials)])) {
    const q = knexOf(em)('equipment_unit as u')
      .join('equipment_model as m', 'm.id', 'u.model_id')
      .join('hospital as h', 'h.id', 'u.hospital_id')
      .leftJoin('department as d', 'd.id', 'u.department_id')
      .select('u.id', 'u.serial', 'u.model_id', 'm.name as model_name', 'u.hospital_id', 'h.name as hospital_name', 'h.region_code', 'u.department_id', 'd.name as department_name', 'u.covered_until')
      .whereIn('u.serial', part);
    for (const r of await run(em, q)) {
      found.set(r.serial as string, {
        id: r.id as string,
        modelId: r.model_id as string,
        modelName: r.model_name as string,
        hospitalId: r.hospital_id as string,
        hospitalName: r.hospital_name as string,
        regionCode: r.region_code as string,
        departmentId: (r.department_id as string | null) ?? null,
        departmentName: (r.department_name as string | null) ?? null,
        coveredUntil: (r.covered_until as string | null) ?? null,
      });
    }
  }
  return found;
}
