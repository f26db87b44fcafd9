import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import type {
  AdminDepartment,
  AdminHospital,
  AdminHospitalQuery,
  DepartmentInputSchema,
  DepartmentPatchSchema,
  HospitalInput,
  HospitalPatchSchema,
} from '../../../../shared/schemas/admin-directory.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import { hospitalsNamed, selectDepartments, selectHospital, selectHospitals, type HospitalRow } from './directory.read';
import { decodeCursor, encodeCursor, pageOf } from './keyset';

type HospitalPatch = z.infer<typeof HospitalPatchSchema>;
type DepartmentInput = z.infer<typeof DepartmentInputSchema>;
type DepartmentPatch = z.infer<typeof DepartmentPatchSchema>;

/** The columns hold six decimals; rounding first keeps "unchanged" comparisons and stored values the same. */
export const roundCoordinate = (v: number) => Math.round(v * 1e6) / 1e6;
const auditReason = (id: string, name: string) => `${id} ${name}`.slice(0, 200);

export const hospitalTaken = (name: string, regionCode: string) => new ConflictError(`该行政区划（${regionCode}）下已有同名医院“${name}”`);
export const departmentTaken = (name: string) => new ConflictError(`该医院已有名为“${name}”的科室`);

const strip = ({ createdAtMs: _ms, ...view }: HospitalRow): AdminHospital => view;

export async function listHospitals(em: EntityManager, query: AdminHospitalQuery): Promise<{ items: AdminHospital[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, query.sort, query.dir) : undefined;
  const rows = await selectHospitals(
    em,
    { q: query.q || undefined, province: query.province, tier: query.tier },
    {
      sort: query.sort,
      dir: query.dir,
      after: after && { value: query.sort === 'createdAt' ? em.getPlatform().processDateProperty(new Date(Number(after.value))) : after.value, id: after.id },
      limit: query.limit + 1,
    },
  );
  const page = pageOf(rows, query.limit, (last) =>
    encodeCursor(query.sort, query.dir, { id: last.id, value: query.sort === 'name' ? last.name : query.sort === 'createdAt' ? last.createdAtMs : last.unitCount }),
  );
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

export async function getHospital(em: EntityManager, id: string): Promise<AdminHospital> {
  const row = await selectHospital(em, id);
  if (!row) throw new NotFoundError('医院不存在');
  return strip(row);
}

async function requireHospitalKeyFree(em: EntityManager, name: string, regionCode: string, exceptId?: string): Promise<void> {
  if ((await hospitalsNamed(em, name, regionCode, exceptId)).length) throw hospitalTaken(name, regionCode);
}

export async function createHospital(deps: AppDeps, em: EntityManager, admin: Actor, input: HospitalInput, requestId: string): Promise<AdminHospital> {
  const id = await em.transactional(async (tx) => {
    // Name + region code is how people and imports tell hospitals apart; the database does not enforce it (legacy rows).
    await requireHospitalKeyFree(tx, input.name, input.regionCode);
    const hospital = tx.create(HospitalSchema, {
      ...input,
      latitude: roundCoordinate(input.latitude),
      longitude: roundCoordinate(input.longitude),
      createdAt: deps.clock.now(),
    });
    recordAudit(tx, { actorId: admin.userId, action: 'directory.hospital.create', reason: auditReason(hospital.id, hospital.name), requestId });
    await tx.flush();
    return hospital.id;
  });
  return getHospital(em, id);
}

export async function updateHospital(_deps: AppDeps, em: EntityManager, admin: Actor, id: string, patch: HospitalPatch, requestId: string): Promise<AdminHospital> {
  await em.transactional(async (tx) => {
    const hospital = await tx.findOne(HospitalSchema, { id });
    if (!hospital) throw new NotFoundError('医院不存在');
    const next = {
      ...patch,
      ...(patch.latitude !== undefined ? { latitude: roundCoordinate(patch.latitude) } : {}),
      ...(patch.longitude !== undefined ? { longitude: roundCoordinate(patch.longitude) } : {}),
    };
    const changed = (Object.keys(next) as (keyof HospitalPatch)[]).filter((k) => next[k] !== undefined && String(next[k]) !== String(hospital[k]));
    if (!changed.length) return;
    if (changed.includes('name') || changed.includes('regionCode')) {
      await requireHospitalKeyFree(tx, next.name ?? hospital.name, next.regionCode ?? hospital.regionCode, id);
    }
    tx.assign(hospital, Object.fromEntries(changed.map((k) => [k, next[k]])));
    recordAudit(tx, { actorId: admin.userId, action: 'directory.hospital.update', fields: changed, reason: auditReason(hospital.id, hospital.name), requestId });
    await tx.flush();
  });
  return getHospital(em, id);
}

// ---- departments ----

export async function listDepartments(em: EntityManager, hospitalId: string): Promise<{ items: AdminDepartment[] }> {
  await getHospital(em, hospitalId);
  return { items: await selectDepartments(em, { hospitalId }) };
}

async function departmentView(em: EntityManager, id: string): Promise<AdminDepartment> {
  const [row] = await selectDepartments(em, { id });
  if (!row) throw new NotFoundError('科室不存在');
  return row;
}

/** The unique (hospital, name) index is the last word: two admins adding the same name at once get one 409. */
async function uniqueDepartment<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw departmentTaken(name);
    throw err;
  }
}

export async function createDepartment(deps: AppDeps, em: EntityManager, admin: Actor, input: DepartmentInput, requestId: string): Promise<AdminDepartment> {
  const id = await uniqueDepartment(input.name, () =>
    em.transactional(async (tx) => {
      const hospital = await tx.findOne(HospitalSchema, { id: input.hospitalId });
      if (!hospital) throw new ValidationError([{ path: 'hospitalId', message: '医院不存在' }]);
      if (await tx.findOne(DepartmentSchema, { hospital: hospital.id, name: input.name })) throw departmentTaken(input.name);
      const department = tx.create(DepartmentSchema, { hospital, name: input.name, createdAt: deps.clock.now() });
      recordAudit(tx, { actorId: admin.userId, action: 'directory.department.create', reason: auditReason(department.id, `${hospital.name} ${department.name}`), requestId });
      await tx.flush();
      return department.id;
    }),
  );
  return departmentView(em, id);
}

export async function updateDepartment(_deps: AppDeps, em: EntityManager, admin: Actor, id: string, patch: DepartmentPatch, requestId: string): Promise<AdminDepartment> {
  await uniqueDepartment(patch.name, () =>
    em.transactional(async (tx) => {
      const department = await tx.findOne(DepartmentSchema, { id });
      if (!department) throw new NotFoundError('科室不存在');
      if (department.name === patch.name) return;
      if (await tx.findOne(DepartmentSchema, { hospital: department.hospital.id, name: patch.name, id: { $ne: id } })) throw departmentTaken(patch.name);
      const before = department.name;
      department.name = patch.name;
      recordAudit(tx, { actorId: admin.userId, action: 'directory.department.update', fields: ['name'], reason: auditReason(department.id, `${before} → ${patch.name}`), requestId });
      await tx.flush();
    }),
  );
  return departmentView(em, id);
}
