import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CancelInputSchema,
  OrderListQuerySchema,
  OrderPageSchema,
  OrderViewSchema,
  RedeemInputSchema,
  type OrderView,
  type RedeemInput,
} from '../../../shared/schemas/redemptions.schema';
import {
  ConflictError,
  GiftLimitReachedError,
  GiftUnavailableError,
  GiftValueCapReachedError,
  InsufficientPointsError,
  OutOfStockError,
  type AppError,
} from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Redemptions = typeof import('../../../miniapp/src/services/redemptions');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const giftId = randomUUID();
const addressId = randomUUID();

function orderFor(body: RedeemInput): OrderView {
  return {
    id: randomUUID(),
    number: 'DH20261122A1B2C3',
    status: 'pending',
    gift: { id: body.giftId, name: '保温杯', imageUrl: null },
    quantity: body.quantity,
    pointsTotal: 300 * body.quantity,
    valueYuanTotal: 60 * body.quantity,
    address: { recipientName: '王护士', phone: '13800000004', province: '广东省', city: '深圳市', district: '南山区', detail: '南山区人民医院' },
    carrier: null,
    trackingNo: null,
    createdAt: '2026-11-22T03:00:00.000Z',
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  };
}

/**
 * The server's side of POST /redemptions as far as the client can tell:
 * one order per Idempotency-Key (the same key replays it), a refusal
 * (`refuse`) leaves nothing behind.
 */
const world = {
  orders: new Map<string, OrderView>(),
  refuse: null as AppError | null,
};

const shipped: OrderView = { ...orderFor({ giftId, quantity: 1, addressId }), status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: '2026-11-23T03:00:00.000Z' };

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'post',
      path: '/redemptions',
      body: RedeemInputSchema,
      response: OrderViewSchema,
      status: 201,
      reply: ({ body }) => {
        const key = standIn.calls[standIn.calls.length - 1]!.idempotencyKey;
        if (world.refuse) throw world.refuse;
        const first = world.orders.get(key);
        if (first) return first;
        const order = orderFor(body);
        world.orders.set(key, order);
        return order;
      },
    },
    { method: 'get', path: '/redemptions', query: OrderListQuerySchema, response: OrderPageSchema, reply: () => ({ items: [shipped], nextCursor: null }) },
    { method: 'get', path: '/redemptions/:id', params: Id, response: OrderViewSchema, reply: () => shipped },
    {
      method: 'post',
      path: '/redemptions/:id/cancel',
      params: Id,
      body: CancelInputSchema,
      response: OrderViewSchema,
      reply: ({ params }) => {
        if (world.refuse) throw world.refuse;
        return { ...shipped, id: (params as { id: string }).id, status: 'cancelled', cancelledAt: '2026-11-22T04:00:00.000Z', cancelledBy: 'user', shippedAt: null, carrier: null, trackingNo: null };
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  world.orders.clear();
  world.refuse = null;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = () => loadApp<{ redemptions: Redemptions; errors: Errors }>(standIn.server.url, { redemptions: `${SRC}/redemptions`, errors: `${SRC}/errors.zh` });
const body: RedeemInput = { giftId, quantity: 2, addressId };

describe('redeeming: one order per confirm-page visit', () => {
  it('sends the gift, quantity and address with an Idempotency-Key and reads the pending order', async () => {
    const { redemptions } = load();
    const order = await redemptions.redeem(body, 'redeem-key-1');
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/redemptions', body, idempotencyKey: 'redeem-key-1' });
    expect(order).toMatchObject({ status: 'pending', quantity: 2, pointsTotal: 600 });
  });

  it('a double tap or a retry after a lost answer reuses the key, so the server replays the first order', async () => {
    const { redemptions, taro } = load();
    const attempt = redemptions.startRedemption();
    expect(attempt.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // The first answer is lost on the way back: the order exists, the phone does not know it.
    const real = taro.request as (o: unknown) => Promise<unknown>;
    let lose = true;
    taro.request = async (options: unknown) => {
      const res = await real(options);
      if (lose) {
        lose = false;
        throw { errMsg: 'request:fail timeout' };
      }
      return res;
    };
    await expect(attempt.send(body)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const [again, tapTwice] = await Promise.all([attempt.send(body), attempt.send(body)]);

    expect(again.id).toBe(tapTwice.id);
    expect(world.orders.size).toBe(1);
    expect([...world.orders.values()][0]!.id).toBe(again.id);
    const keys = standIn.calls.filter((c) => c.method === 'POST').map((c) => c.idempotencyKey);
    expect(keys).toEqual([attempt.key, attempt.key, attempt.key]);
  });

  it('a new visit of the confirm page is a new key (a second order is a new decision)', async () => {
    const { redemptions } = load();
    const first = await redemptions.startRedemption().send(body);
    const second = await redemptions.startRedemption().send(body);
    expect(first.id).not.toBe(second.id);
    expect(world.orders.size).toBe(2);
  });

  it.each([
    ['INSUFFICIENT_POINTS', new InsufficientPointsError('balance 100'), '积分余额不足'],
    ['OUT_OF_STOCK', new OutOfStockError('stock 0'), '礼品库存不足'],
    ['GIFT_LIMIT_REACHED', new GiftLimitReachedError('limit 2'), '已达到该礼品的每人兑换上限'],
    ['GIFT_VALUE_CAP_REACHED', new GiftValueCapReachedError('cap 500'), '已达到本年度礼品价值上限'],
    ['GIFT_UNAVAILABLE', new GiftUnavailableError('inactive'), '该礼品暂不可兑换'],
  ])('409 %s is shown as its Chinese reason, and the same key may try again', async (code, refusal, text) => {
    const { redemptions, errors } = load();
    const attempt = redemptions.startRedemption();
    world.refuse = refusal;
    const err = await attempt.send(body).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code });
    expect(redemptions.redeemRefusalOf(err)).toBe(code);
    expect(errors.messageOf(err)).toBe(text);
    expect(world.orders.size).toBe(0);

    world.refuse = null;
    await expect(attempt.send({ ...body, quantity: 1 })).resolves.toMatchObject({ quantity: 1 });
    expect(standIn.calls.map((c) => c.idempotencyKey)).toEqual([attempt.key, attempt.key]);
  });

  it('other failures are not refusals (the page offers a retry instead)', async () => {
    const { redemptions } = load();
    world.refuse = new ConflictError('state');
    const err = await redemptions.redeem(body, 'k').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(redemptions.redeemRefusalOf(err)).toBeNull();
    expect(redemptions.redeemRefusalOf(new Error('x'))).toBeNull();
  });

  it('the client refuses a body outside the contract before sending (quantity 1–10)', () => {
    expect(RedeemInputSchema.safeParse({ ...body, quantity: 11 }).success).toBe(false);
    expect(RedeemInputSchema.safeParse({ ...body, quantity: 0 }).error?.issues[0]?.message).toBe('数量至少为 1');
  });
});

describe('my orders', () => {
  it('lists by status tab and cursor', async () => {
    const { redemptions } = load();
    await expect(redemptions.listOrders({ status: 'shipped' })).resolves.toEqual({ items: [shipped], nextCursor: null });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/redemptions', query: { status: 'shipped', limit: 20 } });
    const cursor = randomUUID();
    await redemptions.listOrders({ cursor });
    expect(lastCall()?.query).toEqual({ cursor, limit: 20 });
  });

  it('reads one order with its carrier and tracking number', async () => {
    const { redemptions } = load();
    await expect(redemptions.getOrder(shipped.id)).resolves.toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    expect(lastCall()?.path).toBe(`/api/v1/redemptions/${shipped.id}`);
  });

  it('cancels with an optional reason; a blank reason is not sent', async () => {
    const { redemptions } = load();
    const id = randomUUID();
    await expect(redemptions.cancelOrder(id, '  地址填错了 ')).resolves.toMatchObject({ id, status: 'cancelled', cancelledBy: 'user' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/redemptions/${id}/cancel`, body: { reason: '地址填错了' } });
    await redemptions.cancelOrder(id, '   ');
    expect(lastCall()?.body).toEqual({});
  });

  it('a cancel that lost the race with shipping is a 409 the page explains', async () => {
    const { redemptions, errors } = load();
    world.refuse = new ConflictError('already shipped');
    const err = await redemptions.cancelOrder(randomUUID()).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(errors.messageOf(err)).toBe('数据已被更新，请刷新后重试');
  });
});
