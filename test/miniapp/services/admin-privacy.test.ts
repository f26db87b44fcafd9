import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PiiAccessPageSchema, PiiAccessQuerySchema, type PiiAccessView } from '../../../shared/schemas/access-log.schema';
import { JOB_NAMES, JobRunViewSchema, type JobRunView } from '../../../shared/schemas/jobs.schema';
import {
  AdminPrivacyRequestPageSchema,
  AdminPrivacyRequestQuerySchema,
  AdminPrivacyRequestViewSchema,
  PrivacyRequestCompleteSchema,
  PrivacyRequestNoteSchema,
  PrivacyRequestRefuseSchema,
  REFUSAL_REASONS,
  type AdminPrivacyRequestView,
} from '../../../shared/schemas/privacy-requests.schema';
import { ConflictError, NotFoundError } from '../../../server/src/core/errors';
import { RecipientsSchema, TouchedSubjectsPageSchema, TouchedSubjectsQuerySchema } from '../../../shared/schemas/access-log.schema';
import { PURGE_COUNTERS } from '../../../server/src/modules/cancellation/cancellation-purge.service';
import { RETENTION_CATEGORIES } from '../../../server/src/modules/privacy/retention.rules';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Privacy = typeof import('../../../miniapp/src/services/admin-privacy');
type Labels = typeof import('../../../miniapp/src/labels/privacy.admin.zh');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src';
const Id = z.object({ id: z.string().uuid() });
const requestId = randomUUID();
const takenId = randomUUID();
const goneId = randomUUID();
const userId = randomUUID();
const adminId = randomUUID();

const received: AdminPrivacyRequestView = {
  id: requestId,
  type: 'deletion',
  status: 'received',
  details: '请删除我 2026 年 10 月的咨询记录',
  createdAt: '2026-11-10T02:00:00.000Z',
  dueAt: '2026-11-25T02:00:00.000Z',
  overdue: false,
  closedAt: null,
  outcome: null,
  refusalReason: null,
  events: [{ kind: 'received', note: null, by: 'user', createdAt: '2026-11-10T02:00:00.000Z' }],
  user: { id: userId, name: '李护士', hospital: '上海市第六人民医院' },
  handledById: null,
};
const step = (view: AdminPrivacyRequestView, change: Partial<AdminPrivacyRequestView>, event: AdminPrivacyRequestView['events'][number]) => ({
  ...view,
  ...change,
  events: [...view.events, event],
});

const logRow: PiiAccessView = {
  id: randomUUID(),
  createdAt: '2026-11-22T03:00:00.000Z',
  actor: { id: adminId, name: '王管理员', role: 'admin' },
  subject: { id: userId, name: '李护士' },
  subjectCount: 1,
  action: 'badge.view',
  fields: ['badge_photo'],
  purpose: '注册审核',
  requestId: 'req-7f3a',
};

const recipient = {
  id: randomUUID(),
  name: '华东医疗器械服务有限公司',
  contractRef: 'WT-2026-0012',
  purposes: ['onsite_check', 'pickup'],
  fields: ['contactName', 'contactPhone', 'description', 'equipment', 'hospital', 'department'],
  active: true,
  staffCount: 2,
  provisionCount: 14,
  subjectCount: 5,
  lastProvisionAt: '2026-11-21T08:00:00.000Z',
  createdAt: '2026-01-05T00:00:00.000Z',
};

function run(job: string, result: JobRunView['result'], status: JobRunView['status'] = 'succeeded', error: string | null = null): JobRunView {
  return { id: randomUUID(), job, period: 'manual:2026-11-22T03:00:00.000Z', trigger: adminId, status, startedAt: '2026-11-22T03:00:00.000Z', finishedAt: '2026-11-22T03:00:02.000Z', result, error };
}

const purgeCounts = Object.fromEntries(PURGE_COUNTERS.map((k) => [k, 0])) as Record<string, number>;
Object.assign(purgeCounts, { accounts: 2, accountsDeleted: 1, files: 3, tickets: 4, sessions: 5 });
const retentionResult = {
  counts: Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, c === 'badge_photos' ? 3 : c === 'sms_codes' ? 12 : 0])),
  files: { removed: 3, failed: 0 },
  unfinished: ['chat_messages'],
  cutoffs: Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, '2026-10-23T03:00:00.000Z'])),
};

function act(id: string, ok: () => unknown): unknown {
  if (id === takenId) throw new ConflictError('这条申请处理中，只有待受理的申请可以受理');
  if (id === goneId) throw new NotFoundError('没有这条申请');
  return ok();
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'get',
      path: '/admin/privacy/requests',
      query: AdminPrivacyRequestQuerySchema,
      response: AdminPrivacyRequestPageSchema,
      reply: ({ query }) => {
        const q = query as { status: string; overdue?: string };
        if (q.status === 'completed' || q.status === 'refused') return { items: [], nextCursor: null, overdueCount: 1 };
        const overdue = { ...received, id: randomUUID(), dueAt: '2026-11-01T02:00:00.000Z', overdue: true };
        return { items: q.overdue === 'true' ? [overdue] : [overdue, received], nextCursor: q.overdue === 'true' ? null : randomUUID(), overdueCount: 1 };
      },
    },
    { method: 'get', path: '/admin/privacy/requests/:id', params: Id, response: AdminPrivacyRequestViewSchema, reply: ({ params }) => act((params as { id: string }).id, () => received) },
    {
      method: 'post',
      path: '/admin/privacy/requests/:id/take',
      params: Id,
      response: AdminPrivacyRequestViewSchema,
      reply: ({ params }) =>
        act((params as { id: string }).id, () =>
          step(received, { status: 'in_progress', handledById: adminId }, { kind: 'taken', note: null, by: 'admin', createdAt: '2026-11-11T02:00:00.000Z' }),
        ),
    },
    {
      method: 'post',
      path: '/admin/privacy/requests/:id/note',
      params: Id,
      body: PrivacyRequestNoteSchema,
      response: AdminPrivacyRequestViewSchema,
      reply: ({ params, body }) =>
        act((params as { id: string }).id, () =>
          step(received, {}, { kind: 'note', note: (body as { note: string }).note, by: 'admin', createdAt: '2026-11-11T03:00:00.000Z' }),
        ),
    },
    {
      method: 'post',
      path: '/admin/privacy/requests/:id/complete',
      params: Id,
      body: PrivacyRequestCompleteSchema,
      response: AdminPrivacyRequestViewSchema,
      reply: ({ params, body }) =>
        act((params as { id: string }).id, () => {
          const { outcome } = body as { outcome: string };
          return step(received, { status: 'completed', outcome, closedAt: '2026-11-12T02:00:00.000Z' }, { kind: 'completed', note: outcome, by: 'admin', createdAt: '2026-11-12T02:00:00.000Z' });
        }),
    },
    {
      method: 'post',
      path: '/admin/privacy/requests/:id/refuse',
      params: Id,
      body: PrivacyRequestRefuseSchema,
      response: AdminPrivacyRequestViewSchema,
      reply: ({ params, body }) =>
        act((params as { id: string }).id, () => {
          const { reason, outcome } = body as { reason: (typeof REFUSAL_REASONS)[number]; outcome: string };
          return step(
            received,
            { status: 'refused', refusalReason: reason, outcome, closedAt: '2026-11-12T02:00:00.000Z' },
            { kind: 'refused', note: outcome, by: 'admin', createdAt: '2026-11-12T02:00:00.000Z' },
          );
        }),
    },
    {
      method: 'get',
      path: '/admin/privacy/access-log',
      query: PiiAccessQuerySchema,
      response: PiiAccessPageSchema,
      reply: ({ query }) => ((query as { cursor?: string }).cursor ? { items: [], nextCursor: null } : { items: [logRow], nextCursor: randomUUID() }),
    },
    {
      method: 'get',
      path: '/admin/privacy/access-log/subjects',
      query: TouchedSubjectsQuerySchema,
      response: TouchedSubjectsPageSchema,
      reply: () => ({
        items: [{ subject: { id: userId, name: '李护士' }, accesses: 3, firstAt: '2026-11-20T01:00:00.000Z', lastAt: '2026-11-21T01:00:00.000Z', actions: ['badge.view', 'phone.reveal'], fields: ['badge_photo', 'ticket.contactPhone'] }],
        nextCursor: null,
        unnamedSubjects: 12,
      }),
    },
    { method: 'get', path: '/admin/privacy/recipients', response: RecipientsSchema, reply: () => ({ items: [recipient] }) },
    {
      method: 'post',
      path: '/admin/jobs/:job/run',
      params: z.object({ job: z.string().min(1).max(40) }),
      response: JobRunViewSchema,
      reply: ({ params }) => {
        const { job } = params as { job: string };
        if (!(JOB_NAMES as readonly string[]).includes(job)) throw new NotFoundError(`No job "${job}".`);
        if (job === 'retention') return run(job, retentionResult);
        return run(job, { ...purgeCounts });
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load(base = standIn.server.url) {
  return loadApp<{ privacy: Privacy; labels: Labels; errors: Errors }>(base, {
    privacy: `${SRC}/services/admin-privacy`,
    labels: `${SRC}/labels/privacy.admin.zh`,
    errors: `${SRC}/services/errors.zh`,
  });
}

describe('隐私申请处理 against the shared contracts', () => {
  it('asks each tab with its status (逾期 = open narrowed to overdue) and reads the overdue count', async () => {
    const { privacy } = load();
    const open = await privacy.listPrivacyRequests();
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/privacy/requests', query: { status: 'open', limit: 20 } });
    expect(open).toMatchObject({ overdueCount: 1, items: [expect.objectContaining({ overdue: true }), expect.objectContaining({ id: requestId, user: received.user })] });

    const cursor = randomUUID();
    await privacy.listPrivacyRequests({ filter: 'overdue', cursor, limit: 50 });
    expect(lastCall()?.query).toEqual({ status: 'open', overdue: 'true', cursor, limit: 50 });
    await privacy.listPrivacyRequests({ filter: 'refused' });
    expect(lastCall()?.query).toEqual({ status: 'refused', limit: 20 });
    await privacy.listPrivacyRequests({ filter: 'completed' });
    expect(lastCall()?.query).toEqual({ status: 'completed', limit: 20 });

    expect(privacy.isRequestFilter('overdue')).toBe(true);
    expect(privacy.isRequestFilter('in_progress')).toBe(false);
    expect(privacy.isRequestFilter(undefined)).toBe(false);
  });

  it('counts open requests from one full page for the hub (100+ when there are more)', async () => {
    const { privacy } = load();
    const summary = await privacy.privacyQueueSummary();
    expect(lastCall()?.query).toEqual({ status: 'open', limit: privacy.OPEN_COUNT_PAGE });
    expect(summary).toEqual({ open: 2, openMore: true, overdue: 1 });
    expect(privacy.countText(summary.open, summary.openMore)).toBe('2+');
    expect(privacy.countText(7, false)).toBe('7');
  });

  it('reads one request, then takes, notes, completes and refuses it with the bodies the contract asks for', async () => {
    const { privacy } = load();
    await expect(privacy.getPrivacyRequest(requestId)).resolves.toMatchObject({ id: requestId, events: [expect.objectContaining({ kind: 'received', by: 'user' })] });
    expect(lastCall()).toMatchObject({ method: 'GET', path: `/api/v1/admin/privacy/requests/${requestId}` });

    const taken = await privacy.takePrivacyRequest(requestId);
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/privacy/requests/${requestId}/take` });
    expect(taken).toMatchObject({ status: 'in_progress', handledById: adminId });

    const noted = await privacy.notePrivacyRequest(requestId, '已核实身份，正在整理');
    expect(lastCall()).toMatchObject({ path: `/api/v1/admin/privacy/requests/${requestId}/note`, body: { note: '已核实身份，正在整理' } });
    expect(noted.events.at(-1)).toMatchObject({ kind: 'note', note: '已核实身份，正在整理' });

    const done = await privacy.completePrivacyRequest(requestId, '已删除 3 条咨询记录');
    expect(lastCall()).toMatchObject({ path: `/api/v1/admin/privacy/requests/${requestId}/complete`, body: { outcome: '已删除 3 条咨询记录' } });
    expect(done).toMatchObject({ status: 'completed', outcome: '已删除 3 条咨询记录' });

    const refused = await privacy.refusePrivacyRequest(requestId, 'legal_retention', '工单须保存 5 年，到期后匿名化');
    expect(lastCall()).toMatchObject({ path: `/api/v1/admin/privacy/requests/${requestId}/refuse`, body: { reason: 'legal_retention', outcome: '工单须保存 5 年，到期后匿名化' } });
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'legal_retention' });
  });

  it('offers only the steps the status allows (complete and refuse once taken)', () => {
    const { privacy } = load();
    expect(privacy.stepsFor('received')).toEqual({ take: true, note: true, complete: false, refuse: false });
    expect(privacy.stepsFor('in_progress')).toEqual({ take: false, note: true, complete: true, refuse: true });
    expect(privacy.stepsFor('completed')).toEqual({ take: false, note: false, complete: false, refuse: false });
    expect(privacy.stepsFor('refused')).toEqual({ take: false, note: false, complete: false, refuse: false });
  });

  it('checks texts with the shared schemas; a refusal without a legal ground is refused here and by the server', async () => {
    const { privacy } = load();
    expect(privacy.checkNote('好')).toBe('请填写备注');
    expect(privacy.checkNote('已联系')).toBeUndefined();
    expect(privacy.checkOutcome('已删')).toBe('请写明处理结果（至少 5 个字），用户会看到');
    expect(privacy.checkRefusal(null, '不行')).toEqual({ reason: '拒绝必须选择法定理由', outcome: '请向用户说明拒绝的具体原因（至少 5 个字）' });
    expect(privacy.checkRefusal('because', '依法须保存五年')).toEqual({ reason: '拒绝必须选择法定理由' });
    expect(privacy.checkRefusal('legal_retention', '依法须保存五年')).toEqual({});
    expect(privacy.isRefusalReason('public_interest')).toBe(true);
    expect(privacy.isRefusalReason('because')).toBe(false);

    // The server refuses the same, with the Chinese shown under the field.
    const refused = await privacy.refusePrivacyRequest(requestId, 'because' as never, '依法须保存五年').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [expect.objectContaining({ path: 'reason', message: '拒绝必须选择法定理由' })] });
    expect(privacy.privacyActionMessage(refused)).toBe('拒绝必须选择法定理由');
    // Refused before the handler: nothing was recorded.
    expect(standIn.calls.filter((c) => c.path.endsWith('/refuse'))).toHaveLength(0);
  });

  it('says in Chinese why a step failed: the server’s words on 409, a reload on 404', async () => {
    const { privacy, errors } = load();
    const conflict = await privacy.takePrivacyRequest(takenId).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(privacy.isStalePrivacyError(conflict)).toBe(true);
    expect(privacy.privacyActionMessage(conflict)).toBe('这条申请处理中，只有待受理的申请可以受理（已刷新）');

    const gone = await privacy.getPrivacyRequest(goneId).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(privacy.privacyActionMessage(gone)).toBe('这条申请不存在或已无法查看，列表已刷新');

    const away = load('http://127.0.0.1:9').privacy;
    const offline = await away.completePrivacyRequest(requestId, '已删除全部记录').catch((e: unknown) => e);
    expect(away.isStalePrivacyError(offline)).toBe(false);
    expect(away.privacyActionMessage(offline)).toBe(errors.messageForCode('SERVICE_UNAVAILABLE'));
  });

  it('shows the deadline as 剩 N 天 / 今天到期 / 逾期 N 天, and how a closed one ended', () => {
    const { privacy } = load();
    const now = Date.parse('2026-11-22T02:00:00.000Z'); // 10:00 in Shanghai
    const open = { status: 'received' as const, closedAt: null, overdue: false };
    expect(privacy.dueLabel({ ...open, dueAt: '2026-11-25T02:00:00.000Z' }, now)).toEqual({ text: '剩 3 天', tone: 'soon' });
    expect(privacy.dueLabel({ ...open, dueAt: '2026-12-05T02:00:00.000Z' }, now)).toEqual({ text: '剩 13 天', tone: 'ok' });
    expect(privacy.dueLabel({ ...open, dueAt: '2026-11-22T09:00:00.000Z' }, now)).toEqual({ text: '今天到期', tone: 'soon' });
    expect(privacy.dueLabel({ ...open, dueAt: '2026-11-19T02:00:00.000Z', overdue: true }, now)).toEqual({ text: '逾期 3 天', tone: 'overdue' });
    // The server's flag decides red even a moment past due.
    expect(privacy.dueLabel({ ...open, dueAt: '2026-11-22T01:59:00.000Z', overdue: true }, now)).toEqual({ text: '逾期 1 天', tone: 'overdue' });
    const closed = { status: 'completed' as const, overdue: false, dueAt: '2026-11-20T02:00:00.000Z' };
    expect(privacy.dueLabel({ ...closed, closedAt: '2026-11-19T02:00:00.000Z' }, now)).toEqual({ text: '按期办结', tone: 'closed' });
    expect(privacy.dueLabel({ ...closed, closedAt: '2026-11-21T02:00:00.000Z' }, now)).toEqual({ text: '逾期办结', tone: 'closed' });

    expect(privacy.requesterLine(received)).toBe('李护士 · 上海市第六人民医院');
    expect(privacy.requesterLine({ user: { id: userId, name: null, hospital: null } })).toBe('（已注销用户）');
  });

  it('names every request type, status, event and legal ground in Chinese, each ground with its law', () => {
    const { labels } = load();
    for (const reason of REFUSAL_REASONS) {
      expect(labels.REFUSAL_REASON_LABELS[reason].title).toMatch(/[\u4e00-\u9fa5]/);
      expect(labels.REFUSAL_REASON_LABELS[reason].law).toMatch(/《个人信息保护法》第.+条|GB\/T 35273-2020/);
    }
    expect(labels.refusalReasonText('legal_retention')).toBe('法律、行政法规规定的保存期限未届满（《个人信息保护法》第四十七条第二款）');
    expect(labels.PRIVACY_REQUEST_STATUS_LABELS).toEqual({ received: '待受理', in_progress: '处理中', completed: '已完成', refused: '已拒绝' });
  });
});

describe('个人信息访问日志', () => {
  const filters = (patch: Partial<import('../../../miniapp/src/services/admin-privacy').AccessLogFilters>) => ({
    actor: '',
    subject: '',
    action: '' as const,
    from: '',
    to: '',
    ...patch,
  });

  it('turns the search form into the API query: ids, a phone through the blind index, action, Shanghai days', () => {
    const { privacy } = load();
    expect(privacy.accessLogQueryOf(filters({}))).toEqual({ query: {} });
    expect(privacy.accessLogQueryOf(filters({ actor: ` ${adminId.toUpperCase()} `, action: 'badge.view' }))).toEqual({ query: { actorId: adminId, action: 'badge.view' } });
    expect(privacy.accessLogQueryOf(filters({ subject: '138 0013 8000' }))).toEqual({ query: { subjectPhone: '13800138000' } });
    expect(privacy.accessLogQueryOf(filters({ subject: '+86 13800138000' }))).toEqual({ query: { subjectPhone: '13800138000' } });
    expect(privacy.accessLogQueryOf(filters({ subject: userId }))).toEqual({ query: { subjectUserId: userId } });
    expect(privacy.accessLogQueryOf(filters({ from: '2026-11-01', to: '2026-11-22' }))).toEqual({
      query: { from: '2026-11-01T00:00:00.000+08:00', to: '2026-11-22T23:59:59.999+08:00' },
    });
    // Each is what the contract accepts.
    const { query } = privacy.accessLogQueryOf(filters({ actor: adminId, subject: '13800138000', action: 'phone.reveal', from: '2026-11-01', to: '2026-11-01' }));
    expect(PiiAccessQuerySchema.safeParse(query).success).toBe(true);
  });

  it('says in Chinese what cannot be searched by', () => {
    const { privacy } = load();
    expect(privacy.accessLogQueryOf(filters({ actor: '王管理员' }))).toEqual({ errors: { actor: '请输入完整的用户 ID（36 位，含连字符）' } });
    expect(privacy.accessLogQueryOf(filters({ subject: '1380013' }))).toEqual({ errors: { subject: '请输入 11 位手机号' } });
    expect(privacy.accessLogQueryOf(filters({ subject: '李护士' }))).toEqual({ errors: { subject: '请输入 11 位手机号或完整的用户 ID' } });
    expect(privacy.accessLogQueryOf(filters({ from: '2026-11-22', to: '2026-11-01' }))).toEqual({ errors: { to: '结束日期不能早于开始日期' } });
  });

  it('searches newest first with keyset 加载更多, and names the rows in Chinese', async () => {
    const { privacy, labels } = load();
    const first = await privacy.listAccessLog({ subjectPhone: '13800138000', action: 'badge.view' });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/privacy/access-log', query: { subjectPhone: '13800138000', action: 'badge.view', limit: 50 } });
    expect(first.items).toEqual([logRow]);
    const more = await privacy.listAccessLog({ subjectPhone: '13800138000' }, { cursor: first.nextCursor! });
    expect(lastCall()?.query).toMatchObject({ cursor: first.nextCursor, limit: 50 });
    expect(more).toEqual({ items: [], nextCursor: null });

    expect(privacy.actorLine(logRow, labels.ROLE_LABELS)).toBe('王管理员（管理员）');
    expect(privacy.actorLine({ ...logRow, actor: null }, labels.ROLE_LABELS)).toBe('系统');
    expect(privacy.subjectLine(logRow)).toBe('李护士');
    expect(privacy.subjectLine({ ...logRow, subject: null, subjectCount: 12 })).toBe('12 人');
    expect(labels.PII_ACCESS_ACTION_LABELS[logRow.action]).toBe('查看工牌照片');
    expect(labels.fieldsText(['badge_photo', 'ticket.contactPhone', 'somethingNew'])).toBe('工牌照片、工单联系人电话、somethingNew');
    expect(labels.purposeLabel('delegation:onsite_check')).toBe('委托上门检查');
    expect(labels.purposeLabel('注册审核')).toBe('注册审核');
  });

  it('lists everyone one actor touched in a range, for breach response', async () => {
    const { privacy } = load();
    expect(privacy.touchedSubjectsQueryOf({ actorId: adminId, from: '2026-11-01T00:00:00.000+08:00' })).toBeNull();
    const { query } = privacy.accessLogQueryOf(filters({ actor: adminId, from: '2026-11-01', to: '2026-11-22', action: 'badge.view' }));
    const breach = privacy.touchedSubjectsQueryOf(query!);
    expect(breach).toEqual({ actorId: adminId, from: '2026-11-01T00:00:00.000+08:00', to: '2026-11-22T23:59:59.999+08:00' });
    const page = await privacy.listTouchedSubjects(breach!);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/privacy/access-log/subjects', query: { ...breach, limit: 100 } });
    expect(page).toMatchObject({ unnamedSubjects: 12, items: [expect.objectContaining({ accesses: 3, subject: { id: userId, name: '李护士' } })] });
  });

  it('has no call that changes or deletes the log', () => {
    const { privacy } = load();
    const names = Object.entries(privacy)
      .filter(([k, v]) => typeof v === 'function' && /access.?log/i.test(k))
      .map(([k]) => k);
    expect(names.sort()).toEqual(['accessLogQueryOf', 'listAccessLog']);
    expect(Object.keys(privacy).filter((k) => /^(update|delete|remove|edit)/i.test(k))).toEqual([]);
  });
});

describe('接收方登记 and 运行任务', () => {
  it('reads the recipients registry in the server’s shape', async () => {
    const { privacy, labels } = load();
    const items = await privacy.listRecipients();
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/privacy/recipients' });
    expect(items).toEqual([recipient]);
    expect(items[0]!.purposes.map(labels.purposeLabel)).toEqual(['上门检查', '取送设备']);
    expect(labels.fieldsText(items[0]!.fields)).toBe('联系人姓名、联系人电话、故障描述、设备信息、医院、科室');
  });

  it('runs 注销账号清理 and 数据保留清理 now and shows their counts in Chinese, zeros left out', async () => {
    const { privacy } = load();
    const purge = await privacy.runPrivacyJob('cancellation-purge');
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/admin/jobs/cancellation-purge/run' });
    expect(purge).toMatchObject({ job: 'cancellation-purge', status: 'succeeded' });
    expect(privacy.jobResultLines(purge.result)).toEqual([
      { key: 'accounts', label: '清理的账号', value: '2' },
      { key: 'accountsDeleted', label: '彻底删除的账号', value: '1' },
      { key: 'files', label: '文件', value: '3' },
      { key: 'tickets', label: '工单（匿名保留）', value: '4' },
      { key: 'sessions', label: '登录会话', value: '5' },
    ]);

    const retention = await privacy.runPrivacyJob('retention');
    expect(lastCall()).toMatchObject({ path: '/api/v1/admin/jobs/retention/run' });
    expect(privacy.jobResultLines(retention.result)).toEqual([
      { key: 'counts.badge_photos', label: '工牌照片', value: '3' },
      { key: 'counts.sms_codes', label: '短信验证码', value: '12' },
      { key: 'files.removed', label: '文件 · 已删除', value: '3' },
      { key: 'unfinished', label: '本次未处理完（下次继续）', value: '咨询消息' },
    ]);
  });

  it('has a Chinese name for every counter the server’s jobs report', () => {
    const { labels } = load();
    for (const key of [...PURGE_COUNTERS, ...RETENTION_CATEGORIES]) expect(labels.JOB_RESULT_LABELS[key]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('shows a quiet night as no lines, and a failed run as its record', () => {
    const { privacy } = load();
    expect(privacy.jobResultLines({ ...Object.fromEntries(PURGE_COUNTERS.map((k) => [k, 0])) })).toEqual([]);
    expect(privacy.jobResultLines(null)).toEqual([]);
    const failed = run('cancellation-purge', null, 'failed', '1 account(s) could not be purged');
    expect(JobRunViewSchema.parse(failed)).toMatchObject({ status: 'failed' });
  });

  it('tells why a run could not start', async () => {
    const { privacy } = load();
    const unknown = await privacy.runPrivacyJob('nightly-everything' as never).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(privacy.jobRunMessage(unknown)).toBe('服务器上没有这个任务，请更新服务器版本');
    expect(privacy.PRIVACY_JOBS).toEqual(['retention', 'cancellation-purge']);
  });
});
