import { randomUUID } from 'node:crypto';
import { sealAddress } from '../../../server/src/modules/addresses/address.codec';
import { approvedStaff, call, login } from '../../support/api';
import { rows } from '../../support/db';
import { BEIJING_ADDRESS, balanceOf, givePoints, insertAddress, insertGift, redeem, stockOf, traces } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Redeeming a gift: what it costs, what it keeps, and every refusal leaving nothing behind. */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const HOUR = 3600_000;

let server: TestServer;
let admin: string;
beforeAll(async () => {
  // The default yearly value cap (¥500) applies.
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' } });
  admin = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

const key = () => `test-${randomUUID()}`;
const shanghaiYyMmDd = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(2, 10).replace(/-/g, '');

describe('a redemption', () => {
  it('debits price × quantity, takes the units and places a pending order with the address as it was', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO); // 100 points from approval
    await givePoints(server, admin, staff.id, 400);
    const gift = await insertGift(server, { name: '内镜清洗刷套装', pointsPrice: 120, valueYuan: 40, stock: 10, perPersonLimit: 5 });
    const addressId = await insertAddress(server, staff.id);

    const res = await redeem(server, staff.token, { giftId: gift.id, quantity: 3, addressId }, key());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      gift: { id: gift.id, name: '内镜清洗刷套装', imageUrl: null },
      quantity: 3,
      pointsTotal: 360,
      valueYuanTotal: 120,
      address: { recipientName: '王芳', phone: '13911112222', province: '北京市', city: '北京市', district: '东城区', detail: BEIJING_ADDRESS.detail },
      carrier: null,
      trackingNo: null,
      shippedAt: null,
      cancelledAt: null,
      cancelledBy: null,
    });
    // DH + the Shanghai date of the order + six characters that cannot be misread (no 0/O, 1/I).
    expect(res.body.number).toMatch(new RegExp(`^DH${shanghaiYyMmDd(res.body.createdAt)}[A-HJ-NP-Z2-9]{6}$`));
    const orderId = res.body.id;

    expect(await balanceOf(server, staff.id)).toBe(500 - 360);
    expect(await stockOf(server, gift.id)).toBe(7);
    const ledger = await call(server, 'GET', '/points/ledger?limit=1', { token: staff.token });
    expect(ledger.body.items).toEqual([expect.objectContaining({ delta: -360, balanceAfter: 140, reason: 'redemption', reference: `order:${orderId}` })]);
    const moves = await rows<{ delta: number; stock_after: number; reason: string; reference: string }>(
      server.running.orm,
      'select delta, stock_after, reason, reference from gift_stock_change where gift_id = ? order by id',
      [gift.id],
    );
    expect(moves.map((m) => ({ ...m, delta: Number(m.delta), stock_after: Number(m.stock_after) }))).toEqual([
      { delta: 10, stock_after: 10, reason: 'initial', reference: null },
      { delta: -3, stock_after: 7, reason: 'redemption', reference: `order:${orderId}` },
    ]);
    // The order's copy of the address is sealed like the saved one: nothing readable in the table.
    const [stored] = await rows<{ address_sealed: string }>(server.running.orm, 'select address_sealed from redemption_order where id = ?', [orderId]);
    expect(stored!.address_sealed).not.toContain('13911112222');
    expect(stored!.address_sealed).not.toContain('东华门');

    // Editing, then deleting, the saved address does not move the parcel.
    await rows(server.running.orm, 'update address set sealed = ? where id = ?', [
      sealAddress(server.running.cipher, addressId, { ...BEIJING_ADDRESS, recipientName: '李娜', phone: '13700009999', detail: '新地址 99 号' }),
      addressId,
    ]);
    expect((await call(server, 'GET', `/redemptions/${orderId}`, { token: staff.token })).body.address).toMatchObject({ recipientName: '王芳', phone: '13911112222' });
    await rows(server.running.orm, 'delete from address where id = ?', [addressId]);
    const after = await call(server, 'GET', `/redemptions/${orderId}`, { token: staff.token });
    expect(after.status).toBe(200);
    expect(after.body).toEqual(res.body);

    const mine = await call(server, 'GET', '/redemptions', { token: staff.token });
    expect(mine.body).toEqual({ items: [res.body], nextCursor: null });
  });

  it('refuses bad input with Chinese messages', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    const gift = await insertGift(server, { pointsPrice: 1 });
    const addressId = await insertAddress(server, staff.id);
    const zero = await redeem(server, staff.token, { giftId: gift.id, quantity: 0, addressId });
    expect(zero.status).toBe(422);
    expect(zero.body.errors).toEqual([{ path: 'quantity', message: '数量至少为 1' }]);
    const many = await redeem(server, staff.token, { giftId: gift.id, quantity: 11, addressId });
    expect(many.body.errors).toEqual([{ path: 'quantity', message: '每单最多兑换 10 件' }]);
    expect((await redeem(server, staff.token, { giftId: gift.id })).status).toBe(422);
    expect(await stockOf(server, gift.id)).toBe(100);
  });
});

describe('refusals leave nothing behind', () => {
  let staff: { id: string; token: string };
  let addressId: string;
  beforeAll(async () => {
    staff = await approvedStaff(server, admin, BJ, ENDO); // 100 points
    addressId = await insertAddress(server, staff.id);
  });

  /** Asks with a fresh key, expects the refusal, and proves points, stock, orders and the key record are as they were. */
  async function refused(giftId: string, quantity: number, status: number, code: string) {
    const before = await traces(server, staff.id, giftId);
    const res = await redeem(server, staff.token, { giftId, quantity, addressId }, key());
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(await traces(server, staff.id, giftId)).toEqual(before);
    return res.body.detail as string;
  }

  it('INSUFFICIENT_POINTS when the balance does not cover price × quantity', async () => {
    const gift = await insertGift(server, { pointsPrice: 51, valueYuan: 1 });
    expect(await refused(gift.id, 2, 409, 'INSUFFICIENT_POINTS')).toBe('积分余额不足');
  });

  it('OUT_OF_STOCK when fewer units are left than asked for', async () => {
    const few = await insertGift(server, { pointsPrice: 1, valueYuan: 1, stock: 2 });
    expect(await refused(few.id, 3, 409, 'OUT_OF_STOCK')).toBe('礼品库存不足');
    const none = await insertGift(server, { pointsPrice: 1, valueYuan: 1, stock: 0 });
    await refused(none.id, 1, 409, 'OUT_OF_STOCK');
  });

  it('GIFT_LIMIT_REACHED past the per-person limit, counting earlier orders', async () => {
    const gift = await insertGift(server, { pointsPrice: 1, valueYuan: 1, perPersonLimit: 2 });
    expect((await redeem(server, staff.token, { giftId: gift.id, quantity: 2, addressId }, key())).status).toBe(201);
    expect(await refused(gift.id, 1, 409, 'GIFT_LIMIT_REACHED')).toBe('该礼品每人限兑 2 件，您已兑换 2 件');
  });

  it('GIFT_VALUE_CAP_REACHED past the yearly value cap', async () => {
    const gift = await insertGift(server, { pointsPrice: 1, valueYuan: 251 });
    expect(await refused(gift.id, 2, 409, 'GIFT_VALUE_CAP_REACHED')).toMatch(/^每人每年兑换礼品价值上限为 500 元，今年已兑换 \d+ 元，本单 502 元$/);
  });

  it('GIFT_UNAVAILABLE when switched off or outside its window', async () => {
    const now = Date.now();
    const off = await insertGift(server, { pointsPrice: 1, valueYuan: 1, active: false });
    expect(await refused(off.id, 1, 409, 'GIFT_UNAVAILABLE')).toBe('该礼品已下架');
    const notYet = await insertGift(server, { pointsPrice: 1, valueYuan: 1, activeFrom: new Date(now + HOUR) });
    expect(await refused(notYet.id, 1, 409, 'GIFT_UNAVAILABLE')).toBe('该礼品不在兑换时间内');
    const over = await insertGift(server, { pointsPrice: 1, valueYuan: 1, activeFrom: new Date(now - 2 * HOUR), activeUntil: new Date(now - HOUR) });
    await refused(over.id, 1, 409, 'GIFT_UNAVAILABLE');
    const open = await insertGift(server, { pointsPrice: 1, valueYuan: 1, activeFrom: new Date(now - HOUR), activeUntil: new Date(now + HOUR) });
    expect((await redeem(server, staff.token, { giftId: open.id, quantity: 1, addressId })).status).toBe(201);
  });

  it('says first what matters most: unavailable, then the person’s limits, then points, then stock', async () => {
    // Switched off, sold out and too dear: being off is what the person needs to hear.
    const off = await insertGift(server, { pointsPrice: 1000, valueYuan: 1000, stock: 0, active: false });
    await refused(off.id, 1, 409, 'GIFT_UNAVAILABLE');
    // Over the value cap and too dear: more points would not help.
    const dear = await insertGift(server, { pointsPrice: 1000, valueYuan: 1000, stock: 0 });
    await refused(dear.id, 1, 409, 'GIFT_VALUE_CAP_REACHED');
    // Too dear and sold out: points first (decision 011).
    const soldOut = await insertGift(server, { pointsPrice: 1000, valueYuan: 1, stock: 0 });
    await refused(soldOut.id, 1, 409, 'INSUFFICIENT_POINTS');
  });

  it('404 for a gift that does not exist and for someone else’s address', async () => {
    const gift = await insertGift(server, { pointsPrice: 1, valueYuan: 1 });
    const other = await approvedStaff(server, admin, BJ, ENDO, '李娜');
    const theirs = await insertAddress(server, other.id, { recipientName: '李娜' });
    const before = await traces(server, staff.id, gift.id);
    const res = await redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId: theirs }, key());
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('收货地址不存在，请重新选择');
    expect(await traces(server, staff.id, gift.id)).toEqual(before);
    expect((await redeem(server, staff.token, { giftId: randomUUID(), quantity: 1, addressId })).status).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  it('returns the first order for a repeat of the same request, debiting once', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    const gift = await insertGift(server, { pointsPrice: 30, valueYuan: 10 });
    const addressId = await insertAddress(server, staff.id);
    const k = key();
    const first = await redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId }, k);
    const again = await redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId }, k);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await balanceOf(server, staff.id)).toBe(70);
    expect(await stockOf(server, gift.id)).toBe(99);
    expect(await rows(server.running.orm, "select id from points_entry where user_id = ? and reason = 'redemption'", [staff.id])).toHaveLength(1);

    const before = await traces(server, staff.id, gift.id);
    const other = await redeem(server, staff.token, { giftId: gift.id, quantity: 2, addressId }, k);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await traces(server, staff.id, gift.id)).toEqual(before);

    // Without a key every request is its own order.
    expect((await redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId })).body.id).not.toBe(first.body.id);
  });

  it('lets a refused request be retried with the same key once the reason is gone', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    const gift = await insertGift(server, { pointsPrice: 150, valueYuan: 10 });
    const addressId = await insertAddress(server, staff.id);
    const k = key();
    expect((await redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId }, k)).body.code).toBe('INSUFFICIENT_POINTS');
    await givePoints(server, admin, staff.id, 50);
    const retried = await redeem(server, staff.token, { giftId: gift.id, quantity: 1, addressId }, k);
    expect(retried.status).toBe(201);
    expect(await balanceOf(server, staff.id)).toBe(0);
  });
});

describe('who may redeem', () => {
  it('staff only: engineers and dealers are refused the function, admins do not shop, strangers must sign in', async () => {
    const gift = await insertGift(server, { pointsPrice: 1, valueYuan: 1 });
    for (const phone of ['13800000002', '13800000003']) {
      const token = (await login(server, phone)).token;
      expect((await call(server, 'GET', '/redemptions', { token })).status).toBe(403);
      expect((await redeem(server, token, { giftId: gift.id, quantity: 1, addressId: randomUUID() })).status).toBe(403);
    }
    const adminId = (await call(server, 'GET', '/me', { token: admin })).body.id;
    const adminAddress = await insertAddress(server, adminId);
    const byAdmin = await redeem(server, admin, { giftId: gift.id, quantity: 1, addressId: adminAddress });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.detail).toBe('只有医院员工可以兑换礼品');
    expect((await call(server, 'POST', '/redemptions', { body: { giftId: gift.id, quantity: 1, addressId: adminAddress } })).status).toBe(401);
    expect(await stockOf(server, gift.id)).toBe(100);
  });
});
