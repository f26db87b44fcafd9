import type { RequestQueries } from '../../../server/src/http/query-probe';
import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { givePoints, insertAddress, insertGift } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';
import { insertNotifications } from './perf-fixtures';

/**
 * No N+1 on the hot paths (issue 10): the server's own SQL, counted per
 * request through the test-only query probe (createApp's `onQueries`), is an
 * exact small constant for each path, and the same for 1 row as for 20, for
 * a first page as for a later one. A change that adds a statement to a hot
 * path fails here and has to say why in the table below.
 *
 * Every authenticated request starts with ONE statement: session ⋈ user ⋈
 * managed departments, with the re-consent check as a subquery (decision 014).
 */
const EXPECTED = {
  // auth + the list (names joined in). Dealers add the provision records of what they were shown:
  // BEGIN, the access-log rows, the provision rows, COMMIT — one multi-row insert each, whatever the page size.
  list: { staff: 2, advanced: 2, engineer: 2, admin: 2, dealer: 6 },
  // For [a queued, delegated ticket, an assigned one]: auth + row + SLA events + report & rating + delegations
  // + media. Seeing someone else's phone in full is logged (BEGIN, insert, COMMIT: admins, the assigned
  // engineer); the dealer's minimal view skips the parts and records the provision instead; a ticket the
  // dealer may not see is auth + row, then 404.
  detail: { staff: [6, 6], advanced: [6, 6], engineer: [6, 9], admin: [9, 9], dealer: [6, 2] },
  // auth, plus one UNION ALL of hospital, department and managed departments for hospital staff.
  me: { staff: 2, advanced: 2, engineer: 1, admin: 1, dealer: 1 },
  // auth + page with the unread count.
  notifications: 2,
  // auth, department, BEGIN, idempotency record, day counter, ticket, event, idempotency answer, COMMIT, the new row as listed.
  createTicket: 10,
  // auth, then the redemption transaction (account lock, gift, caps, address, ledger posting, stock move, order) and the order read.
  redeem: 24,
} as const;

const ROLES = ['staff', 'advanced', 'engineer', 'admin', 'dealer'] as const;
type Role = (typeof ROLES)[number];

let server: TestServer;
const seen: RequestQueries[] = [];
const token = {} as Record<Role, string>;
let staffId: string;

async function statements(method: string, path: string, t: string, body?: unknown, headers?: Record<string, string>) {
  seen.length = 0;
  const res = await call(server, method, path, { token: t, body, headers });
  const report = seen.find((r) => r.method === method && r.path === `/api/v1${path.split('?')[0]}`);
  if (!report) throw new Error(`no query report for ${method} ${path}`);
  return { status: res.status, body: res.body, count: report.statements.length, sql: report.statements };
}

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' }, app: { onQueries: (r) => seen.push(r) } });
  token.admin = (await login(server, '13800000001')).token;
  token.engineer = (await login(server, '13800000002')).token;
  token.dealer = (await login(server, '13800000003')).token;
  token.staff = (await login(server, '13800000004', { consent: ['service', 'fault_media', 'dealer_sharing'] })).token;
  token.advanced = (await login(server, '13800000005')).token;
  staffId = (await call(server, 'GET', '/me', { token: token.staff })).body.id;
  // 25 tickets of every kind each actor can see: 李静's own (every other one assigned, every third delegated),
  // 陈建华's in the department he manages, and the queue.
  for (let i = 0; i < 25; i++) {
    await insertTicket(server.running.orm, {
      reporterPhone: '13800000004',
      hospitalName: '北京东华医院',
      departmentName: '消化内镜中心',
      status: i % 2 ? 'accepted' : 'submitted',
      assignedEngineerPhone: i % 2 ? '13800000002' : undefined,
      delegatedTo: i % 3 === 0 ? { dealerName: '华东医疗器械技术服务有限公司', purpose: 'onsite_check' } : undefined,
    });
    await insertTicket(server.running.orm, { reporterPhone: '13800000005', hospitalName: '北京东华医院', departmentName: '消化内镜中心', status: 'submitted' });
  }
  await insertNotifications(server, staffId, 25);
});
afterAll(() => server.close());

describe('GET /tickets', () => {
  it.each(ROLES)('runs the same statements for %s with 1 row and with 20, on a first page and a later one', async (role) => {
    const one = await statements('GET', '/tickets?limit=1', token[role]);
    const twenty = await statements('GET', '/tickets?limit=20', token[role]);
    const later = await statements('GET', `/tickets?limit=5&cursor=${one.body.nextCursor}`, token[role]);
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
    // The dealer sees only the delegated third of 李静's tickets (and the demo's one).
    expect(twenty.body.items.length).toBeGreaterThanOrEqual(role === 'dealer' ? 9 : 20);
    expect(later.body.items).toHaveLength(5);
    expect([one.count, twenty.count, later.count]).toEqual([EXPECTED.list[role], EXPECTED.list[role], EXPECTED.list[role]]);
  });

  it('reads the session once and never the user as an entity', async () => {
    const { sql } = await statements('GET', '/tickets?limit=20', token.advanced);
    expect(sql.filter((s) => /user_session/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /from `?app_user`? as `?u0`?/.test(s))).toHaveLength(0);
  });
});

describe('GET /tickets/:id', () => {
  it.each(ROLES)('runs a fixed number of statements for %s, whatever the ticket carries', async (role) => {
    const list = (await call(server, 'GET', '/tickets?limit=20', { token: token.staff })).body.items as { id: string; status: string }[];
    // The newest is queued and delegated; the one before it assigned to the engineer (accepted, with another timeline).
    expect(list.slice(0, 2).map((t) => t.status)).toEqual(['submitted', 'accepted']);
    const counts = [];
    for (const t of list.slice(0, 2)) counts.push((await statements('GET', `/tickets/${t.id}`, token[role])).count);
    expect(counts).toEqual(EXPECTED.detail[role]);
  });
});

describe('the other hot paths', () => {
  it.each(ROLES)('GET /me for %s', async (role) => {
    const r = await statements('GET', '/me', token[role]);
    expect(r.status).toBe(200);
    expect(r.count).toBe(EXPECTED.me[role]);
  });

  it('GET /notifications: the same for 1 row and 20, and for a later page', async () => {
    const one = await statements('GET', '/notifications?limit=1', token.staff);
    const twenty = await statements('GET', '/notifications?limit=20', token.staff);
    const later = await statements('GET', `/notifications?limit=20&cursor=${twenty.body.nextCursor}`, token.staff);
    expect(one.body).toMatchObject({ unread: 13 });
    expect(one.body.items).toHaveLength(1);
    expect(twenty.body.items).toHaveLength(20);
    expect(later.body).toMatchObject({ nextCursor: null, unread: 13 });
    expect(later.body.items).toHaveLength(5);
    expect([one.count, twenty.count, later.count]).toEqual([EXPECTED.notifications, EXPECTED.notifications, EXPECTED.notifications]);
  });

  it('POST /tickets', async () => {
    const [dept] = await rows<{ id: string }>(
      server.running.orm,
      "select d.id from department d join hospital h on h.id = d.hospital_id where h.name = '北京东华医院' and d.name = '消化内镜中心'",
    );
    const body = { departmentId: dept!.id, model: 'QV-G290 电子胃镜', serial: 'SN-1', description: '胃镜图像出现黑点，白平衡后仍存在。', contactName: '李静', contactPhone: '13800000004', contactConsent: false };
    const r = await statements('POST', '/tickets', token.staff, body, { 'idempotency-key': 'perf-ticket-1' });
    expect(r.status).toBe(201);
    expect(r.count).toBe(EXPECTED.createTicket);
  });

  it('POST /redemptions, for one unit and for three', async () => {
    const gift = await insertGift(server, { pointsPrice: 10, valueYuan: 5 });
    const addressId = await insertAddress(server, staffId);
    await givePoints(server, token.admin, staffId, 100);
    const one = await statements('POST', '/redemptions', token.staff, { giftId: gift.id, quantity: 1, addressId }, { 'idempotency-key': 'perf-redeem-1' });
    const three = await statements('POST', '/redemptions', token.staff, { giftId: gift.id, quantity: 3, addressId }, { 'idempotency-key': 'perf-redeem-3' });
    expect([one.status, three.status]).toEqual([201, 201]);
    expect([one.count, three.count]).toEqual([EXPECTED.redeem, EXPECTED.redeem]);
  });
});
