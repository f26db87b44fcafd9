import { randomUUID } from 'node:crypto';
import { approvedStaff, call, login, type ApiResponse } from '../../support/api';
import { rows } from '../../support/db';
import { balanceOf, givePoints, insertAddress, insertGift, quickStaff, redeem, stockOf } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Many requests at once. On PostgreSQL they really race on many connections
 * (the point of these tests); on SQLite one writer at a time serialises them,
 * and the same outcomes must hold there too.
 */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', POINTS_YEARLY_VALUE_CAP_YUAN: '100000' } });
  admin = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

const count = async (sql: string, params: unknown[] = []) => Number((await rows<{ n: number }>(server.running.orm, sql, params))[0]!.n);
const tally = (results: ApiResponse[]) => {
  const out: Record<string, number> = {};
  for (const r of results) {
    const k = r.status === 201 || r.status === 200 ? String(r.status) : `${r.status} ${r.body?.code}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};
const reconciled = async () => expect((await call(server, 'GET', '/admin/points/reconciliation', { token: admin })).body).toMatchObject({ ok: true, mismatches: [] });

it('lets exactly 37 of 100 simultaneous redemptions through a balance of 375 at 10 points each', async () => {
  const staff = await approvedStaff(server, admin, BJ, ENDO); // 100
  await givePoints(server, admin, staff.id, 275);
  const gift = await insertGift(server, { pointsPrice: 10, valueYuan: 1, stock: 1000, perPersonLimit: 1000 });
  const addressId = await insertAddress(server, staff.id);

  const results = await Promise.all(Array.from({ length: 100 }, () => redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId }, randomUUID())));
  expect(tally(results)).toEqual({ '201': 37, '409 INSUFFICIENT_POINTS': 63 });
  expect(await balanceOf(server, staff.id)).toBe(5);
  expect(await stockOf(server, gift.id)).toBe(1000 - 37);
  expect(await count('select count(*) as n from redemption_order where user_id = ?', [staff.id])).toBe(37);
  expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.number)).size).toBe(37);
  // In the order the balance moved, each entry follows from the one before and none goes below zero.
  const entries = await rows<{ seq: number; delta: number; balance_after: number }>(
    server.running.orm,
    'select seq, delta, balance_after from points_entry where user_id = ? order by seq',
    [staff.id],
  );
  entries.reduce((prev, e) => {
    expect(Number(e.balance_after)).toBe(prev + Number(e.delta));
    expect(Number(e.balance_after)).toBeGreaterThanOrEqual(0);
    return Number(e.balance_after);
  }, 0);
  expect(entries.filter((e) => Number(e.delta) === -10)).toHaveLength(37);
  await reconciled();
});

it('sells exactly the 13 units left to 100 people asking at once; the other 87 are told it is out of stock and keep their points', async () => {
  const people = await quickStaff(server, 100, { hospitalName: BJ, departmentName: ENDO });
  await Promise.all(people.map((p) => givePoints(server, admin, p.id, 100)));
  const addresses = await Promise.all(people.map((p) => insertAddress(server, p.id)));
  const gift = await insertGift(server, { pointsPrice: 10, valueYuan: 1, stock: 13, perPersonLimit: 1 });

  const results = await Promise.all(people.map((p, i) => redeem(server, p.token, { giftId: gift.id, quantity: 1, addressId: addresses[i] }, randomUUID())));
  expect(tally(results)).toEqual({ '201': 13, '409 OUT_OF_STOCK': 87 });
  expect(await stockOf(server, gift.id)).toBe(0);
  expect(await count('select count(*) as n from redemption_order where gift_id = ?', [gift.id])).toBe(13);
  expect(await count("select count(*) as n from gift_stock_change where gift_id = ? and reason = 'redemption'", [gift.id])).toBe(13);
  const balances = await Promise.all(people.map((p) => balanceOf(server, p.id)));
  expect(results.map((r, i) => [r.status, balances[i]])).toEqual(results.map((r) => (r.status === 201 ? [201, 90] : [409, 100])));
  await reconciled();
});

it('places one order for 50 simultaneous requests with one Idempotency-Key, and every answer names it', async () => {
  const staff = await approvedStaff(server, admin, BJ, ENDO);
  const gift = await insertGift(server, { pointsPrice: 30, valueYuan: 1, stock: 100 });
  const addressId = await insertAddress(server, staff.id);
  const key = randomUUID();

  const results = await Promise.all(Array.from({ length: 50 }, () => redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId }, key)));
  // `once` replays the first answer to requests that waited on it; a request that gave up waiting would say so (409 CONFLICT) and change nothing.
  const answered = results.filter((r) => r.status === 201);
  expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'CONFLICT'))).toBe(true);
  expect(answered.length).toBeGreaterThan(0);
  expect(new Set(answered.map((r) => r.body.id)).size).toBe(1);
  expect(await count('select count(*) as n from redemption_order where user_id = ?', [staff.id])).toBe(1);
  expect(await count("select count(*) as n from points_entry where user_id = ? and reason = 'redemption'", [staff.id])).toBe(1);
  expect(await balanceOf(server, staff.id)).toBe(70);
  expect(await stockOf(server, gift.id)).toBe(99);
  // However the race went, asking again now gets the order.
  const later = await redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId }, key);
  expect(later.body.id).toBe(answered[0]!.body.id);
  await reconciled();
});

it('refunds and restocks once when the person and an admin cancel the same order ten times each at once', async () => {
  const staff = await approvedStaff(server, admin, BJ, ENDO);
  const gift = await insertGift(server, { pointsPrice: 25, valueYuan: 1, stock: 10 });
  const addressId = await insertAddress(server, staff.id);
  const order = (await redeem(server, staff.token, { giftId: gift.id, quantity: 2, addressId }, randomUUID())).body;
  expect(await balanceOf(server, staff.id)).toBe(50);
  expect(await stockOf(server, gift.id)).toBe(8);

  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? call(server, 'POST', `/redemptions/${order.id}/cancel`, { token: staff.token, body: {} })
        : call(server, 'POST', `/admin/redemptions/${order.id}/cancel`, { token: admin, body: { reason: '库存盘点有误，订单取消' } }),
    ),
  );
  expect(tally(results)).toEqual({ '200': 1, '409 CONFLICT': 19 });
  expect(await balanceOf(server, staff.id)).toBe(100);
  expect(await stockOf(server, gift.id)).toBe(10);
  expect(await count("select count(*) as n from points_entry where reference = ? and reason = 'redemption_refund'", [`order:${order.id}`])).toBe(1);
  expect(await count("select count(*) as n from gift_stock_change where reference = ? and reason = 'cancellation'", [`order:${order.id}`])).toBe(1);
  const [stored] = await rows<{ status: string; cancelled_by: string }>(server.running.orm, 'select status, cancelled_by from redemption_order where id = ?', [order.id]);
  const winner = results.find((r) => r.status === 200)!;
  expect(stored).toEqual({ status: 'cancelled', cancelled_by: winner.body.cancelledBy });
  await reconciled();
});

it('holds the yearly value cap and the per-person limit when one person sends many redemptions at once', async () => {
  const staff = await approvedStaff(server, admin, BJ, ENDO);
  await givePoints(server, admin, staff.id, 900);
  const addressId = await insertAddress(server, staff.id);
  // ¥10,000 a unit against this server's ¥100,000 cap: ten fit.
  const watch = await insertGift(server, { pointsPrice: 1, valueYuan: 10_000, stock: 100, perPersonLimit: 100 });
  const capped = await Promise.all(Array.from({ length: 30 }, () => redeem(server, staff.token, { giftId: watch.id, quantity: 1, addressId }, randomUUID())));
  expect(tally(capped)).toEqual({ '201': 10, '409 GIFT_VALUE_CAP_REACHED': 20 });

  const towel = await insertGift(server, { pointsPrice: 1, valueYuan: 0, stock: 100, perPersonLimit: 3 });
  const limited = await Promise.all(Array.from({ length: 20 }, () => redeem(server, staff.token, { giftId: towel.id, quantity: 1, addressId }, randomUUID())));
  expect(tally(limited)).toEqual({ '201': 3, '409 GIFT_LIMIT_REACHED': 17 });
  expect(await stockOf(server, towel.id)).toBe(97);
  expect(await balanceOf(server, staff.id)).toBe(1000 - 13);
  await reconciled();
});
