import { currentPolicy } from '../../server/src/modules/privacy/consent.service';
import { newId } from '../../server/src/core/ids';
import { AddressSchema } from '../../server/src/modules/addresses/address.entity';
import { sealAddress, type AddressPlain } from '../../server/src/modules/addresses/address.codec';
import { createSession } from '../../server/src/modules/auth/sessions.service';
import { GiftSchema } from '../../server/src/modules/gifts/gift.entity';
import { moveStock } from '../../server/src/modules/gifts/gift-stock';
import { DepartmentSchema } from '../../server/src/modules/hospitals/department.entity';
import { HospitalSchema } from '../../server/src/modules/hospitals/hospital.entity';
import { UserSchema } from '../../server/src/modules/users/user.entity';
import { UserPii } from '../../server/src/modules/users/user.pii';
import { call, freshPhone, type ApiResponse } from './api';
import { rows } from './db';
import type { TestServer } from './test-server';

/** Fixtures for the points shop: gifts, saved addresses, points and orders, the way the server stores them. */

export interface GiftFixture {
  name?: string;
  pointsPrice?: number;
  valueYuan?: number;
  stock?: number;
  perPersonLimit?: number;
  active?: boolean;
  activeFrom?: Date | null;
  activeUntil?: Date | null;
}

/** A catalog gift written straight to the database; its stock arrives as an `initial` stock change, as the admin screen records it. */
export async function insertGift(server: TestServer, f: GiftFixture = {}): Promise<{ id: string; name: string }> {
  const em = server.running.orm.em.fork();
  const id = newId();
  const name = f.name ?? `保温杯 ${id.slice(-4)}`;
  em.create(GiftSchema, {
    id,
    name,
    description: '316 不锈钢，500 毫升',
    pointsPrice: f.pointsPrice ?? 50,
    valueYuan: f.valueYuan ?? 30,
    stock: 0,
    perPersonLimit: f.perPersonLimit ?? 5,
    active: f.active ?? true,
    imageIds: null,
    activeFrom: f.activeFrom ?? null,
    activeUntil: f.activeUntil ?? null,
    updatedAt: new Date(),
  });
  await em.flush();
  const stock = f.stock ?? 100;
  if (stock > 0) await em.transactional((tx) => moveStock(tx, new Date(), { giftId: id, delta: stock, reason: 'initial', reference: null }));
  return { id, name };
}

/** 北京市 北京市 东城区 — a real province → city → district chain. */
export const BEIJING_ADDRESS: AddressPlain = {
  recipientName: '王芳',
  phone: '13911112222',
  provinceCode: '110000',
  cityCode: '110100',
  districtCode: '110101',
  detail: '东华门大街 1 号 消化内镜中心',
};

/** A saved address of a user, sealed as the addresses module seals it. */
export async function insertAddress(server: TestServer, userId: string, plain: Partial<AddressPlain> = {}): Promise<string> {
  const em = server.running.orm.em.fork();
  const id = newId();
  em.create(AddressSchema, { id, userId, sealed: sealAddress(server.running.cipher, id, { ...BEIJING_ADDRESS, ...plain }), isDefault: true, updatedAt: new Date() });
  await em.flush();
  return id;
}

/** Points from an admin, through the API. */
export async function givePoints(server: TestServer, adminToken: string, userId: string, delta: number): Promise<void> {
  const res = await call(server, 'POST', '/admin/points/adjustments', { token: adminToken, body: { userId, delta, reason: '兑换测试积分' } });
  if (res.status !== 201) throw new Error(`adjustment answered ${res.status}: ${JSON.stringify(res.body)}`);
}

export function redeem(server: TestServer, token: string, body: Record<string, unknown>, key?: string): Promise<ApiResponse> {
  return call(server, 'POST', '/redemptions', { token, body, headers: key ? { 'idempotency-key': key } : {} });
}

export async function balanceOf(server: TestServer, userId: string): Promise<number> {
  const [row] = await rows<{ balance: number }>(server.running.orm, 'select balance from points_account where user_id = ?', [userId]);
  return Number(row?.balance ?? 0);
}

export async function stockOf(server: TestServer, giftId: string): Promise<number> {
  const [row] = await rows<{ stock: number }>(server.running.orm, 'select stock from gift where id = ?', [giftId]);
  return Number(row!.stock);
}

/**
 * Everything a redemption could leave behind for one person and one gift:
 * after a refusal it must equal what it was before.
 */
export async function traces(server: TestServer, userId: string, giftId: string) {
  const count = async (sql: string, params: unknown[]) => Number((await rows<{ n: number }>(server.running.orm, sql, params))[0]!.n);
  return {
    balance: await balanceOf(server, userId),
    entries: await count('select count(*) as n from points_entry where user_id = ?', [userId]),
    orders: await count('select count(*) as n from redemption_order where user_id = ?', [userId]),
    stock: await stockOf(server, giftId),
    stockChanges: await count('select count(*) as n from gift_stock_change where gift_id = ?', [giftId]),
    idempotencyRecords: await count('select count(*) as n from idempotency_record where user_id = ?', [userId]),
  };
}

/**
 * Active general staff at a hospital, created straight in the database with
 * a session each — for tests that need a crowd (registering and approving a
 * hundred people through the API takes most of a minute). They have accepted
 * the current policy, as anyone signed in has; they have no points yet.
 */
export async function quickStaff(
  server: TestServer,
  count: number,
  where: { hospitalName: string; departmentName: string },
): Promise<{ id: string; token: string }[]> {
  const em = server.running.orm.em.fork();
  const pii = new UserPii(server.running.cipher);
  const policy = await currentPolicy(em);
  const hospital = await em.findOneOrFail(HospitalSchema, { name: where.hospitalName });
  const department = await em.findOneOrFail(DepartmentSchema, { hospital: hospital.id, name: where.departmentName });
  const now = new Date();
  const people = Array.from({ length: count }, (_, i) => {
    const user = em.create(UserSchema, {
      id: newId(),
      status: 'active',
      role: 'staff',
      tier: 'general',
      hospital,
      department,
      registeredAt: now,
      decidedAt: now,
      consentedPolicyVersion: policy.version,
      consentPurposes: ['service'],
      adultConfirmedAt: now,
    });
    pii.set(user, 'phone', freshPhone());
    pii.set(user, 'name', `测试员工${i + 1}`);
    return { id: user.id, token: createSession(em, user.id, now).token };
  });
  await em.flush();
  return people;
}
