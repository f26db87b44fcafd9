import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { FieldCipher } from '../../core/pii/field-cipher';
import { ManagedDepartmentSchema } from '../../modules/access/managed-department.entity';
import type { Dealer } from '../../modules/dealers/dealer.entity';
import type { Department } from '../../modules/hospitals/department.entity';
import { TicketDelegationSchema } from '../../modules/tickets/ticket-delegation.entity';
import { TicketEventSchema } from '../../modules/tickets/ticket-event.entity';
import { newTicketRecord } from '../../modules/tickets/ticket.record';
import type { User } from '../../modules/users/user.entity';
import { newId } from '../../core/ids';
import { DealerSchema } from '../../modules/dealers/dealer.entity';
import { EquipmentModelSchema, type EquipmentModel } from '../../modules/equipment/equipment-model.entity';
import { EquipmentUnitSchema } from '../../modules/equipment/equipment-unit.entity';
import { DepartmentSchema } from '../../modules/hospitals/department.entity';
import { HospitalSchema } from '../../modules/hospitals/hospital.entity';
import { LibraryDocumentSchema } from '../../modules/library/document.entity';
import { QuickAnswerSchema } from '../../modules/chat/quick-answer.entity';
import { GiftSchema } from '../../modules/gifts/gift.entity';
import { moveStock } from '../../modules/gifts/gift-stock';
import { post } from '../../modules/points/points-ledger';
import { renderGiftTile } from '../../modules/gifts/gift-tile';
import { StoredFileSchema } from '../../modules/files/stored-file.entity';
import type { StorageDriver } from '../../integrations/storage/storage.driver';
import { UserSchema } from '../../modules/users/user.entity';
import type { UserPii } from '../../modules/users/user.pii';
import { DEMO_ACCOUNTS, DEMO_DEALER, DEMO_DOCUMENTS, DEMO_GIFTS, DEMO_HOSPITALS, DEMO_MODELS, DEMO_QUICK_ANSWERS, DEMO_STAFF_HOSPITAL, DEMO_STAFF_MANAGED_EXTRA, DEMO_UNITS_PER_HOSPITAL, DEMO_WELCOME_POINTS } from './demo-data';

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
export async function seedDemoData(orm: MikroORM, pii: UserPii, cipher: FieldCipher, storage?: StorageDriver): Promise<SeedCounts | null> {
  const em = orm.em.fork();
  if ((await em.count(HospitalSchema)) > 0) {
    const accounts = await seedDemoAccounts(orm, pii, cipher);
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
    // One a day from the first of September, so "newest first" has an order to show.
    const published = Date.parse('2026-09-01T02:00:00Z');
    for (const [i, d] of DEMO_DOCUMENTS.entries()) tx.create(LibraryDocumentSchema, { ...d, publishedAt: new Date(published + i * 24 * 3600_000) });
    counts.documents = DEMO_DOCUMENTS.length;
  });
  counts.accounts = await seedDemoAccounts(orm, pii, cipher);
  counts.gifts = await seedDemoGifts(orm, pii, cipher, storage);
  await seedDemoQuickAnswers(orm, pii);
  await seedDemoPoints(orm, pii);
  return counts;
}

/**
 * Points for the demo staff (a new demo database only), so the catalog can
 * be tried at once: what approval earns, and a welcome grant posted as an
 * admin adjustment with its reason, as a real one would be.
 */
async function seedDemoPoints(orm: MikroORM, pii: UserPii): Promise<void> {
  const em = orm.em.fork();
  const admin = await em.findOne(UserSchema, { phoneIndex: pii.phoneIndex(DEMO_ACCOUNTS[0].phone) });
  if (!admin) return;
  await em.transactional(async (tx) => {
    const now = new Date();
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role === 'staff')) {
      const user = await tx.findOne(UserSchema, { phoneIndex: pii.phoneIndex(account.phone) });
      if (!user) continue;
      await post(tx, now, { userId: user.id, delta: 100, reason: 'registration_approved', reference: `user:${user.id}`, idempotencyKey: `registration_approved:${user.id}` });
      await post(tx, now, {
        userId: user.id,
        delta: DEMO_WELCOME_POINTS,
        reason: 'admin_adjustment',
        reference: `user:${user.id}`,
        idempotencyKey: `demo_welcome:${user.id}`,
        actorId: admin.id,
        note: '演示数据：上线活动赠送积分',
      });
    }
  });
}

/**
 * The gift catalog (a new demo database only), after the accounts because
 * the pictures are the demo admin's uploads. Each gift starts at zero and
 * its stock goes in as the first stock change, as an admin's would; with a
 * storage driver each gets a drawn picture, stored like an upload.
 */
async function seedDemoGifts(orm: MikroORM, pii: UserPii, cipher: FieldCipher, storage: StorageDriver | undefined): Promise<number> {
  const em = orm.em.fork();
  const admin = await em.findOne(UserSchema, { phoneIndex: pii.phoneIndex(DEMO_ACCOUNTS[0].phone) });
  if (!admin || (await em.count(GiftSchema)) > 0) return 0;
  const stored: string[] = [];
  try {
    await em.transactional(async (tx) => {
      const now = new Date();
      for (const { icon, tint, ink, stock, ...fields } of DEMO_GIFTS) {
        const gift = tx.create(GiftSchema, { ...fields, id: newId(), stock: 0, active: true, imageIds: [], updatedAt: now });
        if (storage) {
          const fileId = newId();
          const storageKey = `files/${fileId.slice(-2)}/${fileId}`;
          const png = await renderGiftTile(icon, tint, ink);
          // Sealed as files.service seals uploads (AAD stored_file|content|id), so the image route reads it like any upload.
          await storage.put(storageKey, cipher.sealBytes({ table: 'stored_file', column: 'content', id: fileId }, png));
          stored.push(storageKey);
          tx.create(StoredFileSchema, { id: fileId, ownerId: admin.id, purpose: 'gift_image', mime: 'image/png', size: png.length, storageKey, giftId: gift.id, attachedAt: now });
          gift.imageIds = [fileId];
        }
        await tx.flush();
        if (stock > 0) await moveStock(tx, now, { giftId: gift.id, delta: stock, reason: 'initial', reference: null, actorId: admin.id, note: null });
      }
    });
  } catch (err) {
    await Promise.all(stored.map((key) => storage!.delete(key)));
    throw err;
  }
  return DEMO_GIFTS.length;
}

/** Past answers for the suggestions before a chat, written by the demo engineer (a new demo database only). */
async function seedDemoQuickAnswers(orm: MikroORM, pii: UserPii): Promise<void> {
  const em = orm.em.fork();
  const engineer = await em.findOne(UserSchema, { phoneIndex: pii.phoneIndex(DEMO_ACCOUNTS[1].phone) });
  if (!engineer || (await em.count(QuickAnswerSchema)) > 0) return;
  for (const qa of DEMO_QUICK_ANSWERS) em.create(QuickAnswerSchema, { ...qa, createdById: engineer.id, active: true });
  await em.flush();
}

/**
 * The five demo sign-ins (README), active in their roles. They have given no
 * consent: like everyone, they accept the policy on first sign-in. Added
 * when the demo admin's phone is unknown, so an older demo database gets them too.
 */
async function seedDemoAccounts(orm: MikroORM, pii: UserPii, cipher: FieldCipher): Promise<number> {
  const em = orm.em.fork();
  if (await em.findOne(UserSchema, { phoneIndex: pii.phoneIndex(DEMO_ACCOUNTS[0].phone) })) return 0;
  const hospital = await em.findOneOrFail(HospitalSchema, { name: DEMO_HOSPITALS.find((h) => h.key === DEMO_STAFF_HOSPITAL.key)!.name });
  const department = await em.findOneOrFail(DepartmentSchema, { hospital: hospital.id, name: DEMO_STAFF_HOSPITAL.department });
  const dealer = await em.findOneOrFail(DealerSchema, { name: DEMO_DEALER.name });
  const now = new Date();
  const users = new Map<string, User>();
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
    users.set(account.phone, user);
  }
  const advanced = users.get('13800000005')!;
  const otherDepartment = await em.findOneOrFail(DepartmentSchema, { hospital: hospital.id, name: DEMO_STAFF_MANAGED_EXTRA });
  for (const managed of [department, otherDepartment]) {
    em.create(ManagedDepartmentSchema, { userId: advanced.id, departmentId: managed.id, grantedById: users.get('13800000001')!.id });
  }
  await seedDemoTickets(em, cipher, { staff: users.get('13800000004')!, advanced, engineer: users.get('13800000002')!, dealer, department, otherDepartment }, now);
  await em.flush();
  return DEMO_ACCOUNTS.length;
}

/** A few tickets so the lists have something to show: own, a colleague's, assigned, delegated. */
async function seedDemoTickets(
  em: EntityManager,
  cipher: FieldCipher,
  who: { staff: User; advanced: User; engineer: User; dealer: Dealer; department: Department; otherDepartment: Department },
  now: Date,
): Promise<void> {
  const units = await em.find(EquipmentUnitSchema, { department: who.department.id }, { orderBy: { serial: 'asc' } });
  const day = 24 * 3600_000;
  const specs = [
    { reporter: who.staff, department: who.department, unit: units[0], status: 'submitted' as const, description: '胃镜图像出现黑点，白平衡后仍存在。', days: 1 },
    { reporter: who.staff, department: who.department, unit: units[1], status: 'in_progress' as const, description: '送气送水按钮回弹不良，偶尔卡住。', days: 6, engineer: true },
    { reporter: who.advanced, department: who.otherDepartment, unit: null, status: 'resolved' as const, description: '结肠镜弯曲角度不足，向上弯曲明显变小。', days: 20, engineer: true, delegate: true },
  ];
  // Oldest first, so creation order (ids) and dates agree.
  for (const spec of [...specs].sort((a, b) => b.days - a.days)) {
    const ticket = await newTicketRecord(
      em,
      cipher,
      {
        reporterId: spec.reporter.id,
        department: spec.department,
        equipmentUnit: spec.unit ?? null,
        model: spec.unit ? null : 'QV-C290 电子结肠镜',
        serial: spec.unit ? null : 'BJ2400999',
        description: spec.description,
        contactName: spec.reporter === who.staff ? '李静' : '陈建华',
        contactPhone: spec.reporter === who.staff ? '13800000004' : '13800000005',
        status: spec.status,
        assignedEngineerId: spec.engineer ? who.engineer.id : null,
        createdAt: new Date(now.getTime() - spec.days * day),
      },
      now,
    );
    em.create(TicketEventSchema, { ticket, actorId: spec.reporter.id, kind: 'create', fromStatus: null, toStatus: 'submitted', reason: null, note: null, createdAt: ticket.createdAt });
    await em.flush();
    if (spec.delegate) {
      em.create(TicketDelegationSchema, { ticket, dealer: who.dealer, purpose: 'pickup', delegatedById: who.engineer.id });
    }
  }
}
