import type { MikroORM } from '@mikro-orm/core';
import { DealerSchema } from '../../modules/dealers/dealer.entity';
import { EquipmentModelSchema, type EquipmentModel } from '../../modules/equipment/equipment-model.entity';
import { EquipmentUnitSchema } from '../../modules/equipment/equipment-unit.entity';
import { DepartmentSchema } from '../../modules/hospitals/department.entity';
import { HospitalSchema } from '../../modules/hospitals/hospital.entity';
import { LibraryDocumentSchema } from '../../modules/library/document.entity';
import { GiftSchema } from '../../modules/points/gift.entity';
import { DEMO_DEALER, DEMO_DOCUMENTS, DEMO_GIFTS, DEMO_HOSPITALS, DEMO_MODELS, DEMO_UNITS_PER_HOSPITAL } from './demo-data';

export interface SeedCounts {
  hospitals: number;
  departments: number;
  units: number;
  documents: number;
  gifts: number;
}

/**
 * Loads the demo data into an empty database, in one transaction; does
 * nothing (returns null) when there are hospitals already, so a second
 * `npm start` keeps whatever the first one and its users made.
 */
export async function seedDemoData(orm: MikroORM): Promise<SeedCounts | null> {
  const em = orm.em.fork();
  if ((await em.count(HospitalSchema)) > 0) return null;
  const counts: SeedCounts = { hospitals: 0, departments: 0, units: 0, documents: 0, gifts: 0 };
  await em.transactional(async (tx) => {
    const models = new Map<string, EquipmentModel>();
    for (const m of DEMO_MODELS) {
      models.set(m.key, tx.create(EquipmentModelSchema, { name: m.name, category: m.category, manufacturer: m.manufacturer }));
    }
    let serial = 0;
    for (const h of DEMO_HOSPITALS) {
      const { key, departments, ...fields } = h;
      const hospital = tx.create(HospitalSchema, fields);
      counts.hospitals++;
      const depts = departments.map((name) => tx.create(DepartmentSchema, { hospital, name }));
      counts.departments += depts.length;
      for (const [modelKey, deptIndex] of DEMO_UNITS_PER_HOSPITAL) {
        serial++;
        const sn = `${key.toUpperCase()}${String(2400000 + serial)}`;
        tx.create(EquipmentUnitSchema, {
          model: models.get(modelKey)!,
          serial: sn,
          labelCode: `SDEQ-${sn}`,
          hospital,
          department: depts[Math.min(deptIndex, depts.length - 1)] ?? null,
          coveredUntil: serial % 3 === 0 ? '2026-06-30' : '2028-12-31',
        });
        counts.units++;
      }
    }
    tx.create(DealerSchema, DEMO_DEALER);
    const published = new Date('2026-09-01T02:00:00Z');
    for (const d of DEMO_DOCUMENTS) tx.create(LibraryDocumentSchema, { ...d, publishedAt: published });
    counts.documents = DEMO_DOCUMENTS.length;
    for (const g of DEMO_GIFTS) tx.create(GiftSchema, { ...g, active: true });
    counts.gifts = DEMO_GIFTS.length;
  });
  return counts;
}
