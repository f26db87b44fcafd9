import { newId } from '../../../server/src/core/ids';
import { call, cameraJpeg, login, upload } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Managing the catalog: creating gifts with their pictures and starting
 * stock, editing them, moving stock with a record of who did it and what
 * was left, and who may do any of it.
 */
let server: TestServer;
const token: Record<'admin' | 'engineer' | 'dealer' | 'staff' | 'advanced', string> = { admin: '', engineer: '', dealer: '', staff: '', advanced: '' };
let adminId: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  token.admin = (await login(server, '13800000001')).token;
  token.engineer = (await login(server, '13800000002')).token;
  token.dealer = (await login(server, '13800000003')).token;
  token.staff = (await login(server, '13800000004')).token;
  token.advanced = (await login(server, '13800000005')).token;
  adminId = (await call(server, 'GET', '/me', { token: token.admin })).body.id;
});
afterAll(() => server.close());

const BASE = { name: '医用防护面屏', description: '防飞溅，可翻转。', pointsPrice: 260, valueYuan: 38, stock: 50, perPersonLimit: 2 };
const create = (body: Record<string, unknown>, headers: Record<string, string> = {}) => call(server, 'POST', '/admin/gifts', { token: token.admin, body: { ...BASE, ...body }, headers });
const patch = (id: string, body: unknown, t = token.admin) => call(server, 'PATCH', `/admin/gifts/${id}`, { token: t, body });
const move = (id: string, body: unknown, t = token.admin) => call(server, 'POST', `/admin/gifts/${id}/stock-changes`, { token: t, body });
const history = (id: string, query = '') => call(server, 'GET', `/admin/gifts/${id}/stock-changes${query}`, { token: token.admin });
const image = async (purpose = 'gift_image') => {
  const res = await upload(server, token.admin, purpose, await cameraJpeg(300, 300));
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const served = async (fileId: string) => (await fetch(`${server.url}/api/v1/gift-images/${fileId}`)).status;
const giftCount = async () => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from gift'))[0]!.n);
const auditOf = (action: string, fragment: string) =>
  rows<{ actor_id: string; reason: string; fields: unknown }>(server.running.orm, 'select actor_id, reason, fields from audit_event where action = ? and reason like ?', [action, `%${fragment}%`]);

describe('creating a gift', () => {
  it('creates it with its images, records the starting stock as the first stock change, and audits it', async () => {
    const [cover, second] = [await image(), await image()];
    const res = await create({ name: '新建礼品带图', imageIds: [cover, second] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '新建礼品带图',
      pointsPrice: 260,
      valueYuan: 38,
      stock: 50,
      perPersonLimit: 2,
      active: true,
      available: true,
      redeemedCount: 0,
      activeFrom: null,
      activeUntil: null,
      images: [
        { id: cover, url: `/api/v1/gift-images/${cover}` },
        { id: second, url: `/api/v1/gift-images/${second}` },
      ],
    });
    expect(await served(cover)).toBe(200);

    const changes = await history(res.body.id);
    expect(changes.body).toMatchObject({ items: [{ delta: 50, stockAfter: 50, reason: 'initial', reference: null, actorId: adminId }], nextCursor: null });
    expect(await auditOf('gift.create', '新建礼品带图')).toEqual([expect.objectContaining({ actor_id: adminId })]);
    expect((await call(server, 'GET', `/admin/gifts/${res.body.id}`, { token: token.admin })).body).toMatchObject({ id: res.body.id, stock: 50 });
  });

  it('records no stock change for a gift that starts empty', async () => {
    const res = await create({ name: '空库存礼品', stock: 0 });
    expect(res.body).toMatchObject({ stock: 0, available: false });
    expect((await history(res.body.id)).body.items).toEqual([]);
  });

  it('refuses invalid fields in Chinese and creates nothing', async () => {
    const before = await giftCount();
    const noName = await create({ name: '  ' });
    expect(noName.status).toBe(422);
    expect(noName.body.errors).toEqual([{ path: 'name', message: '请填写礼品名称' }]);
    const window = await create({ activeFrom: '2030-02-01T00:00:00Z', activeUntil: '2030-01-01T00:00:00Z' });
    expect(window.status).toBe(422);
    expect(window.body.errors).toEqual([{ path: 'activeUntil', message: '下架时间必须晚于上架时间' }]);
    expect((await create({ stock: -1 })).status).toBe(422);
    expect(await giftCount()).toBe(before);
  });

  it('only takes the admin’s own gift images that no other gift uses, and leaves a refused file free', async () => {
    const taken = await image();
    expect((await create({ name: '先用这张图', imageIds: [taken] })).status).toBe(201);
    const libraryImage = await image('document_image');
    const free = await image();
    const before = await giftCount();

    const res = await create({ name: '抢图的礼品', imageIds: [free, taken, libraryImage, newId()] });
    expect(res.status).toBe(422);
    const message = '图片须为本人上传、未被其他礼品使用的礼品图片';
    expect(res.body.errors).toEqual([
      { path: 'imageIds.1', message },
      { path: 'imageIds.2', message },
      { path: 'imageIds.3', message },
    ]);
    expect(await giftCount()).toBe(before);
    // Nothing was bound: the free image is still unattached and can be used.
    expect(await served(free)).toBe(404);
    expect((await create({ name: '用空闲图片', imageIds: [free] })).status).toBe(201);
    expect(await served(free)).toBe(200);
  });

  it('returns the first gift when a save is resent with the same Idempotency-Key', async () => {
    const key = `gift-${newId()}`;
    const first = await create({ name: '幂等礼品' }, { 'idempotency-key': key });
    const again = await create({ name: '幂等礼品' }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await rows(server.running.orm, 'select id from gift where name = ?', ['幂等礼品'])).toHaveLength(1);
  });
});

describe('editing a gift', () => {
  it('changes only the fields sent, never the stock, and audits the change', async () => {
    const photo = await image();
    const id = (await create({ name: '编辑前', active: false, imageIds: [photo], perPersonLimit: 3 })).body.id;
    const res = await patch(id, { name: '编辑后', pointsPrice: 300 });
    expect(res.status).toBe(200);
    // Fields not sent keep their values (not the create defaults).
    expect(res.body).toMatchObject({ name: '编辑后', pointsPrice: 300, active: false, perPersonLimit: 3, description: '防飞溅，可翻转。', stock: 50 });
    expect(res.body.images.map((i: { id: string }) => i.id)).toEqual([photo]);
    const [audit] = await auditOf('gift.update', '编辑后');
    expect(audit).toMatchObject({ actor_id: adminId });
    expect(JSON.stringify(audit!.fields)).toContain('pointsPrice');

    const stockOnly = await patch(id, { stock: 999 });
    expect(stockOnly.status).toBe(422);
    expect(stockOnly.body.errors).toEqual([{ path: '', message: '没有要修改的内容' }]);
    expect((await patch(id, { name: '编辑后', stock: 999 })).body.stock).toBe(50);
    expect(Number((await rows<{ stock: number }>(server.running.orm, 'select stock from gift where id = ?', [id]))[0]!.stock)).toBe(50);
    expect((await patch(id, { active: true })).body).toMatchObject({ active: true, available: true });
  });

  it('replaces the images: new ones are bound, removed ones released and no longer served', async () => {
    const [a, b, c] = [await image(), await image(), await image()];
    const id = (await create({ name: '换图礼品', imageIds: [a, b] })).body.id;
    const res = await patch(id, { imageIds: [c, a] });
    expect(res.body.images.map((i: { id: string }) => i.id)).toEqual([c, a]);
    expect([await served(a), await served(b), await served(c)]).toEqual([200, 404, 200]);
    const [released] = await rows<{ gift_id: string | null }>(server.running.orm, 'select gift_id from stored_file where id = ?', [b]);
    expect(released!.gift_id).toBeNull();
    // Released, the image is the admin's free upload again.
    expect((await create({ name: '再用旧图', imageIds: [b] })).status).toBe(201);
    expect((await patch(id, { imageIds: [] })).body.images).toEqual([]);
    expect([await served(a), await served(c)]).toEqual([404, 404]);
  });

  it('checks a window against the end already stored', async () => {
    const id = (await create({ name: '窗口礼品', activeFrom: '2030-06-01T00:00:00Z' })).body.id;
    const res = await patch(id, { activeUntil: '2030-05-01T00:00:00Z' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'activeUntil', message: '下架时间必须晚于上架时间' }]);
    expect((await patch(id, { activeUntil: '2030-07-01T00:00:00Z' })).body.activeUntil).toBe('2030-07-01T00:00:00.000Z');
  });

  it('answers 404 for a gift that does not exist', async () => {
    expect((await patch(newId(), { name: '不存在' })).status).toBe(404);
    expect((await call(server, 'GET', `/admin/gifts/${newId()}`, { token: token.admin })).status).toBe(404);
    expect((await move(newId(), { delta: 1, note: '入库测试' })).status).toBe(404);
    expect((await history(newId())).status).toBe(404);
  });
});

describe('stock changes', () => {
  it('records each change with the admin, the note and the stock left; going below zero is refused and changes nothing', async () => {
    const id = (await create({ name: '库存礼品', stock: 50 })).body.id;
    const added = await move(id, { delta: 30, note: '第二批入库' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ delta: 30, stockAfter: 80, reason: 'admin_adjustment', reference: null, note: '第二批入库', actorId: adminId });

    const over = await move(id, { delta: -81, note: '盘点出库' });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('OUT_OF_STOCK');
    expect((await call(server, 'GET', `/admin/gifts/${id}`, { token: token.admin })).body.stock).toBe(80);
    expect((await history(id)).body.items).toHaveLength(2);
    expect(await auditOf('gift.stock_change', '盘点出库')).toEqual([]);

    const emptied = await move(id, { delta: -80, note: '破损报废' });
    expect(emptied.body).toMatchObject({ delta: -80, stockAfter: 0 });
    expect(await auditOf('gift.stock_change', '破损报废')).toEqual([expect.objectContaining({ actor_id: adminId })]);
    const listed = (await call(server, 'GET', `/gifts/${id}`, { token: token.staff })).body;
    expect(listed).toMatchObject({ stock: 0, available: false });

    // Newest first, a page at a time.
    const first = await history(id, '?limit=2');
    expect(first.body.items.map((c: { delta: number; stockAfter: number }) => [c.delta, c.stockAfter])).toEqual([
      [-80, 0],
      [30, 80],
    ]);
    const rest = await history(id, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [{ delta: 50, stockAfter: 50, reason: 'initial' }], nextCursor: null });
  });

  it('needs a non-zero whole number and a note', async () => {
    const id = (await create({ name: '校验礼品' })).body.id;
    const zero = await move(id, { delta: 0, note: '盘点' });
    expect(zero.status).toBe(422);
    expect(zero.body.errors).toEqual([{ path: 'delta', message: '变动数量不能为 0' }]);
    const noNote = await move(id, { delta: 5, note: ' ' });
    expect(noNote.body.errors).toEqual([{ path: 'note', message: '请填写变动原因' }]);
    expect((await move(id, { delta: 1.5, note: '盘点' })).status).toBe(422);
    expect((await history(id)).body.items).toHaveLength(1);
  });

  it('counts a resent change with the same Idempotency-Key once', async () => {
    const id = (await create({ name: '幂等库存', stock: 5 })).body.id;
    const headers = { 'idempotency-key': `stock-${newId()}` };
    const send = () => call(server, 'POST', `/admin/gifts/${id}/stock-changes`, { token: token.admin, body: { delta: 7, note: '补货入库' }, headers });
    const [first, again] = [await send(), await send()];
    expect(again.body).toEqual(first.body);
    expect(first.body.stockAfter).toBe(12);
    expect((await call(server, 'GET', `/admin/gifts/${id}`, { token: token.admin })).body.stock).toBe(12);
    expect((await history(id)).body.items).toHaveLength(2);
  });

  it('lets concurrent take-outs through only while units remain', async () => {
    const id = (await create({ name: '并发库存', stock: 10 })).body.id;
    const results = await Promise.all(Array.from({ length: 15 }, () => move(id, { delta: -1, note: '并发出库' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    const stocks = results.filter((r) => r.status === 201).map((r) => r.body.stockAfter as number);
    expect(stocks.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('who may manage gifts', () => {
  it('answers 403 to staff, engineers and dealers on every admin route, and 401 without a session', async () => {
    const id = (await create({ name: '权限礼品' })).body.id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/gifts'],
      ['GET', `/admin/gifts/${id}`],
      ['POST', '/admin/gifts', BASE],
      ['PATCH', `/admin/gifts/${id}`, { name: '改名' }],
      ['POST', `/admin/gifts/${id}/stock-changes`, { delta: 100, note: '偷偷加库存' }],
      ['GET', `/admin/gifts/${id}/stock-changes`],
    ];
    for (const t of [token.staff, token.advanced, token.engineer, token.dealer]) {
      for (const [method, path, body] of routes) {
        const res = await call(server, method, path, { token: t, body });
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
    }
    for (const [method, path, body] of routes) expect((await call(server, method, path, { body })).status).toBe(401);
    expect((await call(server, 'GET', `/admin/gifts/${id}`, { token: token.admin })).body).toMatchObject({ name: '权限礼品', stock: 50 });
  });

  it('lists every gift for the admin, switched-off ones included, newest first', async () => {
    const off = (await create({ name: '列表里的下架礼品', active: false })).body.id;
    const items = (await call(server, 'GET', '/admin/gifts', { token: token.admin })).body.items as { id: string; active: boolean }[];
    expect(items[0]).toMatchObject({ id: off, active: false });
    // The demo catalog is there too.
    expect(items.length).toBeGreaterThan(6);
  });
});
