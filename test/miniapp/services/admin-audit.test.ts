import { randomUUID } from 'node:crypto';
import { AuditPageSchema, AuditQuerySchema, type AuditView } from '../../../shared/schemas/admin-users.schema';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Audit = typeof import('../../../miniapp/src/services/admin-audit');
type Labels = typeof import('../../../miniapp/src/labels/audit-actions.zh');
type PrivacyLabels = typeof import('../../../miniapp/src/labels/privacy.admin.zh');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src';
const adminId = randomUUID();
const userId = randomUUID();

const row: AuditView = {
  id: randomUUID(),
  createdAt: '2026-11-22T03:00:00.000Z',
  action: 'registration.approve',
  actor: { id: adminId, name: '王管理员', role: 'admin' },
  subject: { id: userId, name: '李静' },
  reason: null,
  requestId: 'req-7f3a',
};
const ACTIONS = ['access.grant', 'registration.approve', 'registration.reject', 'account.disable', 'something.new'];

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'get',
      path: '/admin/audit',
      query: AuditQuerySchema,
      response: AuditPageSchema,
      reply: ({ query }) => ((query as { cursor?: string }).cursor ? { items: [], nextCursor: null, actions: ACTIONS } : { items: [row], nextCursor: randomUUID(), actions: ACTIONS }),
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load(base = standIn.server.url) {
  return loadApp<{ audit: Audit; labels: Labels; privacyLabels: PrivacyLabels; errors: Errors }>(base, {
    audit: `${SRC}/services/admin-audit`,
    labels: `${SRC}/labels/audit-actions.zh`,
    privacyLabels: `${SRC}/labels/privacy.admin.zh`,
    errors: `${SRC}/services/errors.zh`,
  });
}

const filters = (patch: Partial<import('../../../miniapp/src/services/admin-audit').AuditFilters>) => ({ action: '', actor: '', subject: '', from: '', to: '', ...patch });

describe('管理操作日志', () => {
  it('turns the search form into the API query: an action or a family, a phone or a user id, Shanghai days', () => {
    const { audit } = load();
    expect(audit.auditQueryOf(filters({}))).toEqual({ query: {} });
    expect(audit.auditQueryOf(filters({ action: 'account.', actor: ` ${adminId.toUpperCase()} ` }))).toEqual({ query: { action: 'account.', actorId: adminId } });
    expect(audit.auditQueryOf(filters({ subject: '138 0000 0004' }))).toEqual({ query: { subjectPhone: '13800000004' } });
    expect(audit.auditQueryOf(filters({ subject: '+8613800000004' }))).toEqual({ query: { subjectPhone: '13800000004' } });
    expect(audit.auditQueryOf(filters({ subject: userId }))).toEqual({ query: { subjectUserId: userId } });
    expect(audit.auditQueryOf(filters({ from: '2026-11-01', to: '2026-11-22' }))).toEqual({
      query: { from: '2026-11-01T00:00:00.000+08:00', to: '2026-11-22T23:59:59.999+08:00' },
    });
    const { query } = audit.auditQueryOf(filters({ action: 'registration.approve', actor: adminId, subject: '13800000004', from: '2026-11-01', to: '2026-11-01' }));
    expect(AuditQuerySchema.safeParse(query).success).toBe(true);
  });

  it('says in Chinese what cannot be searched by', () => {
    const { audit } = load();
    expect(audit.auditQueryOf(filters({ actor: '王管理员' }))).toEqual({ errors: { actor: '请输入完整的用户 ID（36 位，含连字符）' } });
    expect(audit.auditQueryOf(filters({ subject: '1380000' }))).toEqual({ errors: { subject: '请输入 11 位手机号' } });
    expect(audit.auditQueryOf(filters({ subject: '李静' }))).toEqual({ errors: { subject: '请输入 11 位手机号或完整的用户 ID' } });
    expect(audit.auditQueryOf(filters({ from: '2026-11-22', to: '2026-11-01' }))).toEqual({ errors: { to: '结束日期不能早于开始日期' } });
  });

  it('searches newest first with keyset 加载更多 and reads the actions for the filter', async () => {
    const { audit } = load();
    const first = await audit.listAudit({ subjectPhone: '13800000004', action: 'account.' });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/audit', query: { subjectPhone: '13800000004', action: 'account.', limit: 50 } });
    expect(first.items).toEqual([row]);
    expect(first.actions).toEqual(ACTIONS);
    const more = await audit.listAudit({}, { cursor: first.nextCursor!, limit: 20 });
    expect(lastCall()?.query).toEqual({ cursor: first.nextCursor, limit: 20 });
    expect(more.items).toEqual([]);
  });

  it('refuses a query the contract refuses, in Chinese', async () => {
    const { audit } = load();
    const bad = await audit.listAudit({ subjectPhone: '123' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [expect.objectContaining({ path: 'query.subjectPhone', message: '请输入 11 位手机号' })] });
    expect(standIn.calls).toHaveLength(0);

    const { audit: away, errors } = load('http://127.0.0.1:9');
    const offline = await away.listAudit({}).catch((e: unknown) => e);
    expect(offline).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(errors.messageOf(offline)).toBe(errors.messageForCode('SERVICE_UNAVAILABLE'));
  });

  it('names actions in Chinese, falling back to the family or the raw action', () => {
    const { labels } = load();
    expect(labels.auditActionLabel('registration.approve')).toBe('通过注册');
    expect(labels.auditActionLabel('account.create.engineer')).toBe('新建工程师账号');
    expect(labels.auditActionLabel('privacy_request.refused')).toBe('拒绝隐私申请');
    expect(labels.auditActionLabel('account.something_new')).toBe('账号：account.something_new');
    expect(labels.auditActionLabel('something.new')).toBe('something.new');
    expect(labels.auditFamilyLabel('registration.')).toBe('全部注册审核操作');
  });

  it('offers 全部操作, each family with two or more actions, and every action in the dropdown', () => {
    const { audit } = load();
    expect(audit.actionOptions(ACTIONS)).toEqual([
      { key: '', label: '全部操作' },
      { key: 'access.grant', label: '授予高级权限' },
      { key: 'account.disable', label: '停用账号' },
      { key: 'registration.', label: '全部注册审核操作' },
      { key: 'registration.approve', label: '通过注册' },
      { key: 'registration.reject', label: '驳回注册' },
      { key: 'something.new', label: 'something.new' },
    ]);
    // The chosen action stays in the list even when the server's list lacks it (a deep link, an older action).
    expect(audit.actionOptions([], 'user.enable').map((o) => o.key)).toEqual(['', 'user.enable']);
    expect(audit.actionOptions([], 'user.').map((o) => o.key)).toEqual(['', 'user.']);
  });

  it('names who acted and whom it concerned', () => {
    const { audit, privacyLabels } = load();
    expect(audit.auditActorLine(row, privacyLabels.ROLE_LABELS)).toBe('王管理员（管理员）');
    expect(audit.auditActorLine({ actor: null }, privacyLabels.ROLE_LABELS)).toBe('系统');
    expect(audit.auditActorLine({ actor: { id: adminId, name: null, role: null } }, privacyLabels.ROLE_LABELS)).toBe('（已注销用户）');
    expect(audit.auditSubjectLine(row)).toBe('李静');
    expect(audit.auditSubjectLine({ subject: null })).toBe('—');
    expect(audit.auditSubjectLine({ subject: { id: userId, name: null } })).toBe('（已注销用户）');
  });
});
