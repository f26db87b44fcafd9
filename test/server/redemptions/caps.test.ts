import { randomUUID } from 'node:crypto';
import { approvedStaff, call, login } from '../../support/api';
import { givePoints, insertAddress, insertGift, redeem, traces } from '../../support/gift-shop';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';

/**
 * The anti-bribery caps: the market value of gifts one person receives in a
 * Shanghai calendar year, and each gift's per-person limit. Reaching a cap is
 * allowed, passing it is not; a cancelled order frees what it held.
 */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const clock = new TestClock();
const setShanghai = (iso: string) => clock.advance(new Date(`${iso}+08:00`).getTime() - clock.now().getTime());

let server: TestServer;
let admin: string;
let staff: { id: string; token: string };
let addressId: string;
beforeAll(async () => {
  setShanghai('2026-12-31T09:00:00');
  server = await startTestServer({ clock, env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', POINTS_YEARLY_VALUE_CAP_YUAN: '300' } });
  admin = (await login(server, '13800000001')).token;
  staff = await approvedStaff(server, admin, BJ, ENDO);
  await givePoints(server, admin, staff.id, 10_000);
  addressId = await insertAddress(server, staff.id);
});
afterAll(() => server.close());

const order = (giftId: string, quantity: number) => redeem(server, staff.token, { giftId, quantity, addressId }, randomUUID());

it('allows orders up to exactly the yearly value cap, refuses the one past it, frees a cancelled order’s value, and starts again in a new Shanghai year', async () => {
  const cup = await insertGift(server, { name: '保温杯', pointsPrice: 10, valueYuan: 100, perPersonLimit: 100 });
  const pen = await insertGift(server, { name: '笔记本', pointsPrice: 5, valueYuan: 0, perPersonLimit: 100 });
  expect((await order(cup.id, 2)).status).toBe(201);
  const third = await order(cup.id, 1); // ¥300 of ¥300: exactly the cap
  expect(third.status).toBe(201);

  const before = await traces(server, staff.id, cup.id);
  const over = await order(cup.id, 1);
  expect(over.status).toBe(409);
  expect(over.body).toMatchObject({ code: 'GIFT_VALUE_CAP_REACHED', detail: '每人每年兑换礼品价值上限为 300 元，今年已兑换 300 元，本单 100 元' });
  expect(await traces(server, staff.id, cup.id)).toEqual(before);
  // 我的 shows how much of the cap is used, so the page can say so before a refusal.
  const summary = await call(server, 'GET', '/points', { token: staff.token });
  expect(summary.body).toMatchObject({ giftValueThisYearYuan: 300, caps: { yearlyValueCapYuan: 300 } });
  // A gift of no market value never counts against the cap.
  expect((await order(pen.id, 1)).status).toBe(201);

  // Cancelling gives the value back for this year.
  expect((await call(server, 'POST', `/redemptions/${third.body.id}/cancel`, { token: staff.token, body: {} })).status).toBe(200);
  expect((await order(cup.id, 1)).status).toBe(201);
  expect((await order(cup.id, 1)).body.code).toBe('GIFT_VALUE_CAP_REACHED');

  // 23:59 on New Year's Eve in Shanghai (15:59 UTC): still this year.
  setShanghai('2026-12-31T23:59:00');
  expect((await order(cup.id, 1)).body.code).toBe('GIFT_VALUE_CAP_REACHED');
  // 00:00:30 on 1 January in Shanghai — still 31 December in UTC — is a new year with a new cap.
  setShanghai('2027-01-01T00:00:30');
  expect(clock.now().toISOString()).toBe('2026-12-31T16:00:30.000Z');
  expect((await call(server, 'GET', '/points', { token: staff.token })).body.giftValueThisYearYuan).toBe(0);
  expect((await order(cup.id, 3)).status).toBe(201);
  const nextOver = await order(cup.id, 1);
  expect(nextOver.body).toMatchObject({ code: 'GIFT_VALUE_CAP_REACHED', detail: '每人每年兑换礼品价值上限为 300 元，今年已兑换 300 元，本单 100 元' });
});

it('holds the per-person limit across orders and years; a cancelled order frees its units', async () => {
  // Back in 2026 with someone who has ordered nothing (the clock went past New Year above).
  setShanghai('2026-12-31T20:00:00');
  const nurse = await approvedStaff(server, admin, BJ, ENDO, '赵敏');
  const nurseAddress = await insertAddress(server, nurse.id);
  const mine = (giftId: string, quantity: number) => redeem(server, nurse.token, { giftId, quantity, addressId: nurseAddress }, randomUUID());
  const mug = await insertGift(server, { name: '马克杯', pointsPrice: 10, valueYuan: 0, perPersonLimit: 2 });
  const first = await mine(mug.id, 1);
  expect(first.status).toBe(201);
  expect((await mine(mug.id, 1)).status).toBe(201);
  expect((await mine(mug.id, 1)).body).toMatchObject({ code: 'GIFT_LIMIT_REACHED', detail: '该礼品每人限兑 2 件，您已兑换 2 件' });
  expect((await call(server, 'POST', `/redemptions/${first.body.id}/cancel`, { token: nurse.token, body: {} })).status).toBe(200);
  expect((await mine(mug.id, 2)).body.code).toBe('GIFT_LIMIT_REACHED');
  expect((await mine(mug.id, 1)).status).toBe(201);
  // The limit is per person for the gift, not per year.
  setShanghai('2027-01-02T10:00:00');
  expect((await mine(mug.id, 1)).body.code).toBe('GIFT_LIMIT_REACHED');
  // Someone else has their own.
  expect((await order(mug.id, 2)).status).toBe(201);
});
