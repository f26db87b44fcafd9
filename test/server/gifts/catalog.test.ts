import { newId } from '../../../server/src/core/ids';
import { RedemptionOrderSchema } from '../../../server/src/modules/redemptions/redemption-order.entity';
import { approvedStaff, call, cameraJpeg, login, upload } from '../../support/api';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';

/**
 * The catalog as staff see it: which gifts are listed (switched on, inside
 * their window; sold-out ones listed but unavailable), in what order, how
 * many the caller already holds, who may read it, and the public images.
 */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const HOUR = 3600_000;

let server: TestServer;
const clock = new TestClock();
const token: Record<'admin' | 'engineer' | 'dealer' | 'staff' | 'advanced', string> = { admin: '', engineer: '', dealer: '', staff: '', advanced: '' };
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' }, clock });
  token.admin = (await login(server, '13800000001')).token;
  token.engineer = (await login(server, '13800000002')).token;
  token.dealer = (await login(server, '13800000003')).token;
  token.staff = (await login(server, '13800000004')).token;
  token.advanced = (await login(server, '13800000005')).token;
});
afterAll(() => server.close());

interface CatalogGift {
  id: string;
  name: string;
  pointsPrice: number;
  stock: number;
  available: boolean;
  redeemedByMe: number;
  images: { id: string; url: string }[];
}

async function gift(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await call(server, 'POST', '/admin/gifts', {
    token: token.admin,
    body: { name: '一次性医用帽', description: '无纺布，100 只装。', pointsPrice: 120, valueYuan: 20, stock: 10, ...overrides },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const catalog = async (t = token.staff): Promise<CatalogGift[]> => {
  const res = await call(server, 'GET', '/gifts', { token: t });
  expect(res.status).toBe(200);
  return res.body.items;
};
const inFuture = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
const meId = async (t: string) => (await call(server, 'GET', '/me', { token: t })).body.id as string;

async function order(userId: string, giftId: string, quantity: number, status: string) {
  // Orders are the redemptions module's; a row as it would leave one is enough to count.
  const em = server.running.orm.em.fork();
  await em.insert(RedemptionOrderSchema, {
    id: newId(),
    createdAt: new Date(),
    number: `T${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 20),
    userId,
    giftId,
    giftName: '测试礼品',
    quantity,
    pointsTotal: 100 * quantity,
    valueYuanTotal: 20 * quantity,
    addressSealed: 'sealed',
    status,
  });
}

describe('what the catalog lists', () => {
  it('lists gifts that are on and inside their window, sold-out ones unavailable and after the available ones', async () => {
    const on = await gift({ name: '护手霜礼盒', pointsPrice: 900 });
    const off = await gift({ name: '已下架的礼品', active: false });
    const later = await gift({ name: '下周上架的礼品', activeFrom: inFuture(2 * HOUR) });
    const ended = await gift({ name: '活动已结束的礼品', activeUntil: inFuture(-HOUR) });
    const soldOut = await gift({ name: '售罄的礼品', pointsPrice: 50, stock: 0 });
    const windowed = await gift({ name: '限时礼品', pointsPrice: 60, activeFrom: inFuture(-HOUR), activeUntil: inFuture(3 * HOUR) });

    const items = await catalog();
    const ids = items.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([on, soldOut, windowed]));
    for (const hidden of [off, later, ended]) expect(ids).not.toContain(hidden);
    expect(items.find((g) => g.id === soldOut)).toMatchObject({ available: false, stock: 0 });
    expect(items.find((g) => g.id === on)).toMatchObject({ name: '护手霜礼盒', available: true, stock: 10, redeemedByMe: 0, images: [] });

    // Redeemable ones first, each group cheapest first: the sold-out 50-point gift comes after the 900-point one.
    const firstUnavailable = items.findIndex((g) => !g.available);
    expect(items.slice(firstUnavailable).every((g) => !g.available)).toBe(true);
    for (const group of [items.slice(0, firstUnavailable), items.slice(firstUnavailable)]) {
      const prices = group.map((g) => g.pointsPrice);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
    }
    expect(ids.indexOf(soldOut)).toBeGreaterThan(ids.indexOf(on));
    expect(ids.indexOf(windowed)).toBeLessThan(ids.indexOf(on));

    // One gift: hidden ones do not exist for staff; the gift admin still opens them.
    for (const hidden of [off, later, ended]) {
      expect((await call(server, 'GET', `/gifts/${hidden}`, { token: token.staff })).status).toBe(404);
      expect((await call(server, 'GET', `/gifts/${hidden}`, { token: token.admin })).status).toBe(200);
    }
    expect((await call(server, 'GET', `/gifts/${soldOut}`, { token: token.staff })).body).toMatchObject({ id: soldOut, available: false });
    expect((await call(server, 'GET', `/gifts/${newId()}`, { token: token.staff })).status).toBe(404);
  });

  it('follows the clock: a gift appears when its window opens and goes when it closes', async () => {
    const id = await gift({ name: '开放时段礼品', activeFrom: inFuture(HOUR), activeUntil: inFuture(5 * HOUR) });
    expect((await catalog()).map((g) => g.id)).not.toContain(id);
    clock.advance(2 * HOUR);
    expect((await catalog()).map((g) => g.id)).toContain(id);
    expect((await call(server, 'GET', `/gifts/${id}`, { token: token.staff })).body.available).toBe(true);
    clock.advance(4 * HOUR);
    expect((await catalog()).map((g) => g.id)).not.toContain(id);
    expect((await call(server, 'GET', `/gifts/${id}`, { token: token.staff })).status).toBe(404);
  });
});

describe('what the caller already holds', () => {
  it('counts units in the caller’s orders that are not cancelled, per gift; the admin sees everyone’s', async () => {
    const a = await gift({ name: '计数礼品 A', stock: 20, perPersonLimit: 5 });
    const b = await gift({ name: '计数礼品 B', stock: 20 });
    const staffId = await meId(token.staff);
    const otherId = await meId(token.advanced);
    await order(staffId, a, 2, 'pending');
    await order(staffId, a, 1, 'shipped');
    await order(staffId, a, 4, 'cancelled');
    await order(otherId, a, 3, 'pending');
    await order(otherId, b, 1, 'delivered');

    const mine = await catalog();
    expect(mine.find((g) => g.id === a)!.redeemedByMe).toBe(3);
    expect(mine.find((g) => g.id === b)!.redeemedByMe).toBe(0);
    expect((await call(server, 'GET', `/gifts/${a}`, { token: token.staff })).body.redeemedByMe).toBe(3);
    const theirs = await catalog(token.advanced);
    expect(theirs.find((g) => g.id === a)!.redeemedByMe).toBe(3);
    expect(theirs.find((g) => g.id === b)!.redeemedByMe).toBe(1);

    const admin = (await call(server, 'GET', '/admin/gifts', { token: token.admin })).body.items as { id: string; redeemedCount: number }[];
    expect(admin.find((g) => g.id === a)!.redeemedCount).toBe(6);
    expect(admin.find((g) => g.id === b)!.redeemedCount).toBe(1);
  });
});

describe('who may read the catalog', () => {
  it('lets general and advanced staff read; engineers, dealers and unapproved users get 403; no session 401', async () => {
    const id = await gift({ name: '权限测试礼品' });
    const colleague = await approvedStaff(server, token.admin, BJ, ENDO);
    for (const t of [token.staff, token.advanced, colleague.token]) {
      expect((await call(server, 'GET', '/gifts', { token: t })).status).toBe(200);
      expect((await call(server, 'GET', `/gifts/${id}`, { token: t })).status).toBe(200);
    }
    const pending = (await login(server)).token;
    for (const t of [token.engineer, token.dealer, pending]) {
      expect((await call(server, 'GET', '/gifts', { token: t })).status).toBe(403);
      expect((await call(server, 'GET', `/gifts/${id}`, { token: t })).status).toBe(403);
    }
    expect((await call(server, 'GET', '/gifts')).status).toBe(401);
  });
});

describe('gift images', () => {
  const fetchImage = (url: string) => fetch(`${server.url}${url}`);

  it('serves a gift’s images to anyone, with caching, and nothing else from that path', async () => {
    const photo = await upload(server, token.admin, 'gift_image', await cameraJpeg(400, 400));
    expect(photo.status).toBe(201);
    const id = await gift({ name: '带图片的礼品', imageIds: [photo.body.id] });
    const listed = (await catalog()).find((g) => g.id === id)!;
    expect(listed.images).toEqual([{ id: photo.body.id, url: `/api/v1/gift-images/${photo.body.id}` }]);

    const res = await fetchImage(listed.images[0]!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    // Re-encoded on upload: the camera's EXIF (with its GPS text) is not served.
    expect(bytes.includes(Buffer.from('GPS 39.9288N'))).toBe(false);

    // A gift image no gift uses yet, a badge, a library image, an unknown id: all 404.
    const loose = await upload(server, token.admin, 'gift_image', await cameraJpeg(200, 200));
    const colleague = await login(server);
    const badge = await upload(server, colleague.token, 'badge', await cameraJpeg());
    const libraryImage = await upload(server, token.admin, 'document_image', await cameraJpeg());
    expect([loose.status, badge.status, libraryImage.status]).toEqual([201, 201, 201]);
    for (const other of [loose.body.id, badge.body.id, libraryImage.body.id, newId()]) {
      expect((await fetchImage(`/api/v1/gift-images/${other}`)).status).toBe(404);
    }
  });

  it('lets only gift admins upload gift images', async () => {
    for (const t of [token.staff, token.engineer]) {
      expect((await upload(server, t, 'gift_image', await cameraJpeg())).status).toBe(403);
    }
  });
});
