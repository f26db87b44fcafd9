import { randomUUID } from 'node:crypto';
import { DashboardQuerySchema, DashboardSchema, type Dashboard } from '../../../shared/schemas/dashboard.schema';
import { ForbiddenError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Service = typeof import('../../../miniapp/src/services/dashboard');
type Charts = typeof import('../../../miniapp/src/packages/dashboard/charts');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src';
const ref = (name: string) => ({ id: randomUUID(), name });

const dashboard: Dashboard = {
  period: { from: '2026-10-24', to: '2026-11-22', bucket: 'day', province: null },
  generatedAt: '2026-11-22T06:05:00.000Z',
  tickets: {
    openByStatus: [
      { status: 'submitted', count: 4 },
      { status: 'accepted', count: 3 },
      { status: 'in_progress', count: 5 },
      { status: 'on_hold', count: 1 },
    ],
    openByHospital: [
      { hospital: ref('上海市第六人民医院'), count: 6 },
      { hospital: ref('北京协和医院'), count: 4 },
    ],
    openOthers: 3,
    created: 27,
  },
  sla: {
    breaches: 3,
    byClock: [
      { clock: 'accept', count: 2 },
      { clock: 'resolve', count: 1 },
    ],
    trend: [
      { bucket: '2026-11-21', accepted: 2, avgAcceptMinutes: 45.4, resolved: 1, avgResolveHours: 30.25 },
      { bucket: '2026-11-22', accepted: 0, avgAcceptMinutes: null, resolved: 2, avgResolveHours: 60 },
    ],
  },
  workload: [
    { engineer: ref('张工'), open: 5, resolved: 9 },
    { engineer: ref('李工'), open: 2, resolved: 0 },
  ],
  ratings: {
    distribution: [5, 4, 3, 2, 1].map((score) => ({ score, count: score === 5 ? 8 : score === 4 ? 3 : score === 1 ? 1 : 0 })),
    average: 4.416,
    recentComments: [{ ticketNumber: 'T20261120-0012', score: 5, comment: '工程师响应很快', hospital: '北京协和医院', createdAt: '2026-11-20T08:00:00.000Z' }],
  },
  points: {
    issued: 1260,
    redeemed: 800,
    trend: [
      { bucket: '2026-11-21', issued: 60, redeemed: 0 },
      { bucket: '2026-11-22', issued: 1200, redeemed: 800 },
    ],
  },
  giftStockAlerts: [{ gift: ref('保温杯'), stock: 0 }],
  privacyRequests: { open: 2, dueSoon: 1, overdue: 1 },
};

/** Nothing happened: the same shape with every figure zero. */
const quiet: Dashboard = {
  ...dashboard,
  tickets: { openByStatus: dashboard.tickets.openByStatus.map((s) => ({ ...s, count: 0 })), openByHospital: [], openOthers: 0, created: 0 },
  sla: { breaches: 0, byClock: [], trend: dashboard.sla.trend.map((t) => ({ ...t, accepted: 0, avgAcceptMinutes: null, resolved: 0, avgResolveHours: null })) },
  workload: dashboard.workload.map((w) => ({ ...w, open: 0, resolved: 0 })),
  ratings: { distribution: dashboard.ratings.distribution.map((r) => ({ ...r, count: 0 })), average: null, recentComments: [] },
  points: { issued: 0, redeemed: 0, trend: [] },
  giftStockAlerts: [],
  privacyRequests: { open: 0, dueSoon: 0, overdue: 0 },
};

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'get',
      path: '/admin/dashboard',
      query: DashboardQuerySchema,
      response: DashboardSchema,
      reply: ({ query }) => {
        const q = query as { from: string; to: string; province?: string };
        // A stand-in for "this admin lacks admin.dashboard".
        if (q.province === '00') throw new ForbiddenError('No dashboard.');
        if (q.province === '65') return { ...quiet, period: { ...quiet.period, province: '65' } };
        return { ...dashboard, period: { from: q.from, to: q.to, bucket: 'day', province: q.province ?? null } };
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load() {
  return loadApp<{ service: Service; charts: Charts; errors: Errors }>(standIn.server.url, {
    service: `${SRC}/services/dashboard`,
    charts: `${SRC}/packages/dashboard/charts`,
    errors: `${SRC}/services/errors.zh`,
  });
}

describe('数据看板 against the shared contract', () => {
  it('asks for the period and province and reads every figure', async () => {
    const { service } = load();
    const checked = service.dashboardQueryOf({ from: '2026-10-24', to: '2026-11-22' }, '31');
    expect(checked).toEqual({ query: { from: '2026-10-24', to: '2026-11-22', province: '31' } });
    const d = await service.getDashboard(checked.query!);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/dashboard', query: { from: '2026-10-24', to: '2026-11-22', province: '31' } });
    expect(d.period).toEqual({ from: '2026-10-24', to: '2026-11-22', bucket: 'day', province: '31' });
    expect(d.tickets.openOthers).toBe(3);
    expect(d.ratings.recentComments[0]).toMatchObject({ ticketNumber: 'T20261120-0012', score: 5 });

    // 全国: no province parameter at all.
    const country = service.dashboardQueryOf({ from: '2026-11-16', to: '2026-11-22' }, '');
    await service.getDashboard(country.query!);
    expect(lastCall()?.query).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });

  it('checks a custom range with the server’s schema before asking', () => {
    const { service } = load();
    expect(service.dashboardQueryOf({ from: '2026-11-22', to: '2026-11-01' }, '')).toEqual({ error: '结束日期不能早于开始日期' });
    expect(service.dashboardQueryOf({ from: '2025-01-01', to: '2026-11-22' }, '')).toEqual({ error: '时间范围最长一年' });
    expect(service.dashboardQueryOf({ from: '2026/11/01', to: '2026-11-22' }, '')).toEqual({ error: '日期格式应为 YYYY-MM-DD' });
    // 本年 in a leap year is 366 days: still allowed.
    expect(service.dashboardQueryOf({ from: '2028-01-01', to: '2028-12-31' }, '').query).toBeDefined();
    expect(standIn.calls).toHaveLength(0);
  });

  it('turns a refusal into an ApiError with a Chinese message', async () => {
    const { service, errors } = load();
    const refused = await service.getDashboard({ from: '2026-11-01', to: '2026-11-22', province: '00' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(errors.messageOf(refused)).toBe('您没有权限进行此操作');
  });

  it('reads an all-zero answer as empty', async () => {
    const { service } = load();
    const d = await service.getDashboard({ from: '2026-11-01', to: '2026-11-22', province: '65' });
    expect(service.isDashboardEmpty(d)).toBe(true);
    expect(service.isDashboardEmpty(dashboard)).toBe(false);
    // One overdue privacy request is something to show.
    expect(service.isDashboardEmpty({ ...quiet, privacyRequests: { open: 1, dueSoon: 0, overdue: 1 } })).toBe(false);
    expect(service.isDashboardEmpty({ ...quiet, giftStockAlerts: dashboard.giftStockAlerts })).toBe(false);
  });
});

describe('date presets in Asia/Shanghai', () => {
  // 2026-11-22 17:30 UTC is already 23 November, 01:30 in Shanghai.
  const lateUtc = Date.parse('2026-11-22T17:30:00Z');

  it('counts 近 N 天 back from today in Shanghai, today included; 本年 from 1 January', () => {
    const { service } = load();
    expect(service.shanghaiDay(lateUtc)).toBe('2026-11-23');
    expect(service.presetRange('7d', lateUtc)).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(service.presetRange('30d', lateUtc)).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(service.presetRange('90d', lateUtc)).toEqual({ from: '2026-08-26', to: '2026-11-23' });
    expect(service.presetRange('year', lateUtc)).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    for (const preset of service.RANGE_PRESETS) {
      const range = service.presetRange(preset, lateUtc);
      expect(service.dashboardQueryOf(range, '').error).toBeUndefined();
    }
    expect(service.rangeDays(service.presetRange('7d', lateUtc))).toBe(7);
    expect(service.rangeDays(service.presetRange('90d', lateUtc))).toBe(90);
  });

  it('crosses month, year and leap-day boundaries by the calendar', () => {
    const { service } = load();
    // New Year's Eve 16:30 UTC is 1 January in Shanghai: 本年 is that one day.
    const newYear = Date.parse('2026-12-31T16:30:00Z');
    expect(service.presetRange('year', newYear)).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(service.presetRange('7d', newYear)).toEqual({ from: '2026-12-26', to: '2027-01-01' });
    expect(service.addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(service.addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(service.rangeText({ from: '2026-11-01', to: '2026-11-30' })).toBe('2026-11-01 至 2026-11-30');
    expect(service.rangeText({ from: '2026-11-30', to: '2026-11-30' })).toBe('2026-11-30');
    expect(service.isRangePreset('30d')).toBe(true);
    expect(service.isRangePreset('custom')).toBe(false);
  });
});

describe('provinces and figures', () => {
  it('lists 全国 and every province by its two-digit code', () => {
    const { service } = load();
    const options = service.provinceOptions();
    expect(options[0]).toEqual({ code: '', name: '全国' });
    expect(options).toEqual(expect.arrayContaining([{ code: '11', name: '北京市' }, { code: '31', name: '上海市' }, { code: '44', name: '广东省' }]));
    const codes = options.slice(1).map((o) => o.code);
    expect(codes.every((c) => /^\d{2}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(service.provinceName('31')).toBe('上海市');
    expect(service.provinceName(null)).toBe('全国');
  });

  it('builds the KPI tiles with their data values', () => {
    const { service } = load();
    const kpis = Object.fromEntries(service.dashboardKpis(dashboard).map((k) => [k.key, k]));
    expect(Object.keys(kpis)).toEqual([...service.KPI_KEYS]);
    expect(kpis.open).toMatchObject({ value: 13, text: '13', alert: false });
    expect(kpis.created).toMatchObject({ value: 27 });
    expect(kpis.breaches).toMatchObject({ value: 3, alert: true, hint: '受理超时 2 · 解决超时 1' });
    expect(kpis.rating).toMatchObject({ value: 4.4, text: '4.4', hint: '12 条评价' });
    expect(kpis.issued).toMatchObject({ value: 1260, text: '1,260' });
    expect(kpis.redeemed).toMatchObject({ value: 800, text: '800' });
    expect(kpis.privacyOverdue).toMatchObject({ value: 1, alert: true, hint: '待处理 2 · 3 日内到期 1' });

    const none = Object.fromEntries(service.dashboardKpis(quiet).map((k) => [k.key, k]));
    expect(none.rating).toMatchObject({ value: null, text: '—', hint: '所选时间内没有评价' });
    expect(none.breaches).toMatchObject({ value: 0, alert: false, hint: '所选时间内没有超时' });
    expect(service.count(1234567)).toBe('1,234,567');
    expect(service.count(-1200)).toBe('-1,200');
  });
});

describe('chart options from the payload', () => {
  it('draws open tickets by status with Chinese labels, and lists them', () => {
    const { charts } = load();
    const status = charts.statusChart(dashboard);
    expect(status.empty).toBe(false);
    expect(status.summary).toEqual({
      columns: ['状态', '工单数'],
      rows: [
        ['已提交', 4],
        ['已受理', 3],
        ['维修中', 5],
        ['挂起', 1],
      ],
    });
    const series = status.option.series as { type: string; data: { name: string; value: number }[] }[];
    expect(series[0]?.type).toBe('pie');
    expect(series[0]?.data).toContainEqual({ name: '维修中', value: 5 });

    // A status with nothing open stays in the table but draws no slice.
    const noHold = charts.statusChart({
      ...dashboard,
      tickets: { ...dashboard.tickets, openByStatus: dashboard.tickets.openByStatus.map((s) => (s.status === 'on_hold' ? { ...s, count: 0 } : s)) },
    });
    expect(noHold.summary.rows).toContainEqual(['挂起', 0]);
    expect((noHold.option.series as { data: { name: string }[] }[])[0]?.data.map((x) => x.name)).toEqual(['已提交', '已受理', '维修中']);
    const legend = noHold.option.legend as { formatter: (name: string) => string };
    expect(legend.formatter('维修中')).toBe('维修中 5');
  });

  it('puts the busiest hospital on top and the rest in 其他医院', () => {
    const { charts } = load();
    const hospital = charts.hospitalChart(dashboard);
    expect(hospital.summary.rows).toEqual([
      ['上海市第六人民医院', 6],
      ['北京协和医院', 4],
      ['其他医院', 3],
    ]);
    // Category axes draw from the bottom: the drawn order is reversed.
    expect((hospital.option.yAxis as { data: string[] }).data).toEqual(['其他医院', '北京协和医院', '上海市第六人民医院']);
    expect((hospital.option.series as { data: number[] }[])[0]?.data).toEqual([3, 4, 6]);
    expect(hospital.height).toBe(charts.barsHeight(3));
    expect(charts.shortName('上海交通大学医学院附属瑞金医院')).toBe('上海交通大学医学…');
  });

  it('draws acceptance in minutes and resolution in hours, gaps where nothing happened', () => {
    const { charts } = load();
    const trend = charts.trendChart(dashboard);
    expect(trend.summary.columns).toEqual(['日期', '受理', '平均受理', '解决', '平均解决']);
    expect(trend.summary.rows).toEqual([
      ['2026-11-21', 2, '45 分钟', 1, '30.3 小时'],
      ['2026-11-22', 0, '—', 2, '2.5 天'],
    ]);
    expect((trend.option.xAxis as { data: string[] }).data).toEqual(['11-21', '11-22']);
    const [accept, resolve] = trend.option.series as { data: (number | null)[]; yAxisIndex: number }[];
    expect(accept).toMatchObject({ data: [45, null], yAxisIndex: 0 });
    expect(resolve).toMatchObject({ data: [30.3, 60], yAxisIndex: 1 });
    expect(trend.note).toContain('超时 3 次');

    const weekly = charts.trendChart({ ...dashboard, period: { ...dashboard.period, bucket: 'week' } });
    expect(weekly.summary.columns[0]).toBe('周（起）');
    expect((weekly.option.xAxis as { data: string[] }).data).toEqual(['11-21 周', '11-22 周']);
    expect(charts.minutesText(150)).toBe('2.5 小时');
  });

  it('compares engineers, orders ratings 1 to 5 and sets points side by side', () => {
    const { charts } = load();
    const workload = charts.workloadChart(dashboard);
    expect(workload.summary.rows).toEqual([
      ['张工', 5, 9],
      ['李工', 2, 0],
    ]);
    expect((workload.option.series as { name: string; data: number[] }[]).map((s) => [s.name, s.data])).toEqual([
      ['在修', [2, 5]],
      ['已解决', [0, 9]],
    ]);

    const ratings = charts.ratingsChart(dashboard);
    expect(ratings.summary.rows).toEqual([
      ['1 星', 1],
      ['2 星', 0],
      ['3 星', 0],
      ['4 星', 3],
      ['5 星', 8],
    ]);
    expect(ratings.note).toBe('12 条评价，平均 4.4 分');

    const points = charts.pointsChart(dashboard);
    expect(points.summary).toEqual({
      columns: ['日期', '发放', '兑换'],
      rows: [
        ['2026-11-21', 60, 0],
        ['2026-11-22', 1200, 800],
      ],
    });
    expect(charts.dashboardCharts(dashboard).map((c) => c.key)).toEqual([...charts.CHART_KEYS]);
  });

  it('marks every chart empty when there is nothing to draw', () => {
    const { charts } = load();
    const all = charts.dashboardCharts(quiet);
    expect(all.filter((c) => !c.empty).map((c) => c.key)).toEqual([]);
    expect(Object.fromEntries(all.map((c) => [c.key, c.emptyText]))).toMatchObject({
      status: '当前没有在修工单',
      ratings: '所选时间内没有评价',
      workload: '没有在修或所选时间内解决的工单',
    });
    expect(charts.workloadChart({ ...quiet, workload: [] }).emptyText).toBe('还没有在职的工程师');
  });
});
