import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GiftViewSchema, type GiftView } from '../../../shared/schemas/gifts.schema';
import { PageQuerySchema } from '../../../shared/schemas/pagination.schema';
import { NotFoundError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Gifts = typeof import('../../../miniapp/src/services/gifts');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const imageId = randomUUID();

const thermos: GiftView = {
  id: randomUUID(),
  name: '保温杯',
  description: '316 不锈钢，500 毫升',
  pointsPrice: 300,
  valueYuan: 60,
  stock: 12,
  perPersonLimit: 2,
  images: [{ id: imageId, url: `/api/v1/gift-images/${imageId}` }],
  activeFrom: null,
  activeUntil: null,
  available: true,
  redeemedByMe: 0,
};
const umbrella: GiftView = { ...thermos, id: randomUUID(), name: '雨伞', images: [], stock: 0, available: false };

/** What GET /gifts answers next (the contract names no list schema: a page, or a plain array). */
let catalog: unknown = { items: [thermos, umbrella], nextCursor: 'page-2' };
let missing = false;

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/gifts', query: PageQuerySchema, response: z.unknown(), reply: () => catalog },
    {
      method: 'get',
      path: '/gifts/:id',
      params: Id,
      response: GiftViewSchema,
      reply: () => {
        if (missing) throw new NotFoundError('gift');
        return thermos;
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  catalog = { items: [thermos, umbrella], nextCursor: 'page-2' };
  missing = false;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = (base = standIn.server.url) => loadApp<{ gifts: Gifts; errors: Errors }>(base, { gifts: `${SRC}/gifts`, errors: `${SRC}/errors.zh` });

describe('gift services against the shared contracts', () => {
  it('lists the catalog by cursor', async () => {
    const { gifts } = load();
    await expect(gifts.listGifts()).resolves.toEqual({ items: [thermos, umbrella], nextCursor: 'page-2' });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/gifts', query: { limit: 20 } });
    await gifts.listGifts({ cursor: 'page-2' });
    expect(lastCall()?.query).toEqual({ cursor: 'page-2', limit: 20 });
  });

  it('reads a catalog without a cursor, or as a plain array, as one complete page', async () => {
    const { gifts } = load();
    catalog = { items: [thermos] };
    await expect(gifts.listGifts()).resolves.toEqual({ items: [thermos], nextCursor: null });
    catalog = [umbrella];
    await expect(gifts.listGifts()).resolves.toEqual({ items: [umbrella], nextCursor: null });
  });

  it('opens one gift; a gift taken off the catalog is 404 with the Chinese message', async () => {
    const { gifts, errors } = load();
    await expect(gifts.getGift(thermos.id)).resolves.toEqual(thermos);
    expect(lastCall()?.path).toBe(`/api/v1/gifts/${thermos.id}`);
    missing = true;
    const err = await gifts.getGift(thermos.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(errors.messageOf(err)).toBe('内容不存在或您无权查看');
  });
});

describe('what the catalog and the detail page show', () => {
  it('image paths are made absolute for weapp and left alone on H5 (same origin)', () => {
    expect(load('https://api.example.cn').gifts.giftCover(thermos)).toBe(`https://api.example.cn/api/v1/gift-images/${imageId}`);
    expect(load('').gifts.giftCover(thermos)).toBe(`/api/v1/gift-images/${imageId}`);
    const { gifts } = load('https://api.example.cn');
    expect(gifts.giftCover(umbrella)).toBeNull();
    expect(gifts.giftImageSrc('https://cdn.example.cn/a.jpg')).toBe('https://cdn.example.cn/a.jpg');
  });

  it('tells why 立即兑换 is off, in the order the server refuses', () => {
    const { gifts } = load();
    expect(gifts.giftBlock(thermos, 1000)).toBeNull();
    expect(gifts.giftBlock(thermos, null)).toBeNull();
    expect(gifts.giftBlock(umbrella, 1000)).toBe('sold_out');
    expect(gifts.giftBlock({ ...thermos, available: false }, 1000)).toBe('unavailable');
    expect(gifts.giftBlock({ ...thermos, redeemedByMe: 2 }, 1000)).toBe('limit');
    expect(gifts.giftBlock(thermos, 299)).toBe('points');
  });

  it('keeps the quantity within stock, the per-person limit, the per-order limit and the balance', () => {
    const { gifts } = load();
    expect(gifts.maxQuantity(thermos, 10_000)).toBe(2);
    expect(gifts.maxQuantity({ ...thermos, perPersonLimit: 50 }, 10_000)).toBe(10);
    expect(gifts.maxQuantity({ ...thermos, perPersonLimit: 50, stock: 3 }, 10_000)).toBe(3);
    expect(gifts.maxQuantity({ ...thermos, perPersonLimit: 50 }, 950)).toBe(3);
    expect(gifts.maxQuantity({ ...thermos, perPersonLimit: 50 }, null)).toBe(10);
    expect(gifts.maxQuantity(thermos, 0)).toBe(1);
    expect(gifts.remainingForMe({ perPersonLimit: 2, redeemedByMe: 1 })).toBe(1);
  });
});
