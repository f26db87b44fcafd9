import { CancellationRequestSchema, CancellationViewSchema, type CancellationView } from '../../../shared/schemas/cancellation.schema';
import { ConflictError, RateLimitedError, VerificationFailedError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Cancellation = typeof import('../../../miniapp/src/services/cancellation');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src/services';
const GRACE = 15;
const NOW = Date.parse('2026-11-22T02:00:00.000Z');

/**
 * The server's side as far as the client can tell: the account, the one
 * code that is valid right now, and whether a refusal is next.
 */
const world = {
  view: { status: 'none', requestedAt: null, purgeAfter: null, graceDays: GRACE } as CancellationView,
  validCode: '246810',
  refuse: null as Error | null,
};

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/me/cancellation', response: CancellationViewSchema, reply: () => world.view },
    {
      method: 'post',
      path: '/me/cancellation',
      body: CancellationRequestSchema,
      response: CancellationViewSchema,
      reply: ({ body }) => {
        if (world.refuse) throw world.refuse;
        if (world.view.status === 'cancelling') throw new ConflictError('账号已在注销中');
        if ((body as { code: string }).code !== world.validCode) throw new VerificationFailedError('验证码不正确或已失效，请重新获取验证码');
        world.view = {
          status: 'cancelling',
          requestedAt: new Date(NOW).toISOString(),
          purgeAfter: new Date(NOW + GRACE * 86_400_000).toISOString(),
          graceDays: GRACE,
        };
        return world.view;
      },
    },
    {
      method: 'delete',
      path: '/me/cancellation',
      response: CancellationViewSchema,
      reply: () => {
        if (world.view.status !== 'cancelling') throw new ConflictError('not cancelling');
        world.view = { status: 'none', requestedAt: null, purgeAfter: null, graceDays: GRACE };
        return world.view;
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  world.view = { status: 'none', requestedAt: null, purgeAfter: null, graceDays: GRACE };
  world.refuse = null;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = () => loadApp<{ cancellation: Cancellation; errors: Errors }>(standIn.server.url, { cancellation: `${SRC}/cancellation`, errors: `${SRC}/errors.zh` });

describe('注销账号', () => {
  it('reads the grace period shown to the person before they decide', async () => {
    const { cancellation } = load();
    await expect(cancellation.getCancellation()).resolves.toEqual({ status: 'none', requestedAt: null, purgeAfter: null, graceDays: 15 });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/me/cancellation' });
  });

  it('cancels with the confirmation and the code (trimmed), and learns when the data goes', async () => {
    const { cancellation } = load();
    const view = await cancellation.cancelAccount(' 246810 ');
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/me/cancellation', body: { confirm: true, code: '246810' } });
    expect(view).toEqual({ status: 'cancelling', requestedAt: '2026-11-22T02:00:00.000Z', purgeAfter: '2026-12-07T02:00:00.000Z', graceDays: 15 });
    expect(cancellation.daysUntil(view.purgeAfter, NOW)).toBe(15);
  });

  it('a wrong or used code is VERIFICATION_FAILED in Chinese, and nothing changes', async () => {
    const { cancellation, errors } = load();
    const err = await cancellation.cancelAccount('000000').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'VERIFICATION_FAILED' });
    expect(errors.messageOf(err)).toBe('验证码错误或已失效，请重新获取');
    expect(world.view.status).toBe('none');
  });

  it('a code that is not six digits is refused by the contract with the Chinese field message', async () => {
    const { cancellation } = load();
    const err = await cancellation.cancelAccount('12ab').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [{ path: 'code', message: '请输入 6 位验证码' }] });
    expect(CancellationRequestSchema.safeParse({ code: '123456' }).error?.issues[0]?.message).toBe('请确认已了解注销的后果');
  });

  it('too many attempts is a 429 with the wait', async () => {
    const { cancellation, errors } = load();
    world.refuse = new RateLimitedError(300);
    const err = await cancellation.cancelAccount('246810').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 300 });
    expect(errors.messageOf(err)).toBe('操作太频繁，请稍后再试');
  });

  it('signed in again within the grace period: shows the date, and undoes with DELETE', async () => {
    const { cancellation } = load();
    await cancellation.cancelAccount('246810');
    const pending = await cancellation.getCancellation();
    expect(pending).toMatchObject({ status: 'cancelling', purgeAfter: '2026-12-07T02:00:00.000Z' });
    expect(cancellation.daysUntil(pending.purgeAfter, Date.parse('2026-12-01T02:00:00.000Z'))).toBe(6);

    await expect(cancellation.undoCancellation()).resolves.toEqual({ status: 'none', requestedAt: null, purgeAfter: null, graceDays: 15 });
    expect(lastCall()).toMatchObject({ method: 'DELETE', path: '/api/v1/me/cancellation' });
  });

  it('undoing what is not being cancelled is a 409 in Chinese', async () => {
    const { cancellation, errors } = load();
    const err = await cancellation.undoCancellation().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(errors.messageOf(err)).toBe('数据已被更新，请刷新后重试');
  });

  it('counts whole days, never below zero, and nothing without a date', () => {
    const { cancellation } = load();
    expect(cancellation.daysUntil('2026-11-22T02:00:01.000Z', NOW)).toBe(1);
    expect(cancellation.daysUntil('2026-11-21T02:00:00.000Z', NOW)).toBe(0);
    expect(cancellation.daysUntil(null, NOW)).toBeNull();
    expect(cancellation.daysUntil('not a date', NOW)).toBeNull();
  });
});
