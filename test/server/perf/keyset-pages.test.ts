import { call, login } from '../../support/api';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * The ticket lists read one keyset scan per scope and merge them
 * (tickets.read.ts, decision 014). Walking a list page by page must give
 * exactly the one-page answer — newest first, nothing twice (a ticket of
 * one's own in a managed department is in two scans), nothing skipped where
 * one scan runs out before another, nothing outside the staff window.
 */
let server: TestServer;
const token = {} as Record<'advanced' | 'engineer' | 'dealer' | 'staff', string>;
const BJ = '北京东华医院';
const DAY = 24 * 3600_000;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  token.engineer = (await login(server, '13800000002')).token;
  token.dealer = (await login(server, '13800000003')).token;
  token.staff = (await login(server, '13800000004', { consent: ['service', 'dealer_sharing'] })).token;
  token.advanced = (await login(server, '13800000005')).token;
  const orm = server.running.orm;
  // 陈建华 (advanced) manages 消化内镜中心 and one more department of 北京东华医院; he reports in both and outside them.
  const departments = ['消化内镜中心', '消化内科', '普外科', '设备科'];
  for (let i = 0; i < 24; i++) {
    const departmentName = departments[i % departments.length]!;
    await insertTicket(orm, { reporterPhone: i % 3 ? '13800000004' : '13800000005', hospitalName: BJ, departmentName, description: `t${i}` });
    if (i % 4 === 0) await insertTicket(orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName, description: `old${i}`, createdAt: new Date(Date.now() - 400 * DAY) });
    if (i % 5 === 0) {
      await insertTicket(orm, {
        reporterPhone: '13800000004',
        hospitalName: BJ,
        departmentName,
        description: `queue-or-assigned${i}`,
        status: i % 2 ? 'accepted' : 'submitted',
        assignedEngineerPhone: i % 2 ? '13800000002' : undefined,
        delegatedTo: { dealerName: '华东医疗器械技术服务有限公司', purpose: i % 2 ? 'pickup' : 'onsite_check' },
      });
    }
  }
});
afterAll(() => server.close());

async function walk(t: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(server, 'GET', `/tickets?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: t });
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((x: { id: string }) => x.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

it.each(['advanced', 'engineer', 'dealer', 'staff'] as const)('pages through the %s list exactly as one page shows it', async (who) => {
  const all = (await call(server, 'GET', '/tickets?limit=100', { token: token[who] })).body.items as { id: string; description: string }[];
  expect(all.length).toBeGreaterThan(3);
  expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
  expect([...all.map((t) => t.id)].sort().reverse()).toEqual(all.map((t) => t.id));
  if (who === 'advanced' || who === 'staff') expect(all.some((t) => t.description.startsWith('old'))).toBe(false);
  for (const limit of [1, 2, 3, 7]) expect(await walk(token[who], limit)).toEqual(all.map((t) => t.id));
});
