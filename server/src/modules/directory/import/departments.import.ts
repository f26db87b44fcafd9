import type { EntityManager } from '@mikro-orm/core';
import { DepartmentPatchSchema, HospitalInputSchema } from '../../../../../shared/schemas/admin-directory.schema';
import { DepartmentSchema } from '../../hospitals/department.entity';
import { HospitalSchema } from '../../hospitals/hospital.entity';
import type { ColumnSpec, CsvTable } from './csv-table';
import { hospitalKey, hospitalLabel, RowCheck, type Importer, type PlannedRow } from './import-plan';
import { departmentKey, departmentsOf, hospitalsByKey } from './lookups';

export const DEPARTMENT_COLUMNS: ColumnSpec[] = [
  { name: 'hospital', label: '医院', required: true, aliases: ['医院名称'] },
  { name: 'regionCode', label: '行政区划代码', required: true, aliases: ['区划代码', '地区代码'] },
  { name: 'department', label: '科室', required: true, aliases: ['科室名称', 'name'] },
];

interface DepartmentWrite {
  hospitalId: string;
  name: string;
}

/** Departments of known hospitals; one that exists already is left as it is (a name is all a department has). */
export const departmentImporter: Importer<DepartmentWrite> = {
  columns: DEPARTMENT_COLUMNS,

  async plan(em: EntityManager, table: CsvTable): Promise<PlannedRow<DepartmentWrite>[]> {
    const hospitals = await hospitalsByKey(em, table.records.map((r) => r.values.hospital ?? ''));
    const departments = await departmentsOf(em, [...hospitals.values()].flat().map((h) => h.id));
    const seen = new Map<string, number>();
    return table.records.map((record) => {
      const row = new RowCheck(record, DEPARTMENT_COLUMNS);
      const hospitalName = row.required('hospital');
      const regionCode = row.required('regionCode');
      const name = row.required('department');
      const key = `${hospitalName && regionCode ? hospitalLabel(hospitalName, regionCode) : hospitalName} ${name}`.trim();
      if (regionCode) row.check('regionCode', HospitalInputSchema.shape.regionCode);
      if (name) row.check('department', DepartmentPatchSchema.shape.name);
      if (!row.ok) return row.planned(key, { action: 'error' });

      row.unique(seen, `${hospitalKey(hospitalName, regionCode)}\u0000${name}`, 'department', '科室');
      const matches = hospitals.get(hospitalKey(hospitalName, regionCode)) ?? [];
      if (!matches.length) row.fail('hospital', `找不到医院“${hospitalLabel(hospitalName, regionCode)}”，请先导入或添加医院`);
      else if (matches.length > 1) row.fail('hospital', `有多家医院名为“${hospitalLabel(hospitalName, regionCode)}”，请先在医院列表中合并或改名`);
      if (!row.ok) return row.planned(key, { action: 'error' });

      const hospitalId = matches[0]!.id;
      if (departments.has(departmentKey(hospitalId, name))) return row.planned(key, { action: 'unchanged' });
      return row.planned(key, { action: 'create', write: { hospitalId, name } });
    });
  },

  async apply(tx: EntityManager, rows: PlannedRow<DepartmentWrite>[], now: Date): Promise<void> {
    for (const r of rows) {
      if (r.write) tx.create(DepartmentSchema, { hospital: tx.getReference(HospitalSchema, r.write.hospitalId), name: r.write.name, createdAt: now });
    }
  },
};
