import { post } from '../../../server/src/modules/points/points-ledger';
import { approvedStaff, call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/** The ledger itself: adjustments, access, never negative under concurrency, exactly-once keys, reconciliation. */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

let server: TestServer;
let admin: string;
let adminId: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' } });
  admin = (await login(server, '13800000001')).token;
  adminId = (await call(server, 'GET', '/me', { token: admin })).body.id;
});
afterAll(() => server.close());

const adjust = (body: Record<string, unknown>, token = admin) => call(server, 'POST', '/admin/points/adjustments', { token, body });
const balance = async (userId: string) =>
  Number((await rows<{ balance: number }>(server.running.orm, 'select balance from points_account where user_id = ?', [userId]))[0]?.balance ?? 0);
const reconcile = () => call(server, 'GET', '/admin/points/reconciliation', { token: admin });

describe('admin adjustments', () => {
  it('needs a reason, refuses to go below zero, and records the admin and an audit row', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO); // 100 from approval
    expect((await adjust({ userId: staff.id, delta: 10 })).status).toBe(422);
    const short = await adjust({ userId: staff.id, delta: 10, reason: '补发' });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([{ path: 'reason', message: '请填写调整原因（至少 4 个字）' }]);
    expect((await adjust({ userId: staff.id, delta: 0, reason: '活动奖励补发' })).status).toBe(422);

    const over = await adjust({ userId: staff.id, delta: -101, reason: '误发积分扣回' });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('INSUFFICIENT_POINTS');
    expect(await balance(staff.id)).toBe(100);
    expect(await rows(server.running.orm, "select id from points_entry where user_id = ? and reason = 'admin_adjustment'", [staff.id])).toEqual([]);

    const ok = await adjust({ userId: staff.id, delta: -30, reason: '误发积分扣回' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ balance: 70, entry: { delta: -30, balanceAfter: 70, reason: 'admin_adjustment', note: '误发积分扣回' } });
    const [entry] = await rows<{ actor_id: string }>(server.running.orm, 'select actor_id from points_entry where id = ?', [ok.body.entry.id]);
    expect(entry!.actor_id).toBe(adminId);
    const audit = await rows<{ actor_id: string; reason: string }>(server.running.orm, "select actor_id, reason from audit_event where action = 'points.adjust' and subject_user_id = ?", [staff.id]);
    expect(audit).toEqual([{ actor_id: adminId, reason: '误发积分扣回' }]);

    const engineerId = (await call(server, 'GET', '/me', { token: (await login(server, '13800000002')).token })).body.id;
    expect((await adjust({ userId: engineerId, delta: 10, reason: '活动奖励补发' })).status).toBe(422);
    expect((await reconcile()).body).toMatchObject({ ok: true, mismatches: [] });
  });
});

describe('who sees points', () => {
  it('shows staff their own ledger only, newest first in pages; engineers and dealers get 403; staff cannot adjust', async () => {
    const me = await approvedStaff(server, admin, BJ, ENDO);
    const other = await approvedStaff(server, admin, BJ, ENDO, '李娜');
    await adjust({ userId: me.id, delta: 5, reason: '活动奖励补发' });
    await adjust({ userId: other.id, delta: 7, reason: '活动奖励补发' });
    const first = await call(server, 'GET', '/points/ledger?limit=1', { token: me.token });
    expect(first.status).toBe(200);
    expect(first.body.items).toMatchObject([{ delta: 5, balanceAfter: 105, reason: 'admin_adjustment' }]);
    const second = await call(server, 'GET', `/points/ledger?limit=1&cursor=${first.body.nextCursor}`, { token: me.token });
    expect(second.body).toMatchObject({ items: [{ delta: 100, balanceAfter: 100, reason: 'registration_approved' }], nextCursor: null });
    expect((await call(server, 'GET', '/points', { token: me.token })).body.balance).toBe(105);

    for (const phone of ['13800000002', '13800000003']) {
      const token = (await login(server, phone)).token;
      expect((await call(server, 'GET', '/points', { token })).status).toBe(403);
      expect((await call(server, 'GET', '/points/ledger', { token })).status).toBe(403);
    }
    expect((await adjust({ userId: me.id, delta: 5, reason: '活动奖励补发' }, me.token)).status).toBe(403);
    expect((await call(server, 'GET', '/admin/points/reconciliation', { token: me.token })).status).toBe(403);
  });
});

describe('under concurrency', () => {
  it('lets exactly 20 of 50 simultaneous −10 adjustments through a balance of 200, never below zero', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    expect((await adjust({ userId: staff.id, delta: 100, reason: '活动奖励补发' })).status).toBe(201);
    expect(await balance(staff.id)).toBe(200);
    const results = await Promise.all(Array.from({ length: 50 }, () => adjust({ userId: staff.id, delta: -10, reason: '批量扣减测试' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'INSUFFICIENT_POINTS')).toHaveLength(30);
    expect(await balance(staff.id)).toBe(0);
    // In seq order (the order the balance moved) every entry follows from the one before and none goes below zero.
    const after = await rows<{ seq: number; delta: number; balance_after: number }>(
      server.running.orm,
      'select seq, delta, balance_after from points_entry where user_id = ? order by seq',
      [staff.id],
    );
    expect(after.map((e) => Number(e.seq))).toEqual(after.map((_, i) => i + 1));
    after.reduce((prev, e) => {
      expect(Number(e.balance_after)).toBe(prev + Number(e.delta));
      expect(Number(e.balance_after)).toBeGreaterThanOrEqual(0);
      return Number(e.balance_after);
    }, 0);
    expect(Number(after.at(-1)!.balance_after)).toBe(0);
    expect((await reconcile()).body).toMatchObject({ ok: true, mismatches: [] });
  });

  it('posts one entry for 30 simultaneous postings with one idempotency key', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    const key = `test:once:${staff.id}`;
    const postings = await Promise.all(
      Array.from({ length: 30 }, () =>
        server.running.orm.em.fork().transactional((tx) => post(tx, new Date(), { userId: staff.id, delta: 7, reason: 'admin_adjustment', reference: null, idempotencyKey: key, actorId: adminId, note: 'test' })),
      ),
    );
    expect(postings.filter((p) => p.created)).toHaveLength(1);
    expect(new Set(postings.map((p) => p.entry.id)).size).toBe(1);
    expect(await rows(server.running.orm, 'select id from points_entry where idempotency_key = ?', [key])).toHaveLength(1);
    expect(await balance(staff.id)).toBe(107);
    expect((await reconcile()).body).toMatchObject({ ok: true, mismatches: [] });
  });

  it('reports a balance changed behind the ledger as a mismatch', async () => {
    const staff = await approvedStaff(server, admin, BJ, ENDO);
    // The database itself refuses a negative balance, whatever the code does.
    // (Compared by message: the driver's error class may come from another realm than jest's Error.)
    const refused = await rows(server.running.orm, 'update points_account set balance = -1 where user_id = ?', [staff.id]).then(
      () => 'accepted',
      (err: unknown) => String((err as { message?: unknown }).message),
    );
    expect(refused).toMatch(/points_account_balance_check|CHECK constraint/i);
    await rows(server.running.orm, 'update points_account set balance = balance + 5 where user_id = ?', [staff.id]);
    const report = await reconcile();
    expect(report.status).toBe(200);
    expect(report.body.ok).toBe(false);
    expect(report.body.checkedUsers).toBeGreaterThan(1);
    expect(report.body.mismatches).toEqual([{ userId: staff.id, balance: 105, entriesSum: 100, latestBalanceAfter: 100 }]);
  });
});
