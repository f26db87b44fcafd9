import type { EntityManager } from '@mikro-orm/core';
import { HospitalInputSchema, type HospitalInput } from '../../../../../shared/schemas/admin-directory.schema';
import { HospitalSchema } from '../../hospitals/hospital.entity';
import { roundCoordinate } from '../hospitals-admin.service';
import type { ColumnSpec, CsvTable } from './csv-table';
import { hospitalKey, hospitalLabel, RowCheck, type Changes, type Importer, type PlannedRow } from './import-plan';
import { hospitalsByKey } from './lookups';

export const HOSPITAL_COLUMNS: ColumnSpec[] = [
  { name: 'name', label: '医院名称', required: true, aliases: ['医院', '名称'] },
  { name: 'province', label: '省份', required: true, aliases: ['省', '省/直辖市'] },
  { name: 'city', label: '城市', required: true, aliases: ['市', '地市'] },
  { name: 'regionCode', label: '行政区划代码', required: true, aliases: ['区划代码', '地区代码'] },
  { name: 'address', label: '地址', required: true, aliases: ['详细地址'] },
  { name: 'latitude', label: '纬度', required: true, aliases: ['lat'] },
  { name: 'longitude', label: '经度', required: true, aliases: ['lng', 'lon'] },
  { name: 'serviceTier', label: '服务等级', required: false, aliases: ['tier', '等级'] },
];

interface HospitalWrite {
  existingId?: string;
  /** The fields to set (all of them for a new hospital). */
  fields: Partial<HospitalInput>;
}

const COMPARED = ['province', 'city', 'address', 'latitude', 'longitude', 'serviceTier'] as const;

/**
 * Hospitals by name + region code. A known one is updated where the file
 * differs; an empty service tier keeps the stored one (a new hospital gets
 * standard).
 */
export const hospitalImporter: Importer<HospitalWrite> = {
  columns: HOSPITAL_COLUMNS,

  async plan(em: EntityManager, table: CsvTable): Promise<PlannedRow<HospitalWrite>[]> {
    const existing = await hospitalsByKey(em, table.records.map((r) => r.values.name ?? ''));
    const seen = new Map<string, number>();
    return table.records.map((record) => {
      const row = new RowCheck(record, HOSPITAL_COLUMNS);
      for (const c of HOSPITAL_COLUMNS) if (c.required) row.required(c.name);
      for (const c of ['latitude', 'longitude'] as const) {
        if (row.cell(c) && !Number.isFinite(Number(row.cell(c)))) row.fail(c, `${c === 'latitude' ? '纬度' : '经度'}应为数字，例如 ${c === 'latitude' ? '39.928353' : '116.416357'}`);
      }
      const name = row.cell('name');
      const regionCode = row.cell('regionCode');
      const key = name && regionCode ? hospitalLabel(name, regionCode) : name;

      const tier = row.cell('serviceTier');
      const parsed = HospitalInputSchema.safeParse({ ...record.values, serviceTier: tier || undefined });
      if (!parsed.success) {
        // One message per column: an empty or non-numeric cell has said its piece already.
        const reported = new Set(row.errors.map((e) => e.column));
        for (const issue of parsed.error.issues) {
          const column = String(issue.path[0] ?? '') || null;
          if (!reported.has(column)) row.fail(column, issue.message);
          reported.add(column);
        }
      }
      if (!row.ok || !parsed.success) return row.planned(key, { action: 'error' });
      const input: HospitalInput = { ...parsed.data, latitude: roundCoordinate(parsed.data.latitude), longitude: roundCoordinate(parsed.data.longitude) };
      row.unique(seen, hospitalKey(input.name, input.regionCode), 'name', '医院（名称和行政区划代码相同）');
      const matches = existing.get(hospitalKey(input.name, input.regionCode)) ?? [];
      if (matches.length > 1) row.fail('name', `数据库中已有多家“${key}”，请先在医院列表中合并或改名`);
      if (!row.ok) return row.planned(key, { action: 'error' });

      const [current] = matches;
      if (!current) return row.planned(key, { action: 'create', write: { fields: input } });
      const changes: Changes = {};
      const fields: Partial<HospitalInput> = {};
      for (const column of COMPARED) {
        if (column === 'serviceTier' && !tier) continue;
        const before = String(current[column]);
        const after = String(input[column]);
        if (before === after) continue;
        changes[column] = [before, after];
        Object.assign(fields, { [column]: input[column] });
      }
      if (!Object.keys(changes).length) return row.planned(key, { action: 'unchanged' });
      return row.planned(key, { action: 'update', changes, write: { existingId: current.id, fields } });
    });
  },

  async apply(tx: EntityManager, rows: PlannedRow<HospitalWrite>[], now: Date): Promise<void> {
    const writes = rows.flatMap((r) => (r.write ? [r.write] : []));
    const updates = writes.filter((w) => w.existingId);
    const loaded = new Map((await tx.find(HospitalSchema, { id: { $in: updates.map((w) => w.existingId!) } })).map((h) => [h.id, h]));
    for (const w of updates) tx.assign(loaded.get(w.existingId!)!, w.fields);
    for (const w of writes.filter((x) => !x.existingId)) tx.create(HospitalSchema, { ...(w.fields as HospitalInput), createdAt: now });
  },
};
