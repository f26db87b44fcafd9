import { approvedStaff, call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/** Caps count earnings per person in Asia/Shanghai days and years; past a cap the event happens but earns nothing. */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const clock = new TestClock();
const setShanghai = (iso: string) => clock.advance(new Date(`${iso}+08:00`).getTime() - clock.now().getTime());

let server: TestServer;
afterAll(() => server?.close());

it('skips a rating earning past the per-day cap and past the per-year cap, and starts again in a new day and year', async () => {
  setShanghai('2026-12-30T23:58:00');
  server = await startTestServer({
    clock,
    env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', POINTS_RULES: JSON.stringify({ ticket_rated: { points: 20, perDay: 2, perYear: 3 } }) },
  });
  const admin = (await login(server, '13800000001')).token;
  const staff = await approvedStaff(server, admin, BJ, ENDO);
  const rate = async () => {
    const t = await insertTicket(server.running.orm, { reporterId: staff.id, hospitalName: BJ, departmentName: ENDO, status: 'resolved', assignedEngineerPhone: '13800000002' });
    const res = await call(server, 'POST', `/tickets/${t.id}/rating`, { token: staff.token, body: { score: 5 } });
    // A capped earning is not an error: the rating still closes the ticket.
    expect(res.body.status).toBe('closed');
  };
  const earned = async () =>
    Number((await rows<{ n: number }>(server.running.orm, "select count(*) as n from points_entry where user_id = ? and reason = 'ticket_rated'", [staff.id]))[0]!.n);

  setShanghai('2026-12-30T23:59:00');
  await rate();
  await rate();
  expect(await earned()).toBe(2);
  await rate(); // third today: the day cap
  expect(await earned()).toBe(2);
  expect(server.logs.some((l) => l.msg === 'points earning skipped: cap reached')).toBe(true);

  setShanghai('2026-12-31T00:00:30'); // a new Shanghai day (still 2026-12-30 in UTC)
  await rate();
  expect(await earned()).toBe(3);
  await rate(); // fourth this year: the year cap, though only the second today
  expect(await earned()).toBe(3);

  setShanghai('2027-01-01T00:00:30'); // a new Shanghai year
  await rate();
  expect(await earned()).toBe(4);
  const summary = await call(server, 'GET', '/points', { token: staff.token });
  expect(summary.body).toMatchObject({ balance: 100 + 4 * 20, earnedThisYear: 20 });
  expect(summary.body.caps.rules).toEqual(expect.arrayContaining([{ reason: 'ticket_rated', points: 20, perDay: 2, perYear: 3 }]));
});

it('lets simultaneous earnings of one person pass a cap only as often as it allows', async () => {
  const admin = (await login(server, '13800000001')).token;
  const staff = await approvedStaff(server, admin, BJ, ENDO);
  const tickets = await Promise.all(
    Array.from({ length: 6 }, () => insertTicket(server.running.orm, { reporterId: staff.id, hospitalName: BJ, departmentName: ENDO, status: 'resolved', assignedEngineerPhone: '13800000002' })),
  );
  const results = await Promise.all(tickets.map((t) => call(server, 'POST', `/tickets/${t.id}/rating`, { token: staff.token, body: { score: 4 } })));
  expect(results.map((r) => r.body.status)).toEqual(Array(6).fill('closed'));
  const [row] = await rows<{ n: number }>(server.running.orm, "select count(*) as n from points_entry where user_id = ? and reason = 'ticket_rated'", [staff.id]);
  // The day cap is 2: six ratings at once earn twice, not six times.
  expect(Number(row!.n)).toBe(2);
});
