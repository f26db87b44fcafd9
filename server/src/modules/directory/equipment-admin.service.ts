import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import type {
  AdminEquipmentModel,
  AdminUnit,
  AdminUnitQuery,
  EquipmentModelInputSchema,
  EquipmentModelPatchSchema,
  UnitInputSchema,
  UnitPatchSchema,
} from '../../../../shared/schemas/admin-directory.schema';
import type { FieldError } from '../../../../shared/errors';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { EquipmentModelSchema } from '../equipment/equipment-model.entity';
import { EquipmentUnitSchema } from '../equipment/equipment-unit.entity';
import { labelCodeFor } from '../equipment/label-code';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import { isCalendarDate, NO_SUCH_DAY } from './calendar-date';
import { NO_COVERAGE_SORT_VALUE, selectModels, selectUnits, selectUnitsById, type UnitRow } from './directory.read';
import { decodeCursor, encodeCursor, pageOf } from './keyset';

type ModelInput = z.infer<typeof EquipmentModelInputSchema>;
type ModelPatch = z.infer<typeof EquipmentModelPatchSchema>;
type UnitInput = z.infer<typeof UnitInputSchema>;
type UnitPatch = z.infer<typeof UnitPatchSchema>;

const auditReason = (id: string, text: string) => `${id} ${text}`.slice(0, 200);
export const modelTaken = (name: string) => new ConflictError(`型号“${name}”已存在`);
export const serialTaken = (serial: string) => new ConflictError(`序列号 ${serial} 已登记在其他设备上`);

// ---- models ----

export async function listModels(em: EntityManager): Promise<{ items: AdminEquipmentModel[] }> {
  return { items: await selectModels(em) };
}

async function modelView(em: EntityManager, id: string): Promise<AdminEquipmentModel> {
  const [row] = await selectModels(em, { id });
  if (!row) throw new NotFoundError('设备型号不存在');
  return row;
}

/** The unique name index decides a race between two admins; the read before it gives the usual answer. */
async function uniqueModel<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw modelTaken(name);
    throw err;
  }
}

export async function createModel(deps: AppDeps, em: EntityManager, admin: Actor, input: ModelInput, requestId: string): Promise<AdminEquipmentModel> {
  const id = await uniqueModel(input.name, () =>
    em.transactional(async (tx) => {
      if (await tx.findOne(EquipmentModelSchema, { name: input.name })) throw modelTaken(input.name);
      const model = tx.create(EquipmentModelSchema, { ...input, createdAt: deps.clock.now() });
      recordAudit(tx, { actorId: admin.userId, action: 'directory.model.create', reason: auditReason(model.id, model.name), requestId });
      await tx.flush();
      return model.id;
    }),
  );
  return modelView(em, id);
}

export async function updateModel(_deps: AppDeps, em: EntityManager, admin: Actor, id: string, patch: ModelPatch, requestId: string): Promise<AdminEquipmentModel> {
  await uniqueModel(patch.name ?? '', () =>
    em.transactional(async (tx) => {
      const model = await tx.findOne(EquipmentModelSchema, { id });
      if (!model) throw new NotFoundError('设备型号不存在');
      const changed = (Object.keys(patch) as (keyof ModelPatch)[]).filter((k) => patch[k] !== undefined && patch[k] !== model[k]);
      if (!changed.length) return;
      if (changed.includes('name') && (await tx.findOne(EquipmentModelSchema, { name: patch.name!, id: { $ne: id } }))) throw modelTaken(patch.name!);
      tx.assign(model, Object.fromEntries(changed.map((k) => [k, patch[k]])));
      recordAudit(tx, { actorId: admin.userId, action: 'directory.model.update', fields: changed, reason: auditReason(model.id, model.name), requestId });
      await tx.flush();
    }),
  );
  return modelView(em, id);
}

// ---- units ----

const strip = ({ createdAtMs: _ms, ...view }: UnitRow): AdminUnit => view;

function sortValue(row: UnitRow, sort: AdminUnitQuery['sort']): string | number {
  if (sort === 'serial') return row.serial;
  if (sort === 'createdAt') return row.createdAtMs;
  return row.coveredUntil ?? NO_COVERAGE_SORT_VALUE;
}

export async function listUnits(em: EntityManager, query: AdminUnitQuery): Promise<{ items: AdminUnit[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, query.sort, query.dir) : undefined;
  const rows = await selectUnits(
    em,
    { q: query.q || undefined, hospitalId: query.hospitalId, departmentId: query.departmentId, modelId: query.modelId, coveredBefore: query.coveredBefore },
    {
      sort: query.sort,
      dir: query.dir,
      after: after && { value: query.sort === 'createdAt' ? em.getPlatform().processDateProperty(new Date(Number(after.value))) : after.value, id: after.id },
      limit: query.limit + 1,
    },
  );
  const page = pageOf(rows, query.limit, (last) => encodeCursor(query.sort, query.dir, { id: last.id, value: sortValue(last, query.sort) }));
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

export async function getUnit(em: EntityManager, id: string): Promise<AdminUnit> {
  const [row] = await selectUnitsById(em, [id]);
  if (!row) throw new NotFoundError('设备不存在');
  return strip(row);
}

interface Placement {
  modelId: string;
  hospitalId: string;
  departmentId: string | null;
  coveredUntil: string | null;
}

/** What the console chose must exist, and the department must be one of the hospital's; each miss names its field. */
async function checkPlacement(em: EntityManager, p: Placement, departmentField = 'departmentId'): Promise<void> {
  const errors: FieldError[] = [];
  if (!(await em.findOne(EquipmentModelSchema, { id: p.modelId }, { fields: ['id'] }))) errors.push({ path: 'modelId', message: '设备型号不存在' });
  if (!(await em.findOne(HospitalSchema, { id: p.hospitalId }, { fields: ['id'] }))) errors.push({ path: 'hospitalId', message: '医院不存在' });
  else if (p.departmentId) {
    const department = await em.findOne(DepartmentSchema, { id: p.departmentId }, { fields: ['id', 'hospital'] });
    if (!department || department.hospital.id !== p.hospitalId) errors.push({ path: departmentField, message: '科室不属于所选医院，请重新选择科室' });
  }
  if (p.coveredUntil !== null && !isCalendarDate(p.coveredUntil)) errors.push({ path: 'coveredUntil', message: NO_SUCH_DAY });
  if (errors.length) throw new ValidationError(errors);
}

/**
 * A serial or label code taken by a concurrent save (or by a legacy label
 * that happens to equal the one we derive) is refused by the unique indexes.
 */
async function uniqueUnit<T>(serial: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw serialTaken(serial);
    throw err;
  }
}

export async function createUnit(deps: AppDeps, em: EntityManager, admin: Actor, input: UnitInput, requestId: string): Promise<AdminUnit> {
  const id = await uniqueUnit(input.serial, () =>
    em.transactional(async (tx) => {
      await checkPlacement(tx, input);
      if (await tx.findOne(EquipmentUnitSchema, { serial: input.serial }, { fields: ['id'] })) throw serialTaken(input.serial);
      const unit = tx.create(EquipmentUnitSchema, {
        model: tx.getReference(EquipmentModelSchema, input.modelId),
        serial: input.serial,
        labelCode: labelCodeFor(input.serial),
        hospital: tx.getReference(HospitalSchema, input.hospitalId),
        department: input.departmentId ? tx.getReference(DepartmentSchema, input.departmentId) : null,
        coveredUntil: input.coveredUntil,
        createdAt: deps.clock.now(),
      });
      recordAudit(tx, { actorId: admin.userId, action: 'directory.unit.create', reason: auditReason(unit.id, unit.serial), requestId });
      await tx.flush();
      return unit.id;
    }),
  );
  return getUnit(em, id);
}

/**
 * Moving a unit to another hospital needs a department of that hospital (or
 * none): keeping the old one would file it under a department elsewhere.
 */
export async function updateUnit(_deps: AppDeps, em: EntityManager, admin: Actor, id: string, patch: UnitPatch, requestId: string): Promise<AdminUnit> {
  await em.transactional(async (tx) => {
    const unit = await tx.findOne(EquipmentUnitSchema, { id });
    if (!unit) throw new NotFoundError('设备不存在');
    const before: Placement = { modelId: unit.model.id, hospitalId: unit.hospital.id, departmentId: unit.department?.id ?? null, coveredUntil: unit.coveredUntil ?? null };
    const next: Placement = {
      modelId: patch.modelId ?? before.modelId,
      hospitalId: patch.hospitalId ?? before.hospitalId,
      departmentId: patch.departmentId !== undefined ? patch.departmentId : before.departmentId,
      coveredUntil: patch.coveredUntil !== undefined ? patch.coveredUntil : before.coveredUntil,
    };
    const changed = (Object.keys(next) as (keyof Placement)[]).filter((k) => next[k] !== before[k]);
    if (!changed.length) return;
    await checkPlacement(tx, next);
    if (changed.includes('modelId')) unit.model = tx.getReference(EquipmentModelSchema, next.modelId);
    if (changed.includes('hospitalId')) unit.hospital = tx.getReference(HospitalSchema, next.hospitalId);
    if (changed.includes('departmentId')) unit.department = next.departmentId ? tx.getReference(DepartmentSchema, next.departmentId) : null;
    if (changed.includes('coveredUntil')) unit.coveredUntil = next.coveredUntil;
    recordAudit(tx, { actorId: admin.userId, action: 'directory.unit.update', fields: changed, reason: auditReason(unit.id, unit.serial), requestId });
    await tx.flush();
  });
  return getUnit(em, id);
}
