import { randomUUID } from 'node:crypto';
import {
  PointsLedgerPageSchema,
  PointsLedgerQuerySchema,
  PointsSummarySchema,
  type PointsEntryView,
  type PointsSummary,
} from '../../../shared/schemas/points.schema';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Points = typeof import('../../../miniapp/src/services/points');
type Labels = typeof import('../../../miniapp/src/labels/points.zh');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src';

const summary: PointsSummary = {
  balance: 240,
  earnedThisYear: 340,
  giftValueThisYearYuan: 120,
  caps: {
    yearlyValueCapYuan: 500,
    rules: [
      { reason: 'registration_approved', points: 100, perDay: 1, perYear: 1 },
      { reason: 'ticket_rated', points: 20, perDay: 3, perYear: 50 },
      { reason: 'document_first_read', points: 5, perDay: 5, perYear: 100 },
    ],
  },
};

const entries: PointsEntryView[] = [
  { id: randomUUID(), delta: -300, balanceAfter: 240, reason: 'redemption', reference: `redemption:${randomUUID()}`, note: null, createdAt: '2026-11-22T03:00:00.000Z' },
  { id: randomUUID(), delta: 40, balanceAfter: 540, reason: 'admin_adjustment', reference: null, note: '线下活动补发', createdAt: '2026-11-21T03:00:00.000Z' },
];
const nextCursor = randomUUID();

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/points', response: PointsSummarySchema, reply: () => summary },
    { method: 'get', path: '/points/ledger', query: PointsLedgerQuerySchema, response: PointsLedgerPageSchema, reply: () => ({ items: entries, nextCursor }) },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = () =>
  loadApp<{ points: Points; labels: Labels; errors: Errors }>(standIn.server.url, {
    points: `${SRC}/services/points`,
    labels: `${SRC}/labels/points.zh`,
    errors: `${SRC}/services/errors.zh`,
  });

describe('points services against the shared contracts', () => {
  it('reads the summary: balance, earned this year, rules and the yearly value cap', async () => {
    const { points } = load();
    await expect(points.getPointsSummary()).resolves.toEqual(summary);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/points' });
  });

  it('pages the ledger by cursor and reads each entry', async () => {
    const { points } = load();
    const first = await points.listPointsLedger();
    expect(first).toEqual({ items: entries, nextCursor });
    expect(lastCall()?.query).toEqual({ limit: 20 });
    await points.listPointsLedger({ cursor: nextCursor, limit: 10 });
    expect(lastCall()).toMatchObject({ path: '/api/v1/points/ledger', query: { cursor: nextCursor, limit: 10 } });
  });

  it('a summary that breaks the contract fails loudly instead of showing wrong numbers', async () => {
    const { points, taro } = load();
    taro.request = async () => ({ statusCode: 200, data: { balance: '240' }, header: { 'content-type': 'application/json' }, errMsg: 'request:ok' });
    await expect(points.getPointsSummary()).rejects.toMatchObject({ code: 'INTERNAL', title: 'Invalid response' });
  });

  it('a failure carries the Chinese message (the 我的 card stays quiet and offers 重试)', async () => {
    const { points, errors, taro } = load();
    taro.request = async () => {
      throw { errMsg: 'request:fail timeout' };
    };
    const err = await points.getPointsSummary().catch((e: unknown) => e);
    expect(errors.messageOf(err)).toBe('网络不可用或服务暂时无法访问，请稍后重试');
  });
});

describe('points wording', () => {
  it('shows the sign of every movement', () => {
    const { points } = load();
    expect(points.formatDelta(20)).toBe('+20');
    expect(points.formatDelta(-300)).toBe('-300');
    expect(points.formatDelta(0)).toBe('0');
  });

  it('has Chinese for every reason, order status and the value cap', () => {
    const { labels } = load();
    expect(labels.POINTS_REASON_LABELS.redemption_refund).toBe('取消兑换退回');
    expect(labels.EARNING_RULE_LABELS.document_first_read).toBe('首次阅读资料（每类）');
    expect(labels.ORDER_TABS.map((t) => t.label)).toEqual(['全部', '待发货', '已发货', '已签收', '已取消']);
    expect(labels.valueCapExplanation(500)).toContain('¥500');
  });
});
