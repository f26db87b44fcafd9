import { call, login } from '../../support/api';
import { startDashboardWorld, type DashboardWorld } from '../../support/dashboard-seed';

/**
 * `GET /fleet` on the dataset of test/support/dashboard-seed.ts: the advanced
 * user 周主任 manages 消化内科 (D1) and 内镜中心 (D2) of H1, not 呼吸内科 (D3).
 * Today is 2026-03-20 (Shanghai); the window is 2025-03-21 … 2026-03-20;
 * coverage ending by 2026-05-19 (60 days) is expiring.
 */
let w: DashboardWorld;
let advanced: string;
let admin: string;

beforeAll(async () => {
  w = await startDashboardWorld();
  advanced = (await login(w.server, '13900000031')).token;
  // Signed in once each: the clock stands still, so a second SMS code to the same phone would wait out the cooldown.
  admin = (await login(w.server, '13900000001')).token;
});
afterAll(() => w.server.close());

const fleet = (query = '', token = advanced) => call(w.server, 'GET', `/fleet${query}`, { token });

const unit = (key: keyof DashboardWorld['units'], dept: 'D1' | 'D2', figures: { repairCount: number; daysOutOfService: number; openTickets: number; coveredUntil: string | null; coverage: string }) => ({
  id: w.units[key].id,
  serial: w.units[key].serial,
  model: 'GIF-H290 电子胃镜',
  category: 'gastroscope',
  department: w.departments[dept],
  ...figures,
});

// U1 (D1): T1 03-02 (1 day) + T2 03-05 23:30 → 03-07 (3) + T10 02-10 → 02-12 (3) + T16 2025-03-20 → 03-22, of which 03-21 and 03-22
// are inside the window (2) = 9 days. Repairs reported in the window: T1, T2, T10 = 3 (T16 came the day before it, T17 was cancelled).
const U1 = () => unit('U1', 'D1', { repairCount: 3, daysOutOfService: 9, openTickets: 0, coveredUntil: '2026-04-30', coverage: 'expiring' });
// U2 (D2): T3 03-01 → 03-09 (9 days) + T8 03-12 → still open today 03-20 (9); T15 03-13 → open lies inside T8's days (0) = 18.
// Open: T8 (on hold), T15 (accepted). Coverage ended yesterday.
const U2 = () => unit('U2', 'D2', { repairCount: 3, daysOutOfService: 18, openTickets: 2, coveredUntil: '2026-03-19', coverage: 'expired' });
// U3 (D1): T7 submitted 03-08, open: 03-08 … 03-20 = 13 days. Covered until 05-20, one day past the 60.
const U3 = () => unit('U3', 'D1', { repairCount: 1, daysOutOfService: 13, openTickets: 1, coveredUntil: '2026-05-20', coverage: 'covered' });
// U4 (D1): no tickets, no known coverage.
const U4 = () => unit('U4', 'D1', { repairCount: 0, daysOutOfService: 0, openTickets: 0, coveredUntil: null, coverage: 'unknown' });
// U6 (D2): T18 2025-12-01 → 12-05 and T19 12-04 → 12-08 overlap: 12-01 … 12-08 = 8 days, not 5 + 5. Coverage ends on day 60 exactly.
const U6 = () => unit('U6', 'D2', { repairCount: 2, daysOutOfService: 8, openTickets: 0, coveredUntil: '2026-05-19', coverage: 'expiring' });

const sortedDepartments = (list: { id: string; name: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('GET /fleet', () => {
  it('shows an advanced user every unit of the departments they manage, worst first', async () => {
    const res = await fleet();
    expect(res.status).toBe(200);
    expect(sortedDepartments(res.body.departments)).toEqual(sortedDepartments([w.departments.D1, w.departments.D2]));
    // Days out: U2 18, U3 13, U1 9, U6 8, U4 0. U5 belongs to 呼吸内科, which they do not manage.
    expect(res.body.units).toEqual([U2(), U3(), U1(), U6(), U4()]);
    expect(res.body.totals).toEqual({
      units: 5,
      openTickets: 3, // 0 + 2 + 1 + 0 + 0
      repairs: 9, // 3 + 3 + 1 + 0 + 2
      daysOutOfService: 48, // 9 + 18 + 13 + 0 + 8
      coverageEndingSoon: 2, // U1 (04-30), U6 (05-19)
    });
  });

  it('sorts by repairs, by coverage end and by serial', async () => {
    const ids = async (sort: string) => (await fleet(`?sort=${sort}`)).body.units.map((u: { serial: string }) => u.serial);
    // Repairs: U1 3 and U2 3 tie → more days out first (U2 18 before U1 9); then U6 2, U3 1, U4 0.
    expect(await ids('repairs')).toEqual(['SN-B002', 'SN-A001', 'SN-B006', 'SN-A003', 'SN-A004']);
    // Coverage: the soonest end first, unknown last.
    expect(await ids('coveredUntil')).toEqual(['SN-B002', 'SN-A001', 'SN-B006', 'SN-A003', 'SN-A004']);
    expect(await ids('serial')).toEqual(['SN-A001', 'SN-A003', 'SN-A004', 'SN-B002', 'SN-B006']);
    expect(await ids('outOfService')).toEqual(['SN-B002', 'SN-A003', 'SN-A001', 'SN-B006', 'SN-A004']);
    expect((await fleet('?sort=newest')).status).toBe(422);
  });

  it('narrows to one managed department; another department is 404', async () => {
    const d2 = await fleet(`?departmentId=${w.departments.D2.id}`);
    expect(d2.status).toBe(200);
    expect(d2.body.units).toEqual([U2(), U6()]);
    expect(d2.body.totals).toEqual({ units: 2, openTickets: 2, repairs: 5, daysOutOfService: 26, coverageEndingSoon: 1 });
    // The picker still lists both departments.
    expect(d2.body.departments).toHaveLength(2);

    // 呼吸内科 of the same hospital, not managed; a department that does not exist; a department of another hospital.
    for (const id of [w.departments.D3.id, '01890000-0000-7000-8000-000000000000', w.departments.D5.id]) {
      const res = await fleet(`?departmentId=${id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await fleet('?departmentId=not-a-uuid')).status).toBe(422);
  });

  it('answers 403 to general staff, engineers and admins', async () => {
    const staff = (await login(w.server, '13900000021')).token;
    const engineer = (await login(w.server, '13900000011')).token;
    for (const token of [staff, engineer, admin]) {
      const res = await fleet('', token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('answers 403 on the very next request once advanced access is revoked', async () => {
    expect((await fleet()).status).toBe(200);
    const revoked = await call(w.server, 'POST', `/admin/users/${w.users.advanced.id}/revoke-advanced`, { token: admin, body: { reason: '岗位调整' } });
    expect(revoked.status).toBe(204);
    const after = await fleet();
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('FORBIDDEN');
  });
});
