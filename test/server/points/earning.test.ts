import pino from 'pino';
import type { AppDeps } from '../../../server/src/app-deps';
import { earn } from '../../../server/src/modules/points/points-earning';
import { DEFAULT_EARNING_RULES } from '../../../server/src/modules/points/points-rules';
import { approvedStaff, call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/** Earning hooks with the default rules: approval, rating and first reads each earn once. */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

let server: TestServer;
let admin: string;
let engineer: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' } });
  admin = (await login(server, '13800000001')).token;
  engineer = (await login(server, '13800000002')).token;
});
afterAll(() => server.close());

const entries = (userId: string) =>
  rows<{ reason: string; delta: number; balance_after: number; reference: string; idempotency_key: string }>(
    server.running.orm,
    'select reason, delta, balance_after, reference, idempotency_key from points_entry where user_id = ? order by id',
    [userId],
  );

describe('earning points', () => {
  it('earns once on approval: a second approval is refused and a retried hook posts nothing', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    expect((await entries(staff.id)).map((e) => [e.reason, Number(e.delta), Number(e.balance_after), e.reference])).toEqual([
      ['registration_approved', 100, 100, `user:${staff.id}`],
    ]);
    expect((await call(server, 'POST', `/admin/registrations/${staff.id}/approve`, { token: admin })).status).toBe(409);

    // The same event delivered again (a retry of the hook) earns nothing more.
    const deps = { env: { POINTS_RULES: DEFAULT_EARNING_RULES }, logger: pino({ level: 'silent' }) } as unknown as AppDeps;
    const again = await server.running.orm.em.fork().transactional((tx) =>
      earn(deps, tx, new Date(), { user: { id: staff.id, role: 'staff' }, reason: 'registration_approved', reference: `user:${staff.id}`, idempotencyKey: `registration_approved:${staff.id}` }),
    );
    expect(again?.created).toBe(false);
    expect(await entries(staff.id)).toHaveLength(1);

    const summary = await call(server, 'GET', '/points', { token: staff.token });
    expect(summary.body).toMatchObject({ balance: 100, earnedThisYear: 100, caps: { yearlyValueCapYuan: 500 } });
    expect(summary.body.caps.rules).toEqual(expect.arrayContaining([{ reason: 'ticket_rated', points: 20, perDay: 3, perYear: 50 }]));
  });

  it('earns once for rating a repair', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    const t = await insertTicket(server.running.orm, { reporterId: staff.id, hospitalName: BJ, departmentName: ENDO, status: 'resolved', assignedEngineerPhone: '13800000002' });
    expect((await call(server, 'POST', `/tickets/${t.id}/rating`, { token: staff.token, body: { score: 5 } })).status).toBe(200);
    expect((await call(server, 'POST', `/tickets/${t.id}/rating`, { token: staff.token, body: { score: 5 } })).status).toBe(409);
    const rated = (await entries(staff.id)).filter((e) => e.reason === 'ticket_rated');
    expect(rated.map((e) => [Number(e.delta), Number(e.balance_after), e.reference, e.idempotency_key])).toEqual([[20, 120, `ticket:${t.id}`, `ticket_rated:${t.id}`]]);
  });

  it('earns for the first read of each category in a year, not for a second document of it, and only staff earn', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    const docs = (await call(server, 'GET', '/documents?limit=50', { token: staff.token })).body.items as { id: string; category: string }[];
    const ofCategory = (category: string) => docs.filter((d) => d.category === category);
    const [a1, a2] = ofCategory('reprocessing');
    const [b1] = ofCategory('safe_use');
    for (const doc of [a1!, a1!, a2!, b1!]) expect((await call(server, 'GET', `/documents/${doc.id}`, { token: staff.token })).status).toBe(200);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const read = (await entries(staff.id)).filter((e) => e.reason === 'document_first_read');
    expect(read.map((e) => [Number(e.delta), e.reference, e.idempotency_key])).toEqual([
      [5, `document:${a1!.id}`, `document_first_read:${staff.id}:reprocessing:${year}`],
      [5, `document:${b1!.id}`, `document_first_read:${staff.id}:safe_use:${year}`],
    ]);

    const engineerId = (await call(server, 'GET', '/me', { token: engineer })).body.id;
    expect((await call(server, 'GET', `/documents/${a1!.id}`, { token: engineer })).status).toBe(200);
    expect(await entries(engineerId)).toEqual([]);
  });
});
