import type { EntityManager } from '@mikro-orm/core';
import { HospitalInputSchema, UnitInputSchema } from '../../../../../shared/schemas/admin-directory.schema';
import { EquipmentModelSchema } from '../../equipment/equipment-model.entity';
import { EquipmentUnitSchema } from '../../equipment/equipment-unit.entity';
import { labelCodeFor } from '../../equipment/label-code';
import { DepartmentSchema } from '../../hospitals/department.entity';
import { HospitalSchema } from '../../hospitals/hospital.entity';
import { isCalendarDate, normalizeDate, NO_SUCH_DAY } from '../calendar-date';
import type { ColumnSpec, CsvTable } from './csv-table';
import { hospitalKey, hospitalLabel, RowCheck, type Changes, type Importer, type PlannedRow } from './import-plan';
import { departmentKey, departmentsOf, hospitalsByKey, modelsByName, unitsBySerial } from './lookups';

export const EQUIPMENT_COLUMNS: ColumnSpec[] = [
  { name: 'serial', label: '序列号', required: true, aliases: ['设备序列号', 'SN', 'serial number', '出厂编号'] },
  { name: 'model', label: '型号', required: true, aliases: ['设备型号', '型号名称'] },
  { name: 'hospital', label: '医院', required: true, aliases: ['医院名称'] },
  { name: 'regionCode', label: '行政区划代码', required: true, aliases: ['区划代码', '地区代码'] },
  { name: 'department', label: '科室', required: false, aliases: ['科室名称', '使用科室'] },
  { name: 'coveredUntil', label: '保修截止日期', required: false, aliases: ['保修截止', '保修到期', '保修到期日', '维保截止日期', 'covered until'] },
];

/** A unit as the file wants it (ids resolved). */
interface UnitWrite {
  existingId?: string;
  serial: string;
  modelId: string;
  hospitalId: string;
  departmentId: string | null;
  coveredUntil: string | null;
}

/**
 * Units by serial. A serial already registered is updated when the file
 * says something different about it (only the columns the file has), and
 * left alone otherwise. A unit moved to another hospital leaves its old
 * department behind when the file has no department column.
 */
export const equipmentImporter: Importer<UnitWrite> = {
  columns: EQUIPMENT_COLUMNS,

  async plan(em: EntityManager, table: CsvTable): Promise<PlannedRow<UnitWrite>[]> {
    const values = table.records.map((r) => r.values);
    // One after another: inside a transaction they share one connection.
    const hospitals = await hospitalsByKey(em, values.map((v) => v.hospital ?? ''));
    const models = await modelsByName(em, values.map((v) => v.model ?? ''));
    const units = await unitsBySerial(em, values.map((v) => v.serial ?? ''));
    const departments = await departmentsOf(em, [...hospitals.values()].flat().map((h) => h.id));
    const hasDepartment = table.present.has('department');
    const hasCoverage = table.present.has('coveredUntil');
    const seen = new Map<string, number>();

    return table.records.map((record) => {
      const row = new RowCheck(record, EQUIPMENT_COLUMNS);
      const serial = row.required('serial');
      if (serial && row.check('serial', UnitInputSchema.shape.serial) !== undefined) row.unique(seen, serial, 'serial', '序列号');
      const modelName = row.required('model');
      const hospitalName = row.required('hospital');
      const regionCode = row.required('regionCode');
      if (regionCode) row.check('regionCode', HospitalInputSchema.shape.regionCode);
      const departmentName = row.cell('department') || null;

      let coveredUntil: string | null = null;
      if (row.cell('coveredUntil')) {
        coveredUntil = normalizeDate(row.cell('coveredUntil'));
        if (row.check('coveredUntil', UnitInputSchema.shape.coveredUntil, coveredUntil) !== undefined && !isCalendarDate(coveredUntil)) row.fail('coveredUntil', NO_SUCH_DAY);
      }

      const modelId = modelName ? models.get(modelName) : undefined;
      if (modelName && !modelId) row.fail('model', `型号“${modelName}”不存在，请先在型号列表中添加`);
      let hospitalId: string | undefined;
      let departmentId: string | null = null;
      if (hospitalName && regionCode) {
        const matches = hospitals.get(hospitalKey(hospitalName, regionCode)) ?? [];
        if (!matches.length) row.fail('hospital', `找不到医院“${hospitalLabel(hospitalName, regionCode)}”，请核对医院名称和行政区划代码`);
        else if (matches.length > 1) row.fail('hospital', `有多家医院名为“${hospitalLabel(hospitalName, regionCode)}”，请先在医院列表中合并或改名`);
        else hospitalId = matches[0]!.id;
      }
      if (hospitalId && departmentName) {
        departmentId = departments.get(departmentKey(hospitalId, departmentName)) ?? null;
        if (!departmentId) row.fail('department', `“${hospitalName}”没有科室“${departmentName}”，请先添加科室`);
      }
      if (!row.ok || !modelId || !hospitalId) return row.planned(serial, { action: 'error' });

      const wanted: UnitWrite = { serial, modelId, hospitalId, departmentId, coveredUntil };
      const existing = units.get(serial);
      if (!existing) return row.planned(serial, { action: 'create', write: wanted });

      // Columns the file does not have keep what is stored.
      if (!hasCoverage) wanted.coveredUntil = existing.coveredUntil;
      if (!hasDepartment) wanted.departmentId = hospitalId === existing.hospitalId ? existing.departmentId : null;
      const changes: Changes = {};
      if (wanted.modelId !== existing.modelId) changes.model = [existing.modelName, modelName];
      if (wanted.hospitalId !== existing.hospitalId) {
        changes.hospital = [existing.hospitalName, hospitalName];
        if (existing.regionCode !== regionCode) changes.regionCode = [existing.regionCode, regionCode];
      }
      if (wanted.departmentId !== existing.departmentId) changes.department = [existing.departmentName, wanted.departmentId ? departmentName : null];
      if (wanted.coveredUntil !== existing.coveredUntil) changes.coveredUntil = [existing.coveredUntil, wanted.coveredUntil];
      if (!Object.keys(changes).length) return row.planned(serial, { action: 'unchanged' });
      return row.planned(serial, { action: 'update', changes, write: { ...wanted, existingId: existing.id } });
    });
  },

  async apply(tx: EntityManager, rows: PlannedRow<UnitWrite>[], now: Date): Promise<void> {
    const writes = rows.flatMap((r) => (r.write && (r.action === 'create' || r.action === 'update') ? [r.write] : []));
    const place = (w: UnitWrite) => ({
      model: tx.getReference(EquipmentModelSchema, w.modelId),
      hospital: tx.getReference(HospitalSchema, w.hospitalId),
      department: w.departmentId ? tx.getReference(DepartmentSchema, w.departmentId) : null,
      coveredUntil: w.coveredUntil,
    });
    const updates = writes.filter((w) => w.existingId);
    const loaded = new Map((await tx.find(EquipmentUnitSchema, { id: { $in: updates.map((w) => w.existingId!) } })).map((u) => [u.id, u]));
    for (const w of updates) tx.assign(loaded.get(w.existingId!)!, place(w));
    for (const w of writes.filter((x) => !x.existingId)) {
      tx.create(EquipmentUnitSchema, { ...place(w), serial: w.serial, labelCode: labelCodeFor(w.serial), createdAt: now });
    }
  },
};
