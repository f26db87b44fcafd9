import { newId } from '../../../server/src/core/ids';
import { approvedStaff, call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Saved shipping addresses: each person's own, one default while there are
 * any, at most twenty, region codes a real chain, and nothing readable in
 * the table.
 */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  admin = (await login(server, '13800000001')).token;
});
afterAll(() => server.close());

const CHAOYANG = { provinceCode: '110000', cityCode: '110100', districtCode: '110105' };
const XUHUI = { provinceCode: '310000', cityCode: '310100', districtCode: '310104' };
const NANSHAN = { provinceCode: '440000', cityCode: '440300', districtCode: '440305' };
const ADDRESS = { recipientName: '李静', phone: '13912345678', ...CHAOYANG, detail: '东三环中路 9 号 消化内镜中心' };

const add = (token: string, body: Record<string, unknown> = {}) => call(server, 'POST', '/addresses', { token, body: { ...ADDRESS, ...body } });
const edit = (token: string, id: string, body: unknown) => call(server, 'PATCH', `/addresses/${id}`, { token, body });
const remove = (token: string, id: string) => call(server, 'DELETE', `/addresses/${id}`, { token });
const list = async (token: string) => {
  const res = await call(server, 'GET', '/addresses', { token });
  expect(res.status).toBe(200);
  return res.body.items as { id: string; isDefault: boolean; detail: string }[];
};
const order = async (token: string) => (await list(token)).map((a) => [a.id, a.isDefault]);
const person = () => approvedStaff(server, admin, BJ, ENDO);

describe('saving addresses', () => {
  it('saves an address with region names, makes the first one default, and gives the phone in full to its owner', async () => {
    const me = await person();
    const res = await add(me.token);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      recipientName: '李静',
      phone: '13912345678',
      province: '北京市',
      city: '北京市',
      district: '朝阳区',
      detail: '东三环中路 9 号 消化内镜中心',
      ...CHAOYANG,
      isDefault: true,
      createdAt: expect.any(String),
    });
    expect(await list(me.token)).toEqual([res.body]);
  });

  it('keeps exactly one default: a new default takes the flag, the list shows it first then the newest', async () => {
    const me = await person();
    const first = (await add(me.token)).body.id;
    const second = (await add(me.token, { ...XUHUI, detail: '漕溪北路 100 号', isDefault: true })).body;
    expect(second).toMatchObject({ isDefault: true, province: '上海市', district: '徐汇区' });
    const third = (await add(me.token, { ...NANSHAN, detail: '科技园南区 8 栋' })).body;
    expect(third).toMatchObject({ isDefault: false, city: '深圳市' });
    expect(await order(me.token)).toEqual([
      [second.id, true],
      [third.id, false],
      [first, false],
    ]);

    const made = await edit(me.token, first, { isDefault: true });
    expect(made.body.isDefault).toBe(true);
    expect(await order(me.token)).toEqual([
      [first, true],
      [third.id, false],
      [second.id, false],
    ]);

    // Switching the default off hands it to the newest other address.
    const unset = await edit(me.token, first, { isDefault: false });
    expect(unset.body.isDefault).toBe(false);
    expect(await order(me.token)).toEqual([
      [third.id, true],
      [second.id, false],
      [first, false],
    ]);
  });

  it('keeps an only address the default even when told otherwise', async () => {
    const me = await person();
    const only = (await add(me.token, { isDefault: false })).body;
    expect(only.isDefault).toBe(true);
    expect((await edit(me.token, only.id, { isDefault: false, detail: '只改了门牌 10 号' })).body).toMatchObject({ isDefault: true, detail: '只改了门牌 10 号' });
  });

  it('saves one address for a resent save with the same Idempotency-Key', async () => {
    const me = await person();
    const headers = { 'idempotency-key': `address-${newId()}` };
    const first = await call(server, 'POST', '/addresses', { token: me.token, body: ADDRESS, headers });
    const again = await call(server, 'POST', '/addresses', { token: me.token, body: ADDRESS, headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(await list(me.token)).toHaveLength(1);
    const other = await call(server, 'POST', '/addresses', { token: me.token, body: { ...ADDRESS, detail: '另一个地址 5 号' }, headers });
    expect(other.status).toBe(409);
  });

  it('edits only what is sent; a region is replaced whole and must be a real chain', async () => {
    const me = await person();
    const id = (await add(me.token)).body.id;
    const res = await edit(me.token, id, { detail: '东三环中路 9 号 门诊楼 5 层' });
    expect(res.status).toBe(200);
    // Not sent, so not touched: still the default, same recipient and region.
    expect(res.body).toMatchObject({ detail: '东三环中路 9 号 门诊楼 5 层', isDefault: true, recipientName: '李静', district: '朝阳区' });
    expect((await edit(me.token, id, { ...XUHUI })).body).toMatchObject({ province: '上海市', city: '上海市', district: '徐汇区', detail: '东三环中路 9 号 门诊楼 5 层' });

    const message = '所选地区无效，请重新选择省、市、区';
    const partial = await edit(me.token, id, { provinceCode: '440000' });
    expect(partial.status).toBe(422);
    expect(partial.body.errors).toContainEqual({ path: 'districtCode', message });
    const mixed = await edit(me.token, id, { provinceCode: '110000', cityCode: '310100', districtCode: '310104' });
    expect(mixed.body.errors).toEqual([{ path: 'districtCode', message }]);
    const created = await add(me.token, { provinceCode: '440000', cityCode: '440300', districtCode: '110105' });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([{ path: 'districtCode', message }]);
    expect((await add(me.token, { phone: '12345' })).body.errors).toEqual([{ path: 'phone', message: '请输入 11 位手机号' }]);
    expect((await edit(me.token, id, {})).status).toBe(422);
    expect(await list(me.token)).toHaveLength(1);
    expect((await list(me.token))[0]).toMatchObject({ district: '徐汇区' });
  });

  it('refuses a twenty-first address with a conflict in Chinese', async () => {
    const me = await person();
    for (let i = 0; i < 20; i++) expect((await add(me.token, { detail: `测试路 ${i + 1} 号` })).status).toBe(201);
    const res = await add(me.token, { detail: '测试路 21 号' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(res.body.detail).toBe('最多保存 20 个收货地址，请先删除不再使用的地址');
    expect(await list(me.token)).toHaveLength(20);
    // Deleting one makes room again.
    await remove(me.token, (await list(me.token))[5]!.id);
    expect((await add(me.token, { detail: '测试路 22 号' })).status).toBe(201);
  });
});

describe('deleting addresses', () => {
  it('deletes; when the default goes, the newest remaining one becomes default', async () => {
    const me = await person();
    const a = (await add(me.token, { detail: '第一个地址 1 号' })).body.id;
    const b = (await add(me.token, { detail: '第二个地址 2 号' })).body.id;
    const c = (await add(me.token, { detail: '第三个地址 3 号' })).body.id;
    expect(await order(me.token)).toEqual([
      [a, true],
      [c, false],
      [b, false],
    ]);
    const res = await remove(me.token, a);
    expect(res.status).toBe(204);
    expect(await order(me.token)).toEqual([
      [c, true],
      [b, false],
    ]);
    expect((await remove(me.token, b)).status).toBe(204);
    expect(await order(me.token)).toEqual([[c, true]]);
    expect((await remove(me.token, b)).status).toBe(404);
    expect((await remove(me.token, c)).status).toBe(204);
    expect(await list(me.token)).toEqual([]);
    // With none left, the next one is the default again.
    expect((await add(me.token)).body.isDefault).toBe(true);
  });
});

describe('whose addresses', () => {
  it('shows, edits and deletes only one’s own: another person’s address is 404 and stays as it was', async () => {
    const owner = await person();
    const other = await person();
    const id = (await add(owner.token)).body.id;
    expect(await list(other.token)).toEqual([]);
    expect((await edit(other.token, id, { detail: '被别人改掉的地址' })).status).toBe(404);
    expect((await edit(other.token, id, { isDefault: true })).status).toBe(404);
    expect((await remove(other.token, id)).status).toBe(404);
    expect((await edit(owner.token, newId(), { detail: '不存在的地址 1 号' })).status).toBe(404);
    expect(await list(owner.token)).toEqual([expect.objectContaining({ id, detail: ADDRESS.detail, isDefault: true })]);
    // Someone else's new default does not touch the owner's.
    await add(other.token, { isDefault: true });
    expect((await list(owner.token))[0]).toMatchObject({ id, isDefault: true });
  });

  it('lets staff keep addresses; engineers, dealers and unapproved users get 403; no session 401', async () => {
    const advanced = (await login(server, '13800000005')).token;
    expect((await add(advanced)).status).toBe(201);
    const pending = (await login(server)).token;
    for (const phone of ['13800000002', '13800000003']) {
      const token = (await login(server, phone)).token;
      for (const t of [token, pending]) {
        expect((await call(server, 'GET', '/addresses', { token: t })).status).toBe(403);
        expect((await add(t)).status).toBe(403);
        expect((await edit(t, newId(), { detail: '没有权限的地址' })).status).toBe(403);
        expect((await remove(t, newId())).status).toBe(403);
      }
    }
    expect((await call(server, 'GET', '/addresses')).status).toBe(401);
  });
});

describe('storage', () => {
  it('keeps no name, phone, street or region of an address readable in the table (nor in the idempotency record)', async () => {
    const me = await person();
    const secret = { recipientName: '欧阳明月', phone: '13987654321', detail: '建国门外大街 77 号 机密楼 3 层', ...NANSHAN };
    const created = await call(server, 'POST', '/addresses', { token: me.token, body: { ...ADDRESS, ...secret }, headers: { 'idempotency-key': `secret-${newId()}` } });
    const id = created.body.id;
    await edit(me.token, id, { detail: '建国门外大街 77 号 机密楼 4 层' });
    const [row] = await rows(server.running.orm, 'select * from address where id = ?', [id]);
    expect(row).toBeDefined();
    const replays = await rows(server.running.orm, "select * from idempotency_record where route = 'POST /addresses'");
    expect(replays.length).toBeGreaterThan(0);
    const stored = JSON.stringify([row, replays]);
    for (const plain of ['欧阳明月', '13987654321', '87654321', '建国门外大街', '机密楼', '440305', '南山区']) {
      expect(stored).not.toContain(plain);
    }
    // …yet its owner reads it back whole.
    expect((await list(me.token))[0]).toMatchObject({ recipientName: '欧阳明月', phone: '13987654321', detail: '建国门外大街 77 号 机密楼 4 层', district: '南山区' });
  });
});
