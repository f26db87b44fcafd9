import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  PRIVACY_REQUEST_EVENT_KINDS,
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  PrivacyRequestCreateSchema,
  PrivacyRequestListSchema,
  PrivacyRequestViewSchema,
  REFUSAL_REASONS,
  type PrivacyRequestCreate,
  type PrivacyRequestView,
} from '../../../shared/schemas/privacy-requests.schema';
import { NotFoundError, VerificationFailedError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Requests = typeof import('../../../miniapp/src/services/privacy-requests');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');
type Labels = typeof import('../../../miniapp/src/labels/privacy.zh');

const SRC = '../../../miniapp/src';
const DAY = 86_400_000;

function requestFor(body: PrivacyRequestCreate, at = Date.parse('2026-11-22T02:00:00.000Z')): PrivacyRequestView {
  return {
    id: randomUUID(),
    type: body.type,
    status: 'received',
    details: body.details,
    createdAt: new Date(at).toISOString(),
    dueAt: new Date(at + 15 * DAY).toISOString(),
    overdue: false,
    closedAt: null,
    outcome: null,
    refusalReason: null,
    events: [{ kind: 'received', note: null, by: 'user', createdAt: new Date(at).toISOString() }],
  };
}

const refused: PrivacyRequestView = {
  ...requestFor({ type: 'deletion', details: '请删除我三年前的工单照片', code: '000000' }, Date.parse('2026-10-01T02:00:00.000Z')),
  status: 'refused',
  closedAt: '2026-10-10T02:00:00.000Z',
  outcome: '该工单仍在法定保存期内，保存期满后将匿名化。',
  refusalReason: 'legal_retention',
  events: [
    { kind: 'received', note: null, by: 'user', createdAt: '2026-10-01T02:00:00.000Z' },
    { kind: 'taken', note: null, by: 'admin', createdAt: '2026-10-02T02:00:00.000Z' },
    { kind: 'refused', note: '该工单仍在法定保存期内', by: 'admin', createdAt: '2026-10-10T02:00:00.000Z' },
  ],
};

/**
 * The server's side of POST /privacy/requests as far as the client can tell:
 * the code is checked (a wrong one stores nothing); one request per
 * Idempotency-Key, replayed for a retry even though its code is used up.
 */
const world = {
  validCode: '135790',
  byKey: new Map<string, PrivacyRequestView>(),
  list: [] as PrivacyRequestView[],
};

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'post',
      path: '/privacy/requests',
      body: PrivacyRequestCreateSchema,
      response: PrivacyRequestViewSchema,
      status: 201,
      reply: ({ body }) => {
        const key = standIn.calls[standIn.calls.length - 1]!.idempotencyKey;
        const first = world.byKey.get(key);
        if (first) return first;
        const b = body as PrivacyRequestCreate;
        if (b.code !== world.validCode) throw new VerificationFailedError('验证码不正确或已失效');
        world.validCode = 'used';
        const created = requestFor(b);
        world.byKey.set(key, created);
        world.list.unshift(created);
        return created;
      },
    },
    { method: 'get', path: '/privacy/requests', response: PrivacyRequestListSchema, reply: () => ({ items: world.list }) },
    {
      method: 'get',
      path: '/privacy/requests/:id',
      params: z.object({ id: z.string().uuid() }),
      response: PrivacyRequestViewSchema,
      reply: ({ params }) => {
        const found = world.list.find((r) => r.id === (params as { id: string }).id);
        if (!found) throw new NotFoundError('No such request.');
        return found;
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  world.validCode = '135790';
  world.byKey.clear();
  world.list = [refused];
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = () =>
  loadApp<{ requests: Requests; errors: Errors; labels: Labels }>(standIn.server.url, {
    requests: `${SRC}/services/privacy-requests`,
    errors: `${SRC}/services/errors.zh`,
    labels: `${SRC}/labels/privacy.zh`,
  });
const body: PrivacyRequestCreate = { type: 'correction', details: '我已调到消化内科，请更正我的科室', code: '135790' };

describe('提交申请: one request per form visit, re-verified by SMS', () => {
  it('sends type, details and the code with the visit’s Idempotency-Key, and reads the due date 15 days on', async () => {
    const { requests } = load();
    const attempt = requests.startPrivacyRequest();
    const created = await attempt.send(body);
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/privacy/requests', body, idempotencyKey: attempt.key });
    expect(created).toMatchObject({ type: 'correction', status: 'received', dueAt: '2026-12-07T02:00:00.000Z', overdue: false });
    expect(created.events).toEqual([{ kind: 'received', note: null, by: 'user', createdAt: '2026-11-22T02:00:00.000Z' }]);
  });

  it('a retry after a lost answer (the code already used) sends the same key and gets the first request, not a second', async () => {
    const { requests, taro } = load();
    const attempt = requests.startPrivacyRequest();
    const real = taro.request as (o: unknown) => Promise<unknown>;
    let lose = true;
    taro.request = async (options: unknown) => {
      const res = await real(options);
      if (lose) {
        lose = false;
        throw { errMsg: 'request:fail timeout' };
      }
      return res;
    };
    await expect(attempt.send(body)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const again = await attempt.send(body);
    expect(world.byKey.size).toBe(1);
    expect(again.id).toBe([...world.byKey.values()][0]!.id);
    expect(standIn.calls.map((c) => c.idempotencyKey)).toEqual([attempt.key, attempt.key]);
    expect(world.list.filter((r) => r.type === 'correction')).toHaveLength(1);
  });

  it('a wrong code stores nothing and reads VERIFICATION_FAILED in Chinese; the same visit may try again', async () => {
    const { requests, errors } = load();
    const attempt = requests.startPrivacyRequest();
    const err = await attempt.send({ ...body, code: '111111' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'VERIFICATION_FAILED' });
    expect(errors.messageOf(err)).toBe('验证码错误或已失效，请重新获取');
    expect(world.list).toEqual([refused]);
    await expect(attempt.send(body)).resolves.toMatchObject({ status: 'received' });
  });

  it('the contract refuses too short a description and a malformed code with Chinese messages', async () => {
    const { requests } = load();
    const err = await requests.createPrivacyRequest({ type: 'complaint', details: '太慢', code: '12' }, 'k').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    const fields = (err as { fieldErrors: { path: string; message: string }[] }).fieldErrors;
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'details', message: '请具体说明您的请求（至少 5 个字）' },
        { path: 'code', message: '请输入 6 位验证码' },
      ]),
    );
  });

  it('a new visit is a new key', () => {
    const { requests } = load();
    expect(requests.startPrivacyRequest().key).not.toBe(requests.startPrivacyRequest().key);
  });
});

describe('我的申请: status, due date, history, the answer', () => {
  it('lists mine and reads one (a notification opens it by id); someone else’s is 404', async () => {
    const { requests, errors } = load();
    await expect(requests.listPrivacyRequests()).resolves.toEqual([refused]);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/privacy/requests' });
    await expect(requests.getPrivacyRequest(refused.id)).resolves.toMatchObject({ refusalReason: 'legal_retention' });
    expect(lastCall()?.path).toBe(`/api/v1/privacy/requests/${refused.id}`);
    const err = await requests.getPrivacyRequest(randomUUID()).catch((e: unknown) => e);
    expect(errors.messageOf(err)).toBe('内容不存在或您无权查看');
  });

  it('open requests first, soonest due on top; answered ones after, newest first', () => {
    const { requests } = load();
    const open1 = requestFor(body, Date.parse('2026-11-20T00:00:00Z'));
    const open2 = { ...requestFor(body, Date.parse('2026-11-10T00:00:00Z')), status: 'in_progress' as const };
    const done = { ...requestFor(body, Date.parse('2026-11-15T00:00:00Z')), status: 'completed' as const };
    expect(requests.sortRequests([refused, open1, done, open2]).map((r) => r.id)).toEqual([open2.id, open1.id, done.id, refused.id]);
  });

  it('every type, status, history step and legal refusal reason has Chinese words (and a refusal names its law)', () => {
    const { labels } = load();
    const zh = /[\u4e00-\u9fa5]/;
    for (const t of PRIVACY_REQUEST_TYPES) {
      expect(labels.PRIVACY_REQUEST_TYPE_LABELS[t]).toMatch(zh);
      expect(labels.PRIVACY_REQUEST_TYPE_HINTS[t]).toMatch(zh);
    }
    for (const s of PRIVACY_REQUEST_STATUSES) expect(labels.PRIVACY_REQUEST_STATUS_LABELS[s]).toMatch(zh);
    for (const k of PRIVACY_REQUEST_EVENT_KINDS) expect(labels.PRIVACY_REQUEST_EVENT_LABELS[k]).toMatch(zh);
    for (const r of REFUSAL_REASONS) {
      expect(labels.REFUSAL_REASON_LABELS[r]).toMatch(zh);
      expect(labels.REFUSAL_REASON_BASIS[r]).toMatch(/个人信息保护法|GB\/T 35273/);
    }
    expect(labels.REFUSAL_REASON_LABELS.legal_retention).toBe('法律、行政法规规定的保存期限未届满');
  });
});
