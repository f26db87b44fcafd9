import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AdminGiftViewSchema,
  GiftCreateSchema,
  GiftPatchSchema,
  StockChangeInputSchema,
  StockChangePageSchema,
  StockChangeViewSchema,
  type AdminGiftView,
  type StockChangeView,
} from '../../../shared/schemas/gifts.schema';
import { ConflictError, NotFoundError, OutOfStockError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Gifts = typeof import('../../../miniapp/src/services/admin-gifts');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const giftId = randomUUID();
const busyId = randomUUID();
const imageId = randomUUID();
const adminId = randomUUID();

const gift: AdminGiftView = {
  id: giftId,
  name: '保温杯',
  description: '304 不锈钢，500 ml',
  pointsPrice: 300,
  valueYuan: 40,
  stock: 3,
  perPersonLimit: 1,
  images: [{ id: imageId, url: `/api/v1/gift-images/${imageId}` }],
  activeFrom: null,
  activeUntil: '2026-12-31T15:59:59.999Z',
  available: true,
  active: true,
  redeemedCount: 7,
  updatedAt: '2026-11-22T02:00:00.000Z',
};

const change: StockChangeView = {
  id: randomUUID(),
  delta: 10,
  stockAfter: 13,
  reason: 'admin_adjustment',
  reference: null,
  note: '入库',
  actorId: adminId,
  createdAt: '2026-11-22T03:00:00.000Z',
};

const StockQuery = z.object({ cursor: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/admin/gifts', response: z.object({ items: z.array(AdminGiftViewSchema) }), reply: () => ({ items: [gift] }) },
    {
      method: 'get',
      path: '/admin/gifts/:id',
      params: Id,
      response: AdminGiftViewSchema,
      reply: ({ params }) => {
        if ((params as { id: string }).id !== giftId) throw new NotFoundError('No such gift.');
        return gift;
      },
    },
    { method: 'post', path: '/admin/gifts', body: GiftCreateSchema, response: AdminGiftViewSchema, status: 201, reply: ({ body }) => ({ ...gift, ...(body as object), images: [] }) },
    {
      method: 'patch',
      path: '/admin/gifts/:id',
      params: Id,
      body: GiftPatchSchema,
      response: AdminGiftViewSchema,
      reply: ({ params, body }) => {
        if ((params as { id: string }).id === busyId) throw new ConflictError('Changed meanwhile.');
        return { ...gift, ...(body as object), images: gift.images };
      },
    },
    {
      method: 'post',
      path: '/admin/gifts/:id/stock-changes',
      params: Id,
      body: StockChangeInputSchema,
      response: StockChangeViewSchema,
      status: 201,
      reply: ({ body }) => {
        const { delta, note } = body as { delta: number; note: string };
        if (gift.stock + delta < 0) throw new OutOfStockError('礼品库存不足');
        return { ...change, delta, note, stockAfter: gift.stock + delta };
      },
    },
    { method: 'get', path: '/admin/gifts/:id/stock-changes', params: Id, query: StockQuery, response: StockChangePageSchema, reply: () => ({ items: [change], nextCursor: null }) },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load(base = standIn.server.url) {
  return loadApp<{ gifts: Gifts }>(base, { gifts: `${SRC}/admin-gifts` }).gifts;
}

describe('admin gifts against the shared contracts', () => {
  it('lists every gift and loads one for the edit page (404 NOT_FOUND for an unknown id)', async () => {
    const gifts = load();
    await expect(gifts.listAdminGifts()).resolves.toEqual([gift]);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/gifts' });
    await expect(gifts.getAdminGift(giftId)).resolves.toEqual(gift);
    expect(lastCall()?.path).toBe(`/api/v1/admin/gifts/${giftId}`);
    await expect(gifts.getAdminGift(randomUUID())).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('creates with the starting stock, image ids and the idempotency key; the client schema fills the defaults', async () => {
    const gifts = load();
    const body = GiftCreateSchema.parse({ name: ' 保温杯 ', pointsPrice: 300, valueYuan: 40, stock: 20, imageIds: [imageId], activeUntil: '2026-12-31T23:59:59.999+08:00' });
    expect(body).toMatchObject({ name: '保温杯', description: '', perPersonLimit: 1, active: true, activeFrom: null });
    const created = await gifts.createGift(body, 'gift-key-1');
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/admin/gifts', idempotencyKey: 'gift-key-1', body: { ...body, stock: 20, imageIds: [imageId] } });
    expect(created).toMatchObject({ name: '保温杯', stock: 20 });

    const refused = await gifts.createGift({ ...body, name: '' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'name', message: '请填写礼品名称' })] });
  });

  it('patches only what it is given (the 上架/下架 switch alone), or the whole form; a backwards window is refused in Chinese', async () => {
    const gifts = load();
    // The patch schema carries no defaults: one field in, one field out.
    expect(GiftPatchSchema.parse({ active: false })).toEqual({ active: false });
    await expect(gifts.updateGift(giftId, { active: false })).resolves.toMatchObject({ active: false, description: gift.description });
    expect(lastCall()).toMatchObject({ method: 'PATCH', path: `/api/v1/admin/gifts/${giftId}`, body: { active: false } });
    expect(Object.keys(lastCall()?.body as object)).toEqual(['active']);

    const whole = {
      name: '保温杯',
      description: '304 不锈钢，500 ml',
      pointsPrice: 320,
      valueYuan: 40,
      perPersonLimit: 2,
      active: true,
      activeFrom: null,
      activeUntil: '2026-12-31T15:59:59.999Z',
      imageIds: [imageId],
    };
    await expect(gifts.updateGift(giftId, whole)).resolves.toMatchObject({ pointsPrice: 320, perPersonLimit: 2 });
    expect(lastCall()?.body).toEqual(whole);

    const backwards = GiftPatchSchema.safeParse({ ...whole, activeFrom: '2026-12-01T00:00:00.000+08:00', activeUntil: '2026-11-01T23:59:59.999+08:00' });
    expect(backwards.error?.issues[0]).toMatchObject({ path: ['activeUntil'], message: '下架时间必须晚于上架时间' });
    const refused = await gifts.updateGift(giftId, { ...whole, pointsPrice: 0 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'pointsPrice', message: '兑换积分至少为 1' })] });
  });

  it('maps a 409 on save to Chinese that says the form was kept', async () => {
    const gifts = load();
    const conflict = await gifts.updateGift(busyId, { name: '新名字' }).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(gifts.giftSaveMessage(conflict)).toMatch(/其他管理员修改.*仍保留/);
  });

  it('adjusts stock with a note and the key; too many units out is a 409 OUT_OF_STOCK in Chinese', async () => {
    const gifts = load();
    await expect(gifts.addStockChange(giftId, { delta: 10, note: '入库' }, 'stock-key-1')).resolves.toMatchObject({ delta: 10, stockAfter: 13 });
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/gifts/${giftId}/stock-changes`, body: { delta: 10, note: '入库' }, idempotencyKey: 'stock-key-1' });

    const short = await gifts.addStockChange(giftId, { delta: -5, note: '破损报废' }).catch((e: unknown) => e);
    expect(short).toMatchObject({ status: 409, code: 'OUT_OF_STOCK' });
    expect(gifts.stockChangeMessage(short)).toBe('库存不足：减少的数量不能超过当前库存');

    const zero = StockChangeInputSchema.safeParse({ delta: 0, note: '' });
    expect(zero.error?.issues.map((i) => i.message)).toEqual(['变动数量不能为 0', '请填写变动原因']);
    const refused = await gifts.addStockChange(giftId, { delta: 0, note: '盘点' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'delta', message: '变动数量不能为 0' })] });
  });

  it('reads the stock history page by page', async () => {
    const gifts = load();
    await expect(gifts.listStockChanges(giftId)).resolves.toEqual({ items: [change], nextCursor: null });
    expect(lastCall()).toMatchObject({ path: `/api/v1/admin/gifts/${giftId}/stock-changes`, query: { limit: 20 } });
    const cursor = randomUUID();
    await gifts.listStockChanges(giftId, { cursor, limit: 50 });
    expect(lastCall()?.query).toEqual({ cursor, limit: 50 });
  });

  it('makes image URLs absolute for weapp builds and leaves them relative on the same origin', () => {
    expect(load('https://api.example.cn').giftImageSrc(`/api/v1/gift-images/${imageId}`)).toBe(`https://api.example.cn/api/v1/gift-images/${imageId}`);
    expect(load('').giftImageSrc('/api/v1/x')).toBe('/api/v1/x');
    expect(load('https://api.example.cn').giftImageSrc('https://cdn.example.cn/a.jpg')).toBe('https://cdn.example.cn/a.jpg');
  });
});
