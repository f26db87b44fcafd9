import { z } from 'zod';
import { SmsSendResultSchema } from '../../../shared/schemas/auth.schema';
import { ConsentStateSchema } from '../../../shared/schemas/me.schema';
import { CONSENT_PURPOSES, ConsentRequestSchema, PolicySchema, type ConsentPurpose, type Policy } from '../../../shared/schemas/privacy.schema';
import { ConflictError, RateLimitedError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Privacy = typeof import('../../../miniapp/src/services/privacy');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');
type Labels = typeof import('../../../miniapp/src/labels/privacy.zh');

const SRC = '../../../miniapp/src';

const policy: Policy = {
  version: '1.1',
  publishedAt: '2026-11-01T00:00:00.000Z',
  material: false,
  title: 'ScopeDesk 隐私政策',
  text: '我们只为提供内镜售后服务处理您的个人信息。',
  purposes: [
    { key: 'service', title: '同意隐私政策', description: '提供报修服务。', required: true, sensitive: false },
    { key: 'fault_media', title: '故障照片和语音', description: '仅用于诊断故障。', required: false, sensitive: true },
    { key: 'dealer_sharing', title: '向受托经销商提供工单信息', description: '每次提供都会记录。', required: false, sensitive: false },
  ],
};

/** The server's side as far as the client can tell: one person's purposes. */
const world = {
  purposes: ['service', 'fault_media', 'dealer_sharing'] as ConsentPurpose[],
  policyCalls: 0,
  refuseSms: null as Error | null,
};
const state = () => ({ policyVersion: '1.1', reconsentRequired: false, purposes: [...world.purposes], adult: true });

const provisions = [
  { ticketNumber: 'BX20261122A1B2C3', dealer: '华东医疗器械服务有限公司', purpose: 'pickup', fields: ['contactName', 'contactPhone', 'equipment'], at: '2026-11-22T03:00:00.000Z' },
];

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'get',
      path: '/privacy/policy',
      response: PolicySchema,
      reply: () => {
        world.policyCalls++;
        return policy;
      },
    },
    {
      method: 'post',
      path: '/privacy/consents',
      body: ConsentRequestSchema,
      response: ConsentStateSchema,
      status: 201,
      reply: ({ body }) => {
        const b = body as z.infer<typeof ConsentRequestSchema>;
        world.purposes = [...new Set([...world.purposes, ...b.purposes])];
        return state();
      },
    },
    {
      method: 'delete',
      path: '/privacy/consents/:purpose',
      params: z.object({ purpose: z.enum(CONSENT_PURPOSES) }),
      response: ConsentStateSchema,
      reply: ({ params }) => {
        const { purpose } = params as { purpose: ConsentPurpose };
        if (purpose === 'service') throw new ConflictError('The privacy policy itself cannot be withdrawn.');
        world.purposes = world.purposes.filter((p) => p !== purpose);
        return state();
      },
    },
    {
      method: 'get',
      path: '/me/provisions',
      response: z.object({ items: z.array(z.object({ ticketNumber: z.string(), dealer: z.string(), purpose: z.string(), fields: z.array(z.string()), at: z.string() })) }),
      reply: () => ({ items: provisions }),
    },
    {
      method: 'post',
      path: '/me/sms-code',
      response: SmsSendResultSchema,
      status: 202,
      reply: () => {
        if (world.refuseSms) throw world.refuseSms;
        return { cooldownSeconds: 60, devCode: '123456' };
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  world.purposes = ['service', 'fault_media', 'dealer_sharing'];
  world.policyCalls = 0;
  world.refuseSms = null;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = () =>
  loadApp<{ privacy: Privacy; errors: Errors; labels: Labels }>(standIn.server.url, {
    privacy: `${SRC}/services/privacy`,
    errors: `${SRC}/services/errors.zh`,
    labels: `${SRC}/labels/privacy.zh`,
  });

describe('授权管理: withdraw and grant again, each one purpose', () => {
  it('withdraws one purpose with DELETE /privacy/consents/:purpose and reads the new consent state', async () => {
    const { privacy } = load();
    const next = await privacy.withdrawConsent('fault_media');
    expect(lastCall()).toMatchObject({ method: 'DELETE', path: '/api/v1/privacy/consents/fault_media', body: undefined });
    expect(next).toEqual({ policyVersion: '1.1', reconsentRequired: false, purposes: ['service', 'dealer_sharing'], adult: true });
  });

  it('grants it again under the current policy version, with the 18+ statement, one purpose only', async () => {
    const { privacy } = load();
    await privacy.withdrawConsent('dealer_sharing');
    const next = await privacy.regrantConsent('dealer_sharing');
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/privacy/consents', body: { policyVersion: '1.1', purposes: ['dealer_sharing'], adult: true } });
    expect(next.purposes).toContain('dealer_sharing');
  });

  it('the policy is read once and reused (granting needs its version), unless asked fresh', async () => {
    const { privacy } = load();
    await privacy.regrantConsent('fault_media');
    await privacy.regrantConsent('location');
    expect(world.policyCalls).toBe(1);
    await expect(privacy.getPolicy(true)).resolves.toMatchObject({ version: '1.1', purposes: expect.arrayContaining([expect.objectContaining({ key: 'fault_media', sensitive: true })]) });
    expect(world.policyCalls).toBe(2);
  });

  it('the policy itself cannot be withdrawn: a 409 the page never asks for, in Chinese if it happens', async () => {
    const { privacy, errors } = load();
    const err = await privacy.withdrawConsent('service').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(errors.messageOf(err)).toBe('数据已被更新，请刷新后重试');
    expect(world.purposes).toContain('service');
  });

  it('every optional purpose says what stops when withdrawn and what granting allows', () => {
    const { labels } = load();
    for (const p of CONSENT_PURPOSES.filter((k) => k !== 'service')) {
      expect(labels.CONSENT_WITHDRAW_EFFECTS[p]).toMatch(/撤回后/);
      expect(labels.CONSENT_GRANT_EFFECTS[p]).toMatch(/同意后/);
      expect(labels.CONSENT_PURPOSE_LABELS[p]).toMatch(/[\u4e00-\u9fa5]/);
    }
    // The badge is deleted once review is done; fault photos stop being accepted.
    expect(labels.CONSENT_WITHDRAW_EFFECTS.badge_photo).toMatch(/审核完成后删除/);
    expect(labels.CONSENT_WITHDRAW_EFFECTS.fault_media).toMatch(/不能再上传故障照片/);
  });
});

describe('第三方提供记录', () => {
  it('lists which dealer received which fields of which ticket, when and why', async () => {
    const { privacy, labels } = load();
    const items = await privacy.listMyProvisions();
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/me/provisions' });
    expect(items).toEqual(provisions);
    expect(items[0]!.fields.map(labels.provisionFieldLabel)).toEqual(['联系人姓名', '联系人电话', '设备型号和序列号']);
    expect(labels.provisionPurposeLabel('pickup')).toBe('取送设备');
    expect(labels.provisionPurposeLabel('something_new')).toBe('something_new');
  });
});

describe('re-verification code to one’s own number', () => {
  it('asks the server to text the number it holds (the app only has it masked) and returns the cooldown (and the dev code)', async () => {
    const { privacy } = load();
    await expect(privacy.sendOwnPhoneCode()).resolves.toEqual({ cooldownSeconds: 60, devCode: '123456' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/me/sms-code' });
  });

  it('a rate-limited send says how long to wait', async () => {
    const { privacy, errors } = load();
    world.refuseSms = new RateLimitedError(42);
    const err = await privacy.sendOwnPhoneCode().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 42 });
    expect(errors.messageOf(err)).toBe('操作太频繁，请稍后再试');
  });
});

describe('shown values', () => {
  it('masks a phone, writes a Beijing date, and keeps the data-in-China statement', () => {
    const { labels } = load();
    expect(labels.maskPhone('13800000004')).toBe('138****0004');
    expect(labels.maskPhone(null)).toBe('');
    // 2026-12-06 20:00 UTC is already the 7th in Beijing.
    expect(labels.formatDateZh('2026-12-06T20:00:00.000Z')).toBe('2026 年 12 月 7 日');
    expect(labels.formatDateZh(null)).toBe('');
    expect(labels.DATA_IN_CHINA).toMatch(/中国境内/);
  });
});
