import { call, login } from '../../support/api';
import { startDashboardWorld, type DashboardWorld } from '../../support/dashboard-seed';

/**
 * `GET /admin/dashboard` against the hand-made dataset of
 * test/support/dashboard-seed.ts ("now" = Friday 2026-03-20 10:00 Shanghai).
 * Every expected number is worked out by hand from that file and written
 * out literally, with the arithmetic beside it. Periods:
 *   A  2026-03-02 … 2026-03-15 (Mon … Sun, 14 days → by day)
 *   B  2026-03-05 … 2026-03-06 (2 days)
 *   P  A with province 11 (Beijing: H1, H2)
 *   W  2026-02-02 … 2026-03-15 (42 days → by ISO week, Mondays 02-02 … 03-09)
 */
let w: DashboardWorld;
let admin: string;

beforeAll(async () => {
  w = await startDashboardWorld();
  admin = (await login(w.server, '13900000001')).token;
});
afterAll(() => w.server.close());

const dashboard = (query: string, token = admin) => call(w.server, 'GET', `/admin/dashboard?${query}`, { token });

type Point = { accepted?: number; avgAcceptMinutes?: number; resolved?: number; avgResolveHours?: number };
/** Every bucket from `first`, `step` days apart, empty ones zero (and null averages), the given ones as written. */
function trend(first: string, count: number, step: number, given: Record<string, Point>) {
  return Array.from({ length: count }, (_, i) => {
    const bucket = new Date(Date.parse(`${first}T00:00:00Z`) + i * step * 86_400_000).toISOString().slice(0, 10);
    const p = given[bucket] ?? {};
    return { bucket, accepted: p.accepted ?? 0, avgAcceptMinutes: p.avgAcceptMinutes ?? null, resolved: p.resolved ?? 0, avgResolveHours: p.avgResolveHours ?? null };
  });
}
function pointsTrend(first: string, count: number, step: number, given: Record<string, { issued?: number; redeemed?: number }>) {
  return Array.from({ length: count }, (_, i) => {
    const bucket = new Date(Date.parse(`${first}T00:00:00Z`) + i * step * 86_400_000).toISOString().slice(0, 10);
    return { bucket, issued: given[bucket]?.issued ?? 0, redeemed: given[bucket]?.redeemed ?? 0 };
  });
}

const hospital = (key: keyof DashboardWorld['hospitals'], count: number) => ({ hospital: w.hospitals[key], count });
const engineer = (key: 'e1' | 'e2', open: number, resolved: number) => ({ engineer: w.users[key], open, resolved });
const comment = (ticket: string, score: number, text: string, hospitalKey: keyof DashboardWorld['hospitals'], at: string) => ({
  ticketNumber: w.tickets[ticket]!.number,
  score,
  comment: text,
  hospital: w.hospitals[hospitalKey].name,
  createdAt: new Date(`${at.replace(' ', 'T')}:00+08:00`).toISOString(),
});

/** The figures that do not depend on the period. */
const NOW_FIGURES = () => ({
  // Open now: submitted T7, T11, FO1…FO9 = 11; accepted T15; in progress T4; on hold T8. 14 in all.
  openByStatus: [
    { status: 'submitted', count: 11 },
    { status: 'accepted', count: 1 },
    { status: 'in_progress', count: 1 },
    { status: 'on_hold', count: 1 },
  ],
  // H1: T7, T8, T15 = 3; then eleven hospitals with 1 (H2 T4, H3 T11, F1…F9), ties in creation order.
  openByHospital: [hospital('H1', 3), hospital('H2', 1), hospital('H3', 1), hospital('F1', 1), hospital('F2', 1), hospital('F3', 1), hospital('F4', 1), hospital('F5', 1), hospital('F6', 1), hospital('F7', 1)],
  // 14 − (3 + 1 + 1 + 7) = 2: F8 and F9.
  openOthers: 2,
});
// Active, at most 5 in stock, window not over: 雨伞 0, 保温杯 3, 书签 4 (window ends 04-30), 笔记本 5.
// Not: 台灯 (6), 耳机 (switched off), 茶叶礼盒 (window ended 03-19).
const GIFT_ALERTS = () => [
  { gift: w.gifts.GB, stock: 0 },
  { gift: w.gifts.GA, stock: 3 },
  { gift: w.gifts.GG, stock: 4 },
  { gift: w.gifts.GC, stock: 5 },
];
// Open: PR1, PR2, PR3, PR5 (PR4 completed) = 4. Overdue (due before now): PR1 (03-19 10:00) = 1.
// Due soon (now ≤ due ≤ now + 3 days = 03-23 10:00): PR5 (03-20 10:00), PR2 (03-22 09:00), PR3 (03-23 10:00) = 3.
const PRIVACY = { open: 4, dueSoon: 3, overdue: 1 };

describe('GET /admin/dashboard', () => {
  it('A: the whole period, by day', async () => {
    const res = await dashboard('from=2026-03-02&to=2026-03-15');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2026-03-02', to: '2026-03-15', bucket: 'day', province: null },
      generatedAt: '2026-03-20T02:00:00.000Z',
      tickets: {
        ...NOW_FIGURES(),
        // Submitted 03-02 00:00 … 03-15 23:59:59: T1 (00:00 sharp), T2, T4, T5, T6, T7, T8, T9 (cancelled since), T11 (23:59),
        // T12, T13, T14, T15 = 13. Not T3 (03-01 23:30), T10 (02-10), T17 (03-18).
        created: 13,
      },
      sla: {
        // Breaches: T3 response 03-02 08:00, FO1 response 03-02 00:00, T3 resolution 03-06 12:00, T5 resolution 03-13 09:00 = 4.
        // Not the T3 warning, T11's breach at 03-16 00:00, T10's on 02-11.
        breaches: 4,
        byClock: [
          { clock: 'response', count: 2 },
          { clock: 'resolution', count: 2 },
        ],
        trend: trend('2026-03-02', 14, 1, {
          // Accepted T1 (30 min after 00:00) and T3 (23:30 → 08:30 = 540): (30 + 540) / 2 = 285. Resolved T1: 00:00 → 12:00 = 12 h.
          '2026-03-02': { accepted: 2, avgAcceptMinutes: 285, resolved: 1, avgResolveHours: 12 },
          '2026-03-03': { accepted: 1, avgAcceptMinutes: 30 }, // T12 09:00 → 09:30
          '2026-03-04': { accepted: 1, avgAcceptMinutes: 90, resolved: 1, avgResolveHours: 24 }, // T13 14:00 → 15:30; T12 resolved 24 h after
          '2026-03-05': { resolved: 1, avgResolveHours: 24 }, // T13 resolved 03-05 14:00
          // T2 submitted 03-05 23:30, accepted 03-06 00:10 (still 03-05 in UTC) = 40; T4 10:00 → 10:20 = 20: (40 + 20) / 2 = 30.
          '2026-03-06': { accepted: 2, avgAcceptMinutes: 30 },
          '2026-03-07': { resolved: 1, avgResolveHours: 48 }, // T2 03-05 23:30 → 03-07 23:30
          // T14 09:00 → 09:10. T3 resolved 03-09 00:30 (03-08 in UTC): 03-01 23:30 → 03-09 00:30 = 7 d 1 h = 169 h.
          '2026-03-09': { accepted: 1, avgAcceptMinutes: 10, resolved: 1, avgResolveHours: 169 },
          '2026-03-10': { accepted: 1, avgAcceptMinutes: 60 }, // T5 09:00 → 10:00
          '2026-03-11': { resolved: 1, avgResolveHours: 48 }, // T14 03-09 09:00 → 03-11 09:00
          // T8 08:00 → 09:00. T13's second `resolve` step today is no second resolution: 0 resolved.
          '2026-03-12': { accepted: 1, avgAcceptMinutes: 60 },
          '2026-03-13': { accepted: 1, avgAcceptMinutes: 60 }, // T15 10:00 → 11:00 (its later reassignment is no second acceptance)
          '2026-03-14': { accepted: 1, avgAcceptMinutes: 120 }, // T6 00:00 → 02:00 (resolved 03-16 00:00: outside)
          '2026-03-15': { resolved: 1, avgResolveHours: 132 }, // T5 03-10 09:00 → 03-15 21:00 = 5 d 12 h
        }),
      },
      // 王工 (e1): open T8, T15; resolved T1, T2, T5, T12 (T6 on 03-16 is outside). 李工 (e2): open T4, T11; resolved T3, T13, T14.
      // 赵工 has cancelled their account: not listed (their FO9 still counts as open above).
      workload: [engineer('e1', 2, 4), engineer('e2', 2, 3)],
      ratings: {
        // 1: T3; 2: T14, G7; 3: T12, G4; 4: T13, G2, G5; 5: T1, G1, G3, G6 = 12 ratings (T5's on 03-16 and T10's on 02-13 are outside).
        distribution: [
          { score: 1, count: 1 },
          { score: 2, count: 2 },
          { score: 3, count: 2 },
          { score: 4, count: 3 },
          { score: 5, count: 4 },
        ],
        // (1 + 2·2 + 3·2 + 4·3 + 5·4) / 12 = 43 / 12 = 3.583… → 3.58
        average: 3.58,
        // Eleven ratings carry a comment; the ten latest, newest first — T1's (03-03 09:00) is the eleventh.
        recentComments: [
          comment('G7', 2, '配件等了很久', 'F7', '2026-03-14 10:00'),
          comment('T14', 2, '部件更换后仍有问题', 'H1', '2026-03-13 10:00'),
          comment('G6', 5, '非常满意', 'F6', '2026-03-12 10:00'),
          comment('G5', 4, '沟通顺畅', 'F5', '2026-03-11 10:00'),
          comment('T3', 1, '等待时间太长', 'H1', '2026-03-10 10:00'),
          comment('G4', 3, '还可以', 'F4', '2026-03-08 11:00'),
          comment('G3', 5, '一次修好', 'F3', '2026-03-08 10:00'),
          comment('G2', 4, '服务态度好', 'F2', '2026-03-07 11:00'),
          comment('G1', 5, '响应很快', 'F1', '2026-03-07 10:00'),
          comment('T12', 3, '一般', 'H2', '2026-03-05 12:00'),
        ],
      },
      points: {
        // Issued: 100 (approval 03-02) + 20 (rating 03-03) + 5 (first read 03-09) = 125; the refund and the 02-20 grant are not.
        issued: 125,
        // Redeemed: 150 (03-05) − 150 refunded (03-06 00:30) + 80 (03-10) + 200 (03-14) = 280; the −50 adjustment is neither.
        redeemed: 280,
        trend: pointsTrend('2026-03-02', 14, 1, {
          '2026-03-02': { issued: 100 },
          '2026-03-03': { issued: 20 },
          '2026-03-05': { redeemed: 150 },
          '2026-03-06': { redeemed: -150 },
          '2026-03-09': { issued: 5 },
          '2026-03-10': { redeemed: 80 },
          '2026-03-14': { redeemed: 200 },
        }),
      },
      giftStockAlerts: GIFT_ALERTS(),
      privacyRequests: PRIVACY,
    });
  });

  it('B: a narrower period — period figures shrink, "now" figures stay', async () => {
    const res = await dashboard('from=2026-03-05&to=2026-03-06');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2026-03-05', to: '2026-03-06', bucket: 'day', province: null },
      generatedAt: '2026-03-20T02:00:00.000Z',
      // Submitted 03-05 00:00 … 03-06 23:59: T2 (03-05 23:30), T4 (03-06 10:00) = 2.
      tickets: { ...NOW_FIGURES(), created: 2 },
      sla: {
        // Only T3's resolution breach (03-06 12:00); its warning on 03-05 is no breach.
        breaches: 1,
        byClock: [
          { clock: 'response', count: 0 },
          { clock: 'resolution', count: 1 },
        ],
        trend: trend('2026-03-05', 2, 1, {
          '2026-03-05': { resolved: 1, avgResolveHours: 24 }, // T13
          '2026-03-06': { accepted: 2, avgAcceptMinutes: 30 }, // T2 40, T4 20
        }),
      },
      // Open is "now" (2 each); resolved in B: only T13 (李工) → 李工 first.
      workload: [engineer('e2', 2, 1), engineer('e1', 2, 0)],
      ratings: {
        // T12: 3 (03-05 12:00), T13: 4 (03-06 00:05) → (3 + 4) / 2 = 3.5; only T12's has a comment.
        distribution: [
          { score: 1, count: 0 },
          { score: 2, count: 0 },
          { score: 3, count: 1 },
          { score: 4, count: 1 },
          { score: 5, count: 0 },
        ],
        average: 3.5,
        recentComments: [comment('T12', 3, '一般', 'H2', '2026-03-05 12:00')],
      },
      // The redemption at 03-05 23:30 and its refund at 03-06 00:30 cancel out: 150 − 150 = 0.
      points: { issued: 0, redeemed: 0, trend: pointsTrend('2026-03-05', 2, 1, { '2026-03-05': { redeemed: 150 }, '2026-03-06': { redeemed: -150 } }) },
      giftStockAlerts: GIFT_ALERTS(),
      privacyRequests: PRIVACY,
    });
  });

  it('P: a province keeps its own hospitals (and their staff’s points); stock and privacy stay national', async () => {
    const res = await dashboard('from=2026-03-02&to=2026-03-15&province=11');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2026-03-02', to: '2026-03-15', bucket: 'day', province: '11' },
      generatedAt: '2026-03-20T02:00:00.000Z',
      tickets: {
        // Open in H1/H2: T7 submitted, T15 accepted, T4 in progress, T8 on hold.
        openByStatus: [
          { status: 'submitted', count: 1 },
          { status: 'accepted', count: 1 },
          { status: 'in_progress', count: 1 },
          { status: 'on_hold', count: 1 },
        ],
        openByHospital: [hospital('H1', 3), hospital('H2', 1)],
        openOthers: 0,
        // A's 13 minus the Shanghai ones (T5, T6, T11, T13) = 9.
        created: 9,
      },
      sla: {
        // T3 response + T3 resolution; T5 (Shanghai) and FO1 (Guangdong) drop out.
        breaches: 2,
        byClock: [
          { clock: 'response', count: 1 },
          { clock: 'resolution', count: 1 },
        ],
        trend: trend('2026-03-02', 14, 1, {
          '2026-03-02': { accepted: 2, avgAcceptMinutes: 285, resolved: 1, avgResolveHours: 12 }, // T1, T3 / T1
          '2026-03-03': { accepted: 1, avgAcceptMinutes: 30 }, // T12
          '2026-03-04': { resolved: 1, avgResolveHours: 24 }, // T12 (T13 is Shanghai)
          '2026-03-06': { accepted: 2, avgAcceptMinutes: 30 }, // T2, T4
          '2026-03-07': { resolved: 1, avgResolveHours: 48 }, // T2
          '2026-03-09': { accepted: 1, avgAcceptMinutes: 10, resolved: 1, avgResolveHours: 169 }, // T14 / T3
          '2026-03-11': { resolved: 1, avgResolveHours: 48 }, // T14
          '2026-03-12': { accepted: 1, avgAcceptMinutes: 60 }, // T8
          '2026-03-13': { accepted: 1, avgAcceptMinutes: 60 }, // T15
        }),
      },
      // 王工: open T8, T15; resolved T1, T2, T12 (T5 is Shanghai). 李工: open T4 (T11 is Shanghai); resolved T3, T14.
      workload: [engineer('e1', 2, 3), engineer('e2', 1, 2)],
      ratings: {
        // T1 5, T3 1, T12 3, T14 2 → 11 / 4 = 2.75.
        distribution: [
          { score: 1, count: 1 },
          { score: 2, count: 1 },
          { score: 3, count: 1 },
          { score: 4, count: 0 },
          { score: 5, count: 1 },
        ],
        average: 2.75,
        recentComments: [
          comment('T14', 2, '部件更换后仍有问题', 'H1', '2026-03-13 10:00'),
          comment('T3', 1, '等待时间太长', 'H1', '2026-03-10 10:00'),
          comment('T12', 3, '一般', 'H2', '2026-03-05 12:00'),
          comment('T1', 5, '维修及时，效果很好', 'H1', '2026-03-03 09:00'),
        ],
      },
      points: {
        // S1 (H1) only: issued 100 + 20 = 120; redeemed 150 − 150 + 80 = 80. S3 (Shanghai) drops out.
        issued: 120,
        redeemed: 80,
        trend: pointsTrend('2026-03-02', 14, 1, {
          '2026-03-02': { issued: 100 },
          '2026-03-03': { issued: 20 },
          '2026-03-05': { redeemed: 150 },
          '2026-03-06': { redeemed: -150 },
          '2026-03-10': { redeemed: 80 },
        }),
      },
      giftStockAlerts: GIFT_ALERTS(),
      privacyRequests: PRIVACY,
    });

    // A province without hospitals: zeros everywhere, engineers still listed (all equal: by name, 李 before 王), every bucket present.
    const empty = await dashboard('from=2026-03-02&to=2026-03-15&province=65');
    expect(empty.body.tickets).toEqual({
      openByStatus: [
        { status: 'submitted', count: 0 },
        { status: 'accepted', count: 0 },
        { status: 'in_progress', count: 0 },
        { status: 'on_hold', count: 0 },
      ],
      openByHospital: [],
      openOthers: 0,
      created: 0,
    });
    expect(empty.body.workload).toEqual([engineer('e2', 0, 0), engineer('e1', 0, 0)]);
    expect(empty.body.sla.trend).toEqual(trend('2026-03-02', 14, 1, {}));
    expect(empty.body.ratings.average).toBeNull();
    expect(empty.body.points).toEqual({ issued: 0, redeemed: 0, trend: pointsTrend('2026-03-02', 14, 1, {}) });
  });

  it('W: more than 31 days goes by ISO week (Monday, Shanghai time)', async () => {
    const res = await dashboard('from=2026-02-02&to=2026-03-15');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2026-02-02', to: '2026-03-15', bucket: 'week', province: null },
      generatedAt: '2026-03-20T02:00:00.000Z',
      // A's 13 + T10 (02-10) + T3 (03-01 23:30, the evening before A) = 15.
      tickets: { ...NOW_FIGURES(), created: 15 },
      sla: {
        // A's 4 + T10's resolution breach on 02-11 = 5.
        breaches: 5,
        byClock: [
          { clock: 'response', count: 2 },
          { clock: 'resolution', count: 3 },
        ],
        trend: trend('2026-02-02', 6, 7, {
          '2026-02-09': { accepted: 1, avgAcceptMinutes: 60, resolved: 1, avgResolveHours: 48 }, // T10
          // Week of 03-02: accepted T1 30, T3 540, T12 30, T13 90, T2 40, T4 20 → 750 / 6 = 125;
          // resolved T1 12, T12 24, T13 24, T2 48 → 108 / 4 = 27.
          '2026-03-02': { accepted: 6, avgAcceptMinutes: 125, resolved: 4, avgResolveHours: 27 },
          // Week of 03-09: accepted T14 10, T5 60, T8 60, T15 60, T6 120 → 310 / 5 = 62;
          // resolved T3 169 (Monday 00:30 Shanghai — Sunday in UTC, so UTC weeks would misplace it), T14 48, T5 132 → 349 / 3 = 116.33… → 116.3.
          '2026-03-09': { accepted: 5, avgAcceptMinutes: 62, resolved: 3, avgResolveHours: 116.3 },
        }),
      },
      // Both have 2 open; resolved 王工 T1, T2, T5, T12 = 4, 李工 T3, T13, T14, T10 = 4 → by name: 李 (lǐ) before 王 (wáng).
      workload: [engineer('e2', 2, 4), engineer('e1', 2, 4)],
      ratings: {
        // A's twelve + T10's 4 (02-13): 13 ratings, 43 + 4 = 47 → 47 / 13 = 3.615… → 3.62. T10 has no comment: same ten comments.
        distribution: [
          { score: 1, count: 1 },
          { score: 2, count: 2 },
          { score: 3, count: 2 },
          { score: 4, count: 4 },
          { score: 5, count: 4 },
        ],
        average: 3.62,
        recentComments: expect.any(Array),
      },
      points: {
        // 125 + the 500 grant on 02-20 = 625 issued; redeemed as in A, 280.
        issued: 625,
        redeemed: 280,
        trend: pointsTrend('2026-02-02', 6, 7, {
          '2026-02-16': { issued: 500 },
          // 100 + 20 issued; 150 redeemed and refunded in the same week → 0.
          '2026-03-02': { issued: 120, redeemed: 0 },
          // 5 issued at Monday 00:30 (Sunday in UTC); 80 + 200 redeemed.
          '2026-03-09': { issued: 5, redeemed: 280 },
        }),
      },
      giftStockAlerts: GIFT_ALERTS(),
      privacyRequests: PRIVACY,
    });
    const a = await dashboard('from=2026-03-02&to=2026-03-15');
    expect(res.body.ratings.recentComments).toEqual(a.body.ratings.recentComments);
  });

  it('goes by day up to 31 days and by week from 32, the first week starting on the Monday before `from`', async () => {
    const days31 = await dashboard('from=2026-03-01&to=2026-03-31');
    expect(days31.body.period.bucket).toBe('day');
    expect(days31.body.sla.trend).toHaveLength(31);
    expect(days31.body.points.trend[0].bucket).toBe('2026-03-01');
    // 2026-02-28 is a Saturday: weeks of 02-23, 03-02, 03-09, 03-16, 03-23, 03-30.
    const days32 = await dashboard('from=2026-02-28&to=2026-03-31');
    expect(days32.body.period.bucket).toBe('week');
    expect(days32.body.sla.trend.map((p: { bucket: string }) => p.bucket)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    // A single day works, both ends being the same date.
    const one = await dashboard('from=2026-03-02&to=2026-03-02');
    expect(one.body.sla.trend).toEqual(trend('2026-03-02', 1, 1, { '2026-03-02': { accepted: 2, avgAcceptMinutes: 285, resolved: 1, avgResolveHours: 12 } }));
    // Submitted that day: T1 at 00:00 sharp (T3 at 23:30 the evening before is not).
    expect(one.body.tickets.created).toBe(1);
  });

  it('answers 422 for a bad range and names the field', async () => {
    const bad = async (query: string, field: string) => {
      const res = await dashboard(query);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    };
    await bad('from=2026-03-15&to=2026-03-02', 'query.to'); // ends before it starts
    await bad('from=2025-01-01&to=2026-03-15', 'query.to'); // longer than a year
    await bad('from=2026-3-2&to=2026-03-15', 'query.from'); // not YYYY-MM-DD
    await bad('from=2026-02-30&to=2026-03-15', 'query.from'); // no such day
    await bad('from=2026-03-02', 'query.to'); // missing
    await bad('from=2026-03-02&to=2026-03-15&province=110', 'query.province'); // a province is two digits
    // 366 days apart is the longest allowed; 367 is refused.
    expect((await dashboard('from=2025-03-14&to=2026-03-15')).status).toBe(200);
    await bad('from=2025-03-13&to=2026-03-15', 'query.to');
  });

  it('answers 403 to everyone but admins, 401 without a session', async () => {
    const staff = (await login(w.server, '13900000021')).token;
    const engineerToken = (await login(w.server, '13900000011')).token;
    const advanced = (await login(w.server, '13900000031')).token;
    for (const token of [staff, engineerToken, advanced]) {
      const res = await dashboard('from=2026-03-02&to=2026-03-15', token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await call(w.server, 'GET', '/admin/dashboard?from=2026-03-02&to=2026-03-15')).status).toBe(401);
  });
});
