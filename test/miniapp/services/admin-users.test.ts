import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AccountSchema, DealerSchema, EngineerCreateSchema } from '../../../shared/schemas/access.schema';
import {
  AdminCreateSchema,
  AdminUserDetailSchema,
  AdminUserPageSchema,
  AdminUserQuerySchema,
  BulkUserActionSchema,
  BulkUserResultSchema,
  DisableSchema,
  RevokeSessionsResultSchema,
  RoleChangeSchema,
  type AdminUserDetail,
  type AdminUserRow,
} from '../../../shared/schemas/admin-users.schema';
import { ConflictError, NotFoundError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Users = typeof import('../../../miniapp/src/services/admin-users');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');

const SRC = '../../../miniapp/src';
const Id = z.object({ id: z.string().uuid() });
const nurseId = randomUUID();
const goneId = randomUUID();
const raceId = randomUUID();
const hospitalId = randomUUID();
const dealerId = randomUUID();
const takenPhone = '13800000004';

const nurseRow: AdminUserRow = {
  id: nurseId,
  name: '李静',
  phone: '138****0004',
  role: 'staff',
  tier: 'advanced',
  status: 'active',
  disabled: false,
  hospital: { id: hospitalId, name: '上海市第六人民医院' },
  department: { id: randomUUID(), name: '消化内镜中心' },
  dealer: null,
  activeSessions: 2,
  createdAt: '2026-01-05T02:00:00.000Z',
};
const nurse: AdminUserDetail = {
  ...nurseRow,
  position: '护士长',
  title: '主管护师',
  gender: 'female',
  managedDepartments: [nurseRow.department!],
  badgeFileId: randomUUID(),
  disabledAt: null,
  disabledReason: null,
  registeredAt: '2026-01-06T02:00:00.000Z',
  lastSignInAt: '2026-11-21T01:00:00.000Z',
  consents: ['service', 'badge_photo'],
  ticketCount: 7,
  pointsBalance: 1500,
};
const dealers = [
  { id: dealerId, name: '华东医疗器械服务有限公司', contractRef: 'WT-2026-0012', purposes: ['onsite_check'], active: true },
  { id: randomUUID(), name: '已解约经销商', contractRef: 'WT-2025-0001', purposes: ['pickup'], active: false },
];

function act<T>(id: string, ok: () => T): T {
  if (id === goneId) throw new NotFoundError('没有这个用户');
  if (id === raceId) throw new ConflictError('该账号已停用');
  return ok();
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'get',
      path: '/admin/accounts',
      query: AdminUserQuerySchema,
      response: AdminUserPageSchema,
      reply: ({ query }) => ((query as { cursor?: string }).cursor ? { items: [], nextCursor: null } : { items: [nurseRow], nextCursor: 'next-page' }),
    },
    { method: 'get', path: '/admin/accounts/:id', params: Id, response: AdminUserDetailSchema, reply: ({ params }) => act((params as { id: string }).id, () => nurse) },
    {
      method: 'post',
      path: '/admin/accounts/:id/role',
      params: Id,
      body: RoleChangeSchema,
      response: AdminUserDetailSchema,
      reply: ({ params, body }) => act((params as { id: string }).id, () => ({ ...nurse, role: (body as { role: 'engineer' }).role, tier: null })),
    },
    {
      method: 'post',
      path: '/admin/accounts/:id/disable',
      params: Id,
      body: DisableSchema,
      response: AdminUserDetailSchema,
      reply: ({ params, body }) => act((params as { id: string }).id, () => ({ ...nurse, disabled: true, disabledReason: (body as { reason: string }).reason, activeSessions: 0 })),
    },
    {
      method: 'post',
      path: '/admin/accounts/:id/enable',
      params: Id,
      // The contract names no body; the console sends its reason along for the audit log.
      body: DisableSchema.partial(),
      response: AdminUserDetailSchema,
      reply: ({ params }) => act((params as { id: string }).id, () => nurse),
    },
    {
      method: 'post',
      path: '/admin/accounts/:id/revoke-sessions',
      params: Id,
      response: RevokeSessionsResultSchema,
      reply: ({ params }) => act((params as { id: string }).id, () => ({ revoked: 2 })),
    },
    {
      method: 'post',
      path: '/admin/accounts/bulk',
      body: BulkUserActionSchema,
      response: BulkUserResultSchema,
      reply: ({ body }) => {
        const { userIds } = body as { userIds: string[] };
        return { done: userIds.filter((id) => id !== goneId), skipped: userIds.filter((id) => id === goneId).map((id) => ({ id, reason: 'not_found' })) };
      },
    },
    {
      method: 'post',
      path: '/admin/engineers',
      body: EngineerCreateSchema,
      response: AccountSchema,
      status: 201,
      reply: ({ body }) => {
        const { name, phone } = body as { name: string; phone: string };
        if (phone === takenPhone) throw new ConflictError('An account with this phone number exists already.');
        return { id: randomUUID(), name, phone: `${phone.slice(0, 3)}****${phone.slice(7)}`, role: 'engineer', dealer: null };
      },
    },
    {
      method: 'post',
      path: '/admin/admins',
      body: AdminCreateSchema,
      response: AccountSchema,
      status: 201,
      reply: ({ body }) => ({ id: randomUUID(), name: (body as { name: string }).name, phone: '139****0009', role: 'admin', dealer: null }),
    },
    { method: 'get', path: '/admin/dealers', response: z.object({ items: z.array(DealerSchema) }), reply: () => ({ items: dealers }) },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load(base = standIn.server.url) {
  return loadApp<{ users: Users; errors: Errors }>(base, { users: `${SRC}/services/admin-users`, errors: `${SRC}/services/errors.zh` });
}

describe('用户管理 search', () => {
  it('searches a full phone (spaces, dashes, +86 allowed) or an exact name, and says which', () => {
    const { users } = load();
    expect(users.searchTextOf('')).toEqual({ kind: 'none' });
    expect(users.searchTextOf('  ')).toEqual({ kind: 'none' });
    expect(users.searchTextOf('138 0000 0004')).toEqual({ kind: 'phone', q: '13800000004' });
    expect(users.searchTextOf('+86 138-0000-0004')).toEqual({ kind: 'phone', q: '13800000004' });
    expect(users.searchTextOf(' 李静 ')).toEqual({ kind: 'name', q: '李静' });
    expect(users.searchTextOf('1380000')).toEqual({ kind: 'invalid', error: '按手机号查找请输入完整的 11 位手机号' });
    expect(users.searchTextOf('李'.repeat(31))).toEqual({ kind: 'invalid', error: '姓名最多 30 个字' });
    expect(users.describeSearch('13800000004')).toBe('按手机号 13800000004 查找');
    expect(users.describeSearch('李静')).toBe('按姓名“李静”查找（需完整姓名）');
    expect(users.describeSearch('')).toBe('');
  });

  it('lists with the filters the contract takes, keyset 加载更多', async () => {
    const { users } = load();
    const page = await users.listAdminUsers({ q: '13800000004', role: 'staff', status: 'disabled', hospitalId });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/accounts', query: { q: '13800000004', role: 'staff', status: 'disabled', hospitalId, limit: 50 } });
    expect(page).toEqual({ items: [nurseRow], nextCursor: 'next-page' });

    const more = await users.listAdminUsers({}, { cursor: page.nextCursor!, limit: 20 });
    expect(lastCall()?.query).toEqual({ cursor: 'next-page', limit: 20 });
    expect(more).toEqual({ items: [], nextCursor: null });
  });

  it('names role, organisation and status as the table shows them', () => {
    const { users } = load();
    expect(users.roleLine(nurseRow)).toBe('医院员工 · 高级权限');
    expect(users.roleLine({ role: 'staff', tier: 'general', dealer: null })).toBe('医院员工 · 普通权限');
    expect(users.roleLine({ role: 'dealer', tier: null, dealer: { id: dealerId, name: '华东医疗' } })).toBe('经销商 · 华东医疗');
    expect(users.roleLine({ role: 'engineer', tier: null, dealer: null })).toBe('工程师');
    expect(users.orgLine(nurseRow)).toBe('上海市第六人民医院 · 消化内镜中心');
    expect(users.orgLine({ hospital: null, department: null, dealer: { id: dealerId, name: '华东医疗' } })).toBe('华东医疗');
    expect(users.orgLine({ hospital: null, department: null, dealer: null })).toBe('—');
    expect(users.statusText(nurseRow)).toBe('已认证');
    expect(users.statusText({ status: 'active', disabled: true })).toBe('已停用');
    expect(users.statusText({ status: 'pending', disabled: false })).toBe('审核中');
    // A detail becomes its row again, nothing more.
    expect(users.rowOf(nurse)).toEqual(nurseRow);
  });
});

describe('用户管理 profile and actions', () => {
  it('reads the profile with every field of the contract', async () => {
    const { users } = load();
    await expect(users.getAdminUser(nurseId)).resolves.toEqual(nurse);
    expect(lastCall()).toMatchObject({ method: 'GET', path: `/api/v1/admin/accounts/${nurseId}` });
  });

  it('sends role changes, disable, enable and revoke with the bodies the contract asks for', async () => {
    const { users } = load();
    await users.changeUserRole(nurseId, { role: 'dealer', dealerId, reason: '转为经销商员工' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/accounts/${nurseId}/role`, body: { role: 'dealer', dealerId, reason: '转为经销商员工' } });

    await users.disableUser(nurseId, '已离职');
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/accounts/${nurseId}/disable`, body: { reason: '已离职' } });

    await users.enableUser(nurseId, '误停用，已核实');
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/accounts/${nurseId}/enable`, body: { reason: '误停用，已核实' } });

    await expect(users.revokeUserSessions(nurseId)).resolves.toBe(2);
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/admin/accounts/${nurseId}/revoke-sessions` });
  });

  it('says in Chinese why an action failed, and which failures mean the profile is stale', async () => {
    const { users, errors } = load();
    const gone = await users.getAdminUser(goneId).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(users.isStaleUserError(gone)).toBe(true);
    expect(users.userActionMessage(gone)).toBe('该用户不存在或已被注销，列表已刷新');

    const raced = await users.disableUser(raceId, '已离职').catch((e: unknown) => e);
    expect(raced).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(users.isStaleUserError(raced)).toBe(true);
    expect(users.userActionMessage(raced)).toBe('该账号已停用');

    // A reason too short is refused by the server with the shared schema's Chinese.
    const short = await users.disableUser(nurseId, '走').catch((e: unknown) => e);
    expect(short).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [expect.objectContaining({ path: 'reason', message: '请填写原因' })] });
    expect(users.userActionMessage(short)).toBe('请填写原因');
    expect(users.isStaleUserError(short)).toBe(false);

    const away = load('http://127.0.0.1:9').users;
    const offline = await away.revokeUserSessions(nurseId).catch((e: unknown) => e);
    expect(away.isStaleUserError(offline)).toBe(false);
    expect(away.userActionMessage(offline)).toBe(errors.messageForCode('SERVICE_UNAVAILABLE'));
  });

  it('runs a bulk action and reports what it skipped', async () => {
    const { users } = load();
    const other = randomUUID();
    const result = await users.bulkUserAction({ action: 'disable', userIds: [nurseId, other, goneId], reason: '离职人员账号清理' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/admin/accounts/bulk', body: { action: 'disable', userIds: [nurseId, other, goneId], reason: '离职人员账号清理' } });
    expect(result).toEqual({ done: [nurseId, other], skipped: [{ id: goneId, reason: 'not_found' }] });
    expect(users.bulkSummary('disable', result)).toBe('已停用 2 人，跳过 1 人');
    expect(users.bulkSummary('revoke-sessions', { done: [nurseId], skipped: [] })).toBe('已强制下线 1 人');
    expect(users.bulkSummary('enable', { done: [], skipped: [] })).toBe('已启用 0 人');
    expect(users.skipReasonText('not_found')).toBe('用户不存在或已注销');
    expect(users.skipReasonText('该账号已停用')).toBe('该账号已停用');

    // An empty selection is refused before anything is sent (the console checks with the same schema).
    expect(BulkUserActionSchema.safeParse({ action: 'enable', userIds: [], reason: '误停用' }).error?.issues[0]?.message).toBe('请至少选择一位用户');
  });

  it('creates engineers and admins at their own paths; a phone already in use is said in Chinese', async () => {
    const { users } = load();
    const engineer = await users.createAccount('engineer', { name: '周工', phone: '13900000008' }, 'eng-key');
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/admin/engineers', body: { name: '周工', phone: '13900000008' }, idempotencyKey: 'eng-key' });
    expect(engineer).toEqual({ id: expect.any(String) });

    await users.createAccount('admin', { name: '陈管理员', phone: '13900000009' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/admin/admins', body: { name: '陈管理员', phone: '13900000009' } });

    const taken = await users.createAccount('engineer', { name: '李静', phone: takenPhone }).catch((e: unknown) => e);
    expect(taken).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(users.createAccountMessage(taken)).toBe('该手机号已有账号：可搜索该手机号查看，或修改其角色');

    // The form checks with the shared schema first: a short phone never leaves the page.
    expect(AdminCreateSchema.safeParse({ name: '陈', phone: '1390000' }).error?.issues[0]?.message).toBe('请输入 11 位手机号');
  });

  it('offers only active dealers for a dealer account', async () => {
    const { users } = load();
    await expect(users.listDealerChoices()).resolves.toEqual([dealers[0]]);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/dealers' });
  });
});
