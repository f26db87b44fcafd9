import { randomUUID } from 'node:crypto';
import { approvedStaff, call, consentFor, login } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { balanceOf, givePoints, insertAddress, insertGift, redeem, stockOf } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';

/** After the order: shipping, delivery, cancellation by either side, the lists, the packing list, and who may do what. */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

let server: TestServer;
let admin: string;
let adminId: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', OUTBOX_POLL_MS: '20' } });
  admin = (await login(server, '13800000001')).token;
  adminId = (await call(server, 'GET', '/me', { token: admin })).body.id;
});
afterAll(() => server.close());

interface Shopper {
  id: string;
  token: string;
  addressId: string;
}

async function shopper(name = '王芳', address: Record<string, string> = {}): Promise<Shopper> {
  const staff = await approvedStaff(server, admin, BJ, ENDO, name);
  await givePoints(server, admin, staff.id, 900); // 1000 in all
  return { id: staff.id, token: staff.token, addressId: await insertAddress(server, staff.id, { recipientName: name, ...address }) };
}

async function placeOrder(who: Shopper, giftId: string, quantity = 1) {
  const res = await redeem(server, who.token, { giftId, quantity, addressId: who.addressId }, randomUUID());
  if (res.status !== 201) throw new Error(`redeem answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; number: string; pointsTotal: number };
}

const ship = (id: string, body: Record<string, unknown> = { carrier: '顺丰速运', trackingNo: 'SF1234567890' }, token = admin) =>
  call(server, 'POST', `/admin/redemptions/${id}/ship`, { token, body });
const deliver = (id: string, token = admin) => call(server, 'POST', `/admin/redemptions/${id}/deliver`, { token });
const adminCancel = (id: string, reason: string | undefined, token = admin) =>
  call(server, 'POST', `/admin/redemptions/${id}/cancel`, { token, body: reason === undefined ? {} : { reason } });
const userCancel = (who: Shopper, id: string) => call(server, 'POST', `/redemptions/${id}/cancel`, { token: who.token, body: {} });
const orderNotices = async (who: Shopper) =>
  ((await call(server, 'GET', '/notifications?limit=50', { token: who.token })).body.items as { kind: string; title: string; body: string }[]).filter(
    (n) => n.kind === 'order_update',
  );
const countRows = async (sql: string, params: unknown[]) => Number((await rows<{ n: number }>(server.running.orm, sql, params))[0]!.n);

describe('shipping and delivery', () => {
  it('ships a pending order, then delivers it; each step is audited, tells the person, and happens once', async () => {
    const who = await shopper();
    const gift = await insertGift(server, { name: '内镜防护垫', pointsPrice: 100, valueYuan: 20 });
    const order = await placeOrder(who, gift.id, 2);

    const early = await deliver(order.id);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'CONFLICT', detail: '订单待发货，只有已发货的订单可以确认签收' });
    const bad = await ship(order.id, { carrier: '顺丰速运', trackingNo: 'SF 123' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'trackingNo', message: '快递单号为 6–40 位字母或数字' }]);

    const shipped = await ship(order.id);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({
      id: order.id,
      status: 'shipped',
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890',
      shippedAt: expect.any(String),
      user: { id: who.id, name: '王芳', hospital: BJ },
      // On screen the recipient's phone is masked; the full number is in the audited packing list.
      address: { recipientName: '王芳', phone: '139****2222', district: '东城区' },
    });
    expect((await ship(order.id)).body).toMatchObject({ code: 'CONFLICT', detail: '订单已发货，只有待发货的订单可以发货' });

    const mine = await call(server, 'GET', `/redemptions/${order.id}`, { token: who.token });
    expect(mine.body).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', address: { phone: '13911112222' } });
    const late = await userCancel(who, order.id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'CONFLICT', detail: '订单已发货，只有待发货的订单可以取消' });

    const [shipNotice] = await eventually(async () => {
      const found = await orderNotices(who);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(shipNotice).toEqual(expect.objectContaining({ title: `礼品订单 ${order.number} 已发货`, body: '顺丰速运 运单号 SF1234567890' }));

    const delivered = await deliver(order.id);
    expect(delivered.body).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    expect((await deliver(order.id)).status).toBe(409);
    expect((await adminCancel(order.id, '收件人拒收退回')).body).toMatchObject({ code: 'CONFLICT', detail: '订单已签收，不能再取消' });
    const notices = await eventually(async () => {
      const found = await orderNotices(who);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(notices[0]).toMatchObject({ title: `礼品订单 ${order.number} 已签收`, body: '内镜防护垫 ×2 已签收，如有问题请联系客服' });
    // Titles name the order, never the person or the address.
    for (const n of notices) expect(n.title).not.toMatch(/王芳|1391111|东华门/);

    const audit = await rows<{ action: string; actor_id: string; reason: string }>(
      server.running.orm,
      "select action, actor_id, reason from audit_event where subject_user_id = ? and action like 'redemption.%' order by id",
      [who.id],
    );
    expect(audit).toEqual([
      { action: 'redemption.ship', actor_id: adminId, reason: `${order.number} 顺丰速运 SF1234567890` },
      { action: 'redemption.deliver', actor_id: adminId, reason: order.number },
    ]);
    // Points and stock are untouched by shipping and delivery.
    expect(await balanceOf(server, who.id)).toBe(800);
    expect(await stockOf(server, gift.id)).toBe(98);
  });

  it('sends the WeChat copy with the order number in the number field', async () => {
    const standIn = server.running.wechatStandIn!;
    const openid = 'oWx_order_li_0001';
    // The demo nurse 李静 opens the mini-program through WeChat and allows one order message.
    await login(server, '13800000004', { consent: ['service'] });
    const wx = await call(server, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode(openid).code, consent: await consentFor(server, ['service']) } });
    expect((await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode('13800000004').code } })).status).toBe(200);
    const token = wx.body.token as string;
    expect((await call(server, 'POST', '/notifications/subscriptions', { token, body: { results: { order_status: 'accept' } } })).status).toBe(200);
    const me = (await call(server, 'GET', '/me', { token })).body;
    await givePoints(server, admin, me.id, 100);
    const nurse = { id: me.id, token, addressId: await insertAddress(server, me.id, { recipientName: '李静' }) };
    const gift = await insertGift(server, { pointsPrice: 10, valueYuan: 5 });
    const order = await placeOrder(nurse, gift.id);

    expect((await ship(order.id, { carrier: '京东物流', trackingNo: 'JD0099887766' })).status).toBe(200);
    const sent = await eventually(() => {
      const found = standIn.sentMessages().filter((m) => m.touser === openid);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(sent).toMatchObject({
      page: `packages/points/order/index?id=${order.id}`,
      data: { character_string1: { value: order.number }, phrase2: { value: '已发货' }, thing3: { value: expect.stringContaining('京东物流') } },
    });
  });
});

describe('cancelling', () => {
  it('lets the person cancel while pending: points and units come back once; a second cancel is 409', async () => {
    const who = await shopper();
    const gift = await insertGift(server, { pointsPrice: 70, valueYuan: 10, stock: 5 });
    const order = await placeOrder(who, gift.id, 3);
    expect(await balanceOf(server, who.id)).toBe(1000 - 210);
    expect(await stockOf(server, gift.id)).toBe(2);

    const res = await call(server, 'POST', `/redemptions/${order.id}/cancel`, { token: who.token, body: { reason: '选错了礼品' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelledBy: 'user', cancelReason: '选错了礼品', cancelledAt: expect.any(String) });
    expect(await balanceOf(server, who.id)).toBe(1000);
    expect(await stockOf(server, gift.id)).toBe(5);
    const ledger = await call(server, 'GET', '/points/ledger?limit=1', { token: who.token });
    expect(ledger.body.items[0]).toMatchObject({ delta: 210, balanceAfter: 1000, reason: 'redemption_refund', reference: `order:${order.id}` });

    const again = await userCancel(who, order.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', detail: '订单已取消，只有待发货的订单可以取消' });
    expect(await balanceOf(server, who.id)).toBe(1000);
    expect(await countRows("select count(*) as n from points_entry where reference = ? and reason = 'redemption_refund'", [`order:${order.id}`])).toBe(1);
    expect(await countRows("select count(*) as n from gift_stock_change where reference = ? and reason = 'cancellation'", [`order:${order.id}`])).toBe(1);
    // The person did this themselves: no notice about it.
    expect(await orderNotices(who)).toEqual([]);
  });

  it('lets an admin cancel a shipped order with a reason the person reads, refunding once', async () => {
    const who = await shopper();
    const gift = await insertGift(server, { pointsPrice: 40, valueYuan: 10, stock: 3 });
    const order = await placeOrder(who, gift.id);
    expect((await ship(order.id)).status).toBe(200);

    const noReason = await adminCancel(order.id, undefined);
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect((await adminCancel(order.id, '退')).body.errors).toEqual([{ path: 'reason', message: '请填写取消原因，用户会看到' }]);

    const res = await adminCancel(order.id, '快递退回：地址无法投递');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelledBy: 'admin', cancelReason: '快递退回：地址无法投递' });
    expect(await balanceOf(server, who.id)).toBe(1000);
    expect(await stockOf(server, gift.id)).toBe(3);
    expect((await adminCancel(order.id, '快递退回：地址无法投递')).status).toBe(409);
    expect((await userCancel(who, order.id)).status).toBe(409);
    expect(await balanceOf(server, who.id)).toBe(1000);

    const seen = await call(server, 'GET', `/redemptions/${order.id}`, { token: who.token });
    expect(seen.body).toMatchObject({ status: 'cancelled', cancelledBy: 'admin', cancelReason: '快递退回：地址无法投递' });
    const notices = await eventually(async () => {
      const found = await orderNotices(who);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(notices[0]).toMatchObject({ title: `礼品订单 ${order.number} 已取消`, body: '原因：快递退回：地址无法投递。40 积分已退回' });
    expect(await rows(server.running.orm, "select actor_id, reason from audit_event where action = 'redemption.cancel' and subject_user_id = ?", [who.id])).toEqual([
      { actor_id: adminId, reason: `${order.number} 快递退回：地址无法投递` },
    ]);
  });
});

describe('lists', () => {
  it('pages my orders newest first and filters by status', async () => {
    const who = await shopper();
    const gift = await insertGift(server, { pointsPrice: 1, valueYuan: 1 });
    const a = await placeOrder(who, gift.id);
    const b = await placeOrder(who, gift.id);
    const c = await placeOrder(who, gift.id);
    await userCancel(who, b.id);

    const first = await call(server, 'GET', '/redemptions?limit=2', { token: who.token });
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([c.id, b.id]);
    const second = await call(server, 'GET', `/redemptions?limit=2&cursor=${first.body.nextCursor}`, { token: who.token });
    expect(second.body).toMatchObject({ items: [{ id: a.id }], nextCursor: null });
    const pending = await call(server, 'GET', '/redemptions?status=pending', { token: who.token });
    expect(pending.body.items.map((o: { id: string }) => o.id)).toEqual([c.id, a.id]);
    expect((await call(server, 'GET', '/redemptions?status=lost', { token: who.token })).status).toBe(422);
  });

  it('gives admins every order with counts per status, and finds one by order or tracking number', async () => {
    const who = await shopper('周琳');
    const gift = await insertGift(server, { pointsPrice: 1, valueYuan: 1 });
    const a = await placeOrder(who, gift.id);
    const b = await placeOrder(who, gift.id);
    await ship(b.id, { carrier: '中通快递', trackingNo: 'ZT-778899001' });

    const all = await call(server, 'GET', '/admin/redemptions?limit=100', { token: admin });
    expect(all.status).toBe(200);
    const byStatus = await rows<{ status: string; n: number }>(server.running.orm, 'select status, count(*) as n from redemption_order group by status');
    expect(all.body.counts).toEqual({
      pending: 0,
      shipped: 0,
      delivered: 0,
      cancelled: 0,
      ...Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    });
    expect(all.body.items[0]).toMatchObject({ id: b.id, user: { id: who.id, name: '周琳', hospital: BJ } });

    const byNumber = await call(server, 'GET', `/admin/redemptions?q=${a.number.toLowerCase()}`, { token: admin });
    expect(byNumber.body.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    const byPrefix = await call(server, 'GET', `/admin/redemptions?q=${a.number.slice(0, 8)}&status=pending&limit=100`, { token: admin });
    expect(byPrefix.body.items.map((o: { id: string }) => o.id)).toContain(a.id);
    expect(byPrefix.body.items.map((o: { id: string }) => o.id)).not.toContain(b.id);
    const byTracking = await call(server, 'GET', '/admin/redemptions?q=ZT-778899001', { token: admin });
    expect(byTracking.body).toMatchObject({ items: [{ id: b.id, trackingNo: 'ZT-778899001' }], counts: { pending: 0, shipped: 1, delivered: 0, cancelled: 0 } });
    expect((await call(server, 'GET', '/admin/redemptions?q=%25', { token: admin })).body.items).toEqual([]);

    const page = await call(server, 'GET', '/admin/redemptions?limit=1', { token: admin });
    const next = await call(server, 'GET', `/admin/redemptions?limit=1&cursor=${page.body.nextCursor}`, { token: admin });
    expect(next.body.items[0].id < page.body.items[0].id).toBe(true);
  });
});

describe('who may do what', () => {
  it('hides my orders from another staff member (404) and keeps staff out of the admin routes (403)', async () => {
    const me = await shopper();
    const other = await shopper('李娜');
    const gift = await insertGift(server, { pointsPrice: 1, valueYuan: 1 });
    const order = await placeOrder(me, gift.id);

    expect((await call(server, 'GET', `/redemptions/${order.id}`, { token: other.token })).status).toBe(404);
    expect((await userCancel(other, order.id)).status).toBe(404);
    expect((await call(server, 'GET', '/redemptions', { token: other.token })).body.items).toEqual([]);
    expect((await call(server, 'GET', `/redemptions/${randomUUID()}`, { token: me.token })).status).toBe(404);

    expect((await call(server, 'GET', '/admin/redemptions', { token: me.token })).status).toBe(403);
    expect((await call(server, 'GET', '/admin/redemptions/export.csv', { token: me.token })).status).toBe(403);
    expect((await ship(order.id, undefined, me.token)).status).toBe(403);
    expect((await deliver(order.id, me.token)).status).toBe(403);
    expect((await adminCancel(order.id, '我自己取消', me.token)).status).toBe(403);
    const engineer = (await login(server, '13800000002')).token;
    expect((await call(server, 'GET', '/admin/redemptions', { token: engineer })).status).toBe(403);
    expect((await call(server, 'GET', `/redemptions/${order.id}`, { token: engineer })).status).toBe(403);

    expect((await call(server, 'GET', `/redemptions/${order.id}`, { token: me.token })).body.status).toBe('pending');
    expect((await ship(randomUUID())).status).toBe(404);
  });
});

describe('packing list', () => {
  /** Fetches the export as bytes: `Response.text()` would silently drop the BOM this test is about. */
  async function exportCsv(query = '') {
    const res = await fetch(server.api(`/admin/redemptions/export.csv${query}`), { headers: { authorization: `Bearer ${admin}` } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
  function parseCsv(text: string): string[][] {
    const out: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') row.push(field), (field = '');
      else if (ch === '\r' && text[i + 1] === '\n') row.push(field), out.push(row), (row = []), (field = ''), i++;
      else field += ch;
    }
    if (field || row.length) row.push(field), out.push(row);
    return out;
  }

  it('exports pending orders for Excel with full recipients, and audits each person revealed', async () => {
    const wang = await shopper('王芳');
    const chen = await shopper('陈晓', { phone: '13722223333', provinceCode: '310000', cityCode: '310100', districtCode: '310104', detail: '=HYPERLINK("x"),漕溪北路 "8" 号' });
    const gift = await insertGift(server, { name: '护手霜礼盒', pointsPrice: 10, valueYuan: 10 });
    const first = await placeOrder(wang, gift.id, 2);
    const second = await placeOrder(chen, gift.id);
    const gone = await placeOrder(wang, gift.id);
    await ship(gone.id);

    const { res, bytes } = await exportCsv();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="gift-orders-pending-${today}.csv"; filename*=UTF-8''${encodeURIComponent(`礼品订单-待发货-${today}.csv`)}`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(table[0]).toEqual(['订单号', '下单时间', '礼品', '数量', '收件人', '电话', '省', '市', '区', '详细地址', '状态']);
    const byNumber = new Map(table.slice(1).map((r) => [r[0], r]));
    const [placedAt] = await rows<{ created_at: unknown }>(server.running.orm, 'select created_at from redemption_order where id = ?', [first.id]);
    const shanghai = new Date(new Date(placedAt!.created_at as string).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(byNumber.get(first.number)).toEqual([first.number, shanghai, '护手霜礼盒', '2', '王芳', '13911112222', '北京市', '北京市', '东城区', '东华门大街 1 号 消化内镜中心', '待发货']);
    // A street address that looks like a formula stays text in Excel.
    expect(byNumber.get(second.number)!.slice(4)).toEqual(['陈晓', '13722223333', '上海市', '上海市', '徐汇区', `'=HYPERLINK("x"),漕溪北路 "8" 号`, '待发货']);
    expect(byNumber.has(gone.number)).toBe(false);
    // Oldest first, as they will be packed.
    const numbers = table.slice(1).map((r) => r[0]);
    expect(numbers.indexOf(first.number)).toBeLessThan(numbers.indexOf(second.number));

    const audit = await rows<{ actor_id: string; subject_user_id: string; action: string }>(
      server.running.orm,
      "select actor_id, subject_user_id, action from audit_event where action = 'pii.order_address.export' and subject_user_id in (?, ?)",
      [wang.id, chen.id],
    );
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actor_id === adminId)).toBe(true);

    const shipped = parseCsv((await exportCsv('?status=shipped')).bytes.subarray(3).toString('utf8'));
    expect(shipped.find((r) => r[0] === gone.number)?.[10]).toBe('已发货');
    expect(shipped.some((r) => r[0] === first.number)).toBe(false);
  });
});
