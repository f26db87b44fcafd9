import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AdminCancelInputSchema,
  AdminOrderListQuerySchema,
  AdminOrderPageSchema,
  AdminOrderViewSchema,
  ShipInputSchema,
  type AdminOrderView,
} from '../../../shared/schemas/redemptions.schema';
import { ConflictError, NotFoundError } from '../../../server/src/core/errors';
import { probe } from '../../support/probes';
import { startTestServer, type TestServer } from '../../support/test-server';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Orders = typeof import('../../../miniapp/src/services/admin-orders');
type ExportH5 = typeof import('../../../miniapp/src/services/admin-orders-export.h5');
type ExportWeapp = typeof import('../../../miniapp/src/services/admin-orders-export.weapp');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');
type Token = typeof import('../../../miniapp/src/services/token');
type Http = typeof import('../../../miniapp/src/services/http');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const orderId = randomUUID();
const staleId = randomUUID();
const goneId = randomUUID();

const order: AdminOrderView = {
  id: orderId,
  number: 'DH20261122A1B2C3',
  status: 'pending',
  gift: { id: randomUUID(), name: '保温杯', imageUrl: null },
  quantity: 2,
  pointsTotal: 600,
  valueYuanTotal: 80,
  address: { recipientName: '李护士', phone: '13800138000', province: '上海市', city: '上海市', district: '徐汇区', detail: '宛平南路 600 号 内镜中心' },
  carrier: null,
  trackingNo: null,
  createdAt: '2026-11-22T02:00:00.000Z',
  shippedAt: null,
  deliveredAt: null,
  cancelledAt: null,
  cancelledBy: null,
  cancelReason: null,
  user: { id: randomUUID(), name: '李护士', hospital: '上海市第六人民医院' },
};
const counts = { pending: 3, shipped: 1, delivered: 5, cancelled: 0 };

function replyFor(id: string, ok: () => unknown): unknown {
  if (id === staleId) throw new ConflictError('The order is not pending.');
  if (id === goneId) throw new NotFoundError('No such order.');
  return ok();
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/admin/redemptions', query: AdminOrderListQuerySchema, response: AdminOrderPageSchema, reply: () => ({ items: [order], nextCursor: randomUUID(), counts }) },
    {
      method: 'post',
      path: '/admin/redemptions/:id/ship',
      params: Id,
      body: ShipInputSchema,
      response: AdminOrderViewSchema,
      reply: ({ params, body }) =>
        replyFor((params as { id: string }).id, () => ({ ...order, status: 'shipped', ...(body as object), shippedAt: '2026-11-22T03:00:00.000Z' })),
    },
    {
      method: 'post',
      path: '/admin/redemptions/:id/deliver',
      params: Id,
      response: AdminOrderViewSchema,
      reply: ({ params }) => replyFor((params as { id: string }).id, () => ({ ...order, status: 'delivered', deliveredAt: '2026-11-23T03:00:00.000Z' })),
    },
    {
      method: 'post',
      path: '/admin/redemptions/:id/cancel',
      params: Id,
      body: AdminCancelInputSchema,
      // An answer without the admin's `user` block: the row on screen keeps its own.
      response: AdminOrderViewSchema.omit({ user: true }),
      reply: ({ params, body }) =>
        replyFor((params as { id: string }).id, () => {
          const { user: _user, ...rest } = order;
          return { ...rest, status: 'cancelled', cancelledAt: '2026-11-22T04:00:00.000Z', cancelledBy: 'admin', cancelReason: (body as { reason: string }).reason };
        }),
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load(base = standIn.server.url) {
  return loadApp<{ orders: Orders; errors: Errors }>(base, { orders: `${SRC}/admin-orders`, errors: `${SRC}/errors.zh` });
}

describe('admin gift orders against the shared contracts', () => {
  it('lists by status and order/tracking number with counts per status; blank words are not sent', async () => {
    const { orders } = load();
    const page = await orders.listAdminOrders({ status: 'pending', q: ' DH2026 ' });
    expect(page).toMatchObject({ items: [expect.objectContaining({ id: orderId, user: order.user })], counts });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/redemptions', query: { status: 'pending', q: 'DH2026', limit: 20 } });

    const cursor = randomUUID();
    await orders.listAdminOrders({ q: '  ', cursor, limit: 50 });
    expect(lastCall()?.query).toEqual({ cursor, limit: 50 });
  });

  it('ships with carrier and tracking number, delivers, and cancels with the reason', async () => {
    const { orders } = load();
    const shipped = await orders.shipOrder(orderId, { carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/redemptions/${orderId}/ship`, body: { carrier: '顺丰速运', trackingNo: 'SF1234567890' } });
    expect(shipped).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' });

    await expect(orders.deliverOrder(orderId)).resolves.toMatchObject({ status: 'delivered' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/redemptions/${orderId}/deliver` });

    const cancelled = await orders.cancelOrderAsAdmin(orderId, '地址有误，已联系用户重新下单');
    expect(lastCall()).toMatchObject({ path: `/api/v1/admin/redemptions/${orderId}/cancel`, body: { reason: '地址有误，已联系用户重新下单' } });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'admin', cancelReason: '地址有误，已联系用户重新下单' });
    // The row keeps who ordered when the answer leaves it out.
    expect(orders.mergeOrder(order, cancelled!)).toMatchObject({ status: 'cancelled', user: order.user, address: order.address });
  });

  it('surfaces the server’s field messages for a bad tracking number', async () => {
    const { orders } = load();
    const refused = await orders.shipOrder(orderId, { carrier: '顺丰速运', trackingNo: '12' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [expect.objectContaining({ path: 'trackingNo', message: '快递单号为 6–40 位字母或数字' })] });
    // The client checks the same schema first, with the same Chinese.
    const local = ShipInputSchema.safeParse({ carrier: ' ', trackingNo: '12' });
    expect(local.success).toBe(false);
    expect(local.error?.issues.map((i) => i.message)).toEqual(['请填写快递公司', '快递单号为 6–40 位字母或数字']);
    const short = AdminCancelInputSchema.safeParse({ reason: '无' });
    expect(short.error?.issues[0]?.message).toBe('请填写取消原因，用户会看到');
  });

  it('maps 409 (already handled) and 404 to Chinese and tells the page to reload', async () => {
    const { orders, errors } = load();
    const conflict = await orders.shipOrder(staleId, { carrier: '京东物流', trackingNo: 'JD0012345678' }).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(orders.isStaleOrderError(conflict)).toBe(true);
    expect(orders.orderActionMessage(conflict)).toBe('订单状态已变化（可能已被其他管理员或用户处理），列表已刷新');
    expect(errors.messageOf(conflict)).toMatch(/[\u4e00-\u9fa5]/);

    const gone = await orders.deliverOrder(goneId).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(orders.orderActionMessage(gone)).toBe('订单不存在，列表已刷新');

    const again = await orders.cancelOrderAsAdmin(staleId, '用户要求取消').catch((e: unknown) => e);
    expect(orders.orderActionMessage(again)).toMatch(/订单状态已变化/);

    const away = load('http://127.0.0.1:9').orders;
    const offline = await away.listAdminOrders().catch((e: unknown) => e);
    expect(away.isStaleOrderError(offline)).toBe(false);
    expect(away.orderActionMessage(offline)).toMatch(/网络不可用/);
  });

  it('names the export file from Content-Disposition, else by status and Shanghai date', () => {
    const { orders } = load();
    expect(orders.fileNameOfDisposition(`attachment; filename="orders.csv"; filename*=UTF-8''${encodeURIComponent('礼品订单-待发货.csv')}`)).toBe('礼品订单-待发货.csv');
    expect(orders.fileNameOfDisposition('attachment; filename="pending-20261122.csv"')).toBe('pending-20261122.csv');
    expect(orders.fileNameOfDisposition('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(orders.fileNameOfDisposition('attachment')).toBeNull();
    expect(orders.fileNameOfDisposition(null)).toBeNull();
    // 2026-11-22 20:30 UTC is already the 23rd in Shanghai.
    expect(orders.orderExportFileName('pending', Date.parse('2026-11-22T20:30:00Z'))).toBe('礼品订单-待发货-20261123.csv');
  });
});

describe('CSV export of pending orders (H5)', () => {
  const CSV = '订单号,收件人,电话\r\nDH20261122A1B2C3,李护士,13800138000\r\n';
  let csvServer: TestServer;
  const seen: { query: unknown; authorization: string; accept: string }[] = [];

  beforeAll(async () => {
    csvServer = await startTestServer({
      app: {
        routes: () => [
          probe({
            method: 'get',
            path: '/admin/redemptions/export.csv',
            query: z.object({ status: z.enum(['pending', 'shipped', 'delivered', 'cancelled']).optional() }),
            response: z.any(),
            produces: 'text/csv',
            handler: async ({ query, ctx }) => {
              const authorization = ctx.get('authorization');
              seen.push({ query, authorization, accept: ctx.get('accept') });
              if (authorization !== 'Bearer admin-session') throw new NotFoundError('No such export.');
              ctx.type = 'text/csv; charset=utf-8';
              if (query.status === 'shipped') return Buffer.from(`\uFEFF${CSV}`, 'utf8');
              ctx.set('Content-Disposition', `attachment; filename="orders-pending.csv"; filename*=UTF-8''${encodeURIComponent('礼品订单-待发货-20261122.csv')}`);
              return Buffer.from(CSV, 'utf8');
            },
          }),
        ],
      },
    });
  });
  afterAll(() => csvServer.close());
  beforeEach(() => {
    seen.length = 0;
  });

  function loadExport() {
    return loadApp<{ h5: ExportH5; weapp: ExportWeapp; token: Token; http: Http }>(csvServer.url, {
      h5: `${SRC}/admin-orders-export.h5`,
      weapp: `${SRC}/admin-orders-export.weapp`,
      token: `${SRC}/token`,
      http: `${SRC}/http`,
    });
  }

  it('fetches with the session token and keeps the server’s file name, adding the BOM Excel needs', async () => {
    const { h5, token } = loadExport();
    token.setToken('admin-session');
    const { blob, filename } = await h5.fetchOrdersCsv('pending');
    expect(seen).toEqual([{ query: { status: 'pending' }, authorization: 'Bearer admin-session', accept: expect.stringContaining('text/csv') }]);
    expect(filename).toBe('礼品订单-待发货-20261122.csv');
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(CSV); // the decoder drops the BOM
    token.clearToken();
  });

  it('does not add a second BOM, and names the file itself when the server does not', async () => {
    const { h5, token } = loadExport();
    token.setToken('admin-session');
    const now = Date.parse('2026-11-22T08:00:00Z');
    const { blob, filename } = await h5.fetchOrdersCsv('shipped', now);
    expect(filename).toBe('礼品订单-已发货-20261122.csv');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(bytes.length).toBe(Buffer.byteLength(CSV) + 3);
    token.clearToken();
  });

  it('saves through a temporary <a download> and releases the object URL', async () => {
    const { h5 } = loadExport();
    const appended: Record<string, unknown>[] = [];
    const link: Record<string, unknown> & { style: Record<string, string> } = {
      style: {},
      click: jest.fn(),
      remove: jest.fn(),
    };
    const doc = { createElement: jest.fn(() => link), body: { appendChild: (el: Record<string, unknown>) => appended.push(el) } };
    const revoke = jest.spyOn(URL, 'revokeObjectURL');
    const blob = new Blob(['a,b\r\n'], { type: 'text/csv' });
    h5.saveBlob(blob, '礼品订单.csv', doc as unknown as Document, 0);
    expect(doc.createElement).toHaveBeenCalledWith('a');
    expect(appended).toEqual([link]);
    expect(link).toMatchObject({ download: '礼品订单.csv', href: expect.stringMatching(/^blob:/) });
    expect(link.click).toHaveBeenCalledTimes(1);
    expect(link.remove).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(revoke).toHaveBeenCalledWith(link.href);
    revoke.mockRestore();
  });

  it('turns a refused export into an ApiError the app reacts to, and an unreachable server into SERVICE_UNAVAILABLE', async () => {
    const { h5, token, http } = loadExport();
    token.setToken('someone-else');
    const events: unknown[] = [];
    const off = http.onApiError((e) => events.push(e));
    const refused = await h5.fetchOrdersCsv().catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(events).toEqual([expect.objectContaining({ path: '/admin/redemptions/export.csv', authenticated: true })]);
    off();
    token.clearToken();

    const offline = loadApp<{ h5: ExportH5 }>('http://127.0.0.1:9', { h5: `${SRC}/admin-orders-export.h5` });
    await expect(offline.h5.fetchOrdersCsv()).rejects.toMatchObject({ status: 0, code: 'SERVICE_UNAVAILABLE' });
  });

  it('weapp: says export is not available there', async () => {
    const { weapp, h5 } = loadExport();
    expect(h5.CAN_EXPORT_CSV).toBe(true);
    expect(weapp.CAN_EXPORT_CSV).toBe(false);
    await expect(weapp.exportOrdersCsv()).rejects.toThrow();
  });
});
