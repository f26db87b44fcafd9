import type { MikroORM } from '@mikro-orm/core';
import { newId } from '../../core/ids';
import { DealerSchema } from '../../modules/dealers/dealer.entity';
import { EquipmentModelSchema, type EquipmentModel } from '../../modules/equipment/equipment-model.entity';
import { EquipmentUnitSchema } from '../../modules/equipment/equipment-unit.entity';
import { DepartmentSchema } from '../../modules/hospitals/department.entity';
import { HospitalSchema } from '../../modules/hospitals/hospital.entity';
import { LibraryDocumentSchema } from '../../modules/library/document.entity';
import { GiftSchema } from '../../modules/points/gift.entity';
import { UserSchema } from '../../modules/users/user.entity';
import type { UserPii } from '../../modules/users/user.pii';
import { DEMO_ACCOUNTS, DEMO_DEALER, DEMO_DOCUMENTS, DEMO_GIFTS, DEMO_HOSPITALS, DEMO_MODELS, DEMO_STAFF_HOSPITAL, DEMO_UNITS_PER_HOSPITAL } from './demo-data';

export interface SeedCounts {
  hospitals: number;
  departments: number;
  units: number;
  documents: number;
  gifts: number;
  accounts: number;
}

/**
 * Loads the demo data into an empty database, in one transaction; does
 * nothing (returns null) when there are hospitals already, so a second
 * `npm start` keeps whatever the first one and its users made.
 */
export async function seedDemoData(orm: MikroORM, pii: UserPii): Promise<SeedCounts | null> {
  const em = orm.em.fork();
  if ((await em.count(HospitalSchema)) > 0) {
    const accounts = await seedDemoAccounts(orm, pii);
    return accounts ? { hospitals: 0, departments: 0, units: 0, documents: 0, gifts: 0, accounts } : null;
  }
  const counts: SeedCounts = { hospitals: 0, departments: 0, units: 0, documents: 0, gifts: 0, accounts: 0 };
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
  counts.accounts = await seedDemoAccounts(orm, pii);
  return counts;
}

/**
 * The five demo sign-ins (README), active in their roles. They have given no
 * consent: like everyone, they accept the policy on first sign-in. Added
 * when the demo admin's phone is unknown, so an older demo database gets them too.
 */
async function seedDemoAccounts(orm: MikroORM, pii: UserPii): Promise<number> {
  const em = orm.em.fork();
  if (await em.findOne(UserSchema, { phoneIndex: pii.phoneIndex(DEMO_ACCOUNTS[0].phone) })) return 0;
  const hospital = await em.findOneOrFail(HospitalSchema, { name: DEMO_HOSPITALS.find((h) => h.key === DEMO_STAFF_HOSPITAL.key)!.name });
  const department = await em.findOneOrFail(DepartmentSchema, { hospital: hospital.id, name: DEMO_STAFF_HOSPITAL.department });
  const dealer = await em.findOneOrFail(DealerSchema, { name: DEMO_DEALER.name });
  const now = new Date();
  for (const account of DEMO_ACCOUNTS) {
    const user = em.create(UserSchema, {
      id: newId(),
      status: 'active',
      role: account.role,
      tier: account.tier,
      consentPurposes: [],
      registeredAt: account.role === 'staff' ? now : null,
      decidedAt: account.role === 'staff' ? now : null,
      hospital: account.role === 'staff' ? hospital : null,
      department: account.role === 'staff' ? department : null,
      dealer: account.role === 'dealer' ? dealer : null,
    });
    pii.set(user, 'phone', account.phone);
    pii.set(user, 'name', account.name);
    pii.set(user, 'position', account.position);
  }
  await em.flush();
  return DEMO_ACCOUNTS.length;
}
