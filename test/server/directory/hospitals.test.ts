import { call, login } from '../../support/api';
import { startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true' } });
  // Finding hospitals near me uses location, a separate consent.
  token = (await login(server, undefined, { consent: ['service', 'location'] })).token;
});
afterAll(() => server.close());

describe('hospital directory for registration', () => {
  it('finds hospitals by name', async () => {
    const res = await call(server, 'GET', '/hospitals?q=杭州', { token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ name: '杭州西湖医院', province: '浙江省', city: '杭州市' })]);
    expect(res.body.items[0].distanceKm).toBeUndefined();
  });

  it('orders by distance from where the person is, and never logs the location', async () => {
    const nearShanghai = await call(server, 'GET', '/hospitals?near=31.2304,121.4737&limit=3', { token });
    expect(nearShanghai.body.items[0].name).toBe('上海浦江医院');
    expect(nearShanghai.body.items[0].distanceKm).toBeLessThan(5);
    expect(nearShanghai.body.items[1].name).toBe('杭州西湖医院');
    const distances = nearShanghai.body.items.map((h: { distanceKm: number }) => h.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const nearChengdu = await call(server, 'GET', '/hospitals?near=30.5728,104.0668&limit=1', { token });
    expect(nearChengdu.body.items[0].name).toBe('成都锦江医院');
    expect(JSON.stringify(server.logs)).not.toContain('121.4737');
  });

  it('lists a hospital’s departments, and 404s an unknown hospital', async () => {
    const [h] = (await call(server, 'GET', '/hospitals?q=北京', { token })).body.items;
    const depts = await call(server, 'GET', `/hospitals/${h.id}/departments`, { token });
    expect(depts.body.items.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['消化内科', '消化内镜中心']));
    expect((await call(server, 'GET', '/hospitals/01900000-0000-7000-8000-000000000000/departments', { token })).status).toBe(404);
  });

  it('refuses a malformed location and needs a session', async () => {
    const bad = await call(server, 'GET', '/hospitals?near=shanghai', { token });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.near' })]);
    expect((await call(server, 'GET', '/hospitals?q=北京')).status).toBe(401);
  });
});
