import path from 'node:path';
import sharp from 'sharp';
import { seedDemoData } from '../../../server/src/db/seed/demo.seed';
import { createLocalStorage } from '../../../server/src/integrations/storage/local.storage';
import { UserPii } from '../../../server/src/modules/users/user.pii';
import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The demo catalog looks like a real one: modest gifts with a picture each,
 * one sold out, and the starting stock recorded as stock changes by the
 * demo admin. Seeded here with the server's own storage, as `main` does.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const { orm, cipher } = server.running;
  const seeded = await seedDemoData(orm, new UserPii(cipher), cipher, createLocalStorage(path.join(server.dataDir, 'storage')));
  expect(seeded).toMatchObject({ gifts: 6, accounts: 5 });
});
afterAll(() => server.close());

describe('demo gifts', () => {
  it('shows staff six pictured gifts within the price and value range, the sold-out one last', async () => {
    const staff = (await login(server, '13800000004')).token;
    const items = (await call(server, 'GET', '/gifts', { token: staff })).body.items as {
      name: string;
      pointsPrice: number;
      valueYuan: number;
      stock: number;
      available: boolean;
      images: { url: string }[];
    }[];
    expect(items).toHaveLength(6);
    expect(items.map((g) => g.name)).toContain('《消化内镜诊疗图谱》');
    for (const g of items) {
      expect(g.pointsPrice).toBeGreaterThanOrEqual(200);
      expect(g.pointsPrice).toBeLessThanOrEqual(1500);
      expect(g.valueYuan).toBeGreaterThanOrEqual(30);
      expect(g.valueYuan).toBeLessThanOrEqual(200);
      expect(g.images).toHaveLength(1);
      const res = await fetch(`${server.url}${g.images[0]!.url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 600, 600]);
    }
    expect(items.at(-1)).toMatchObject({ stock: 0, available: false });
    expect(items.slice(0, -1).every((g) => g.available)).toBe(true);
  });

  it('records each starting stock as an initial stock change by the demo admin', async () => {
    const admin = (await login(server, '13800000001')).token;
    const adminId = (await call(server, 'GET', '/me', { token: admin })).body.id;
    const gifts = (await call(server, 'GET', '/admin/gifts', { token: admin })).body.items as { id: string; stock: number }[];
    for (const g of gifts) {
      const changes = (await call(server, 'GET', `/admin/gifts/${g.id}/stock-changes`, { token: admin })).body.items;
      expect(changes).toEqual(g.stock > 0 ? [expect.objectContaining({ reason: 'initial', delta: g.stock, stockAfter: g.stock, actorId: adminId })] : []);
    }
  });

  it('does not seed the gifts twice', async () => {
    const { orm, cipher } = server.running;
    expect(await seedDemoData(orm, new UserPii(cipher), cipher, createLocalStorage(path.join(server.dataDir, 'storage')))).toBeNull();
    expect(await rows(orm, 'select id from gift')).toHaveLength(6);
    expect(await rows(orm, "select id from stored_file where purpose = 'gift_image'")).toHaveLength(6);
  });
});
