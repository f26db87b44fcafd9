import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SmsSendResultSchema, SmsSendSchema, SmsVerifySchema } from '../../../shared/schemas/auth.schema';
import { EXPORT_SECTIONS, MyDataSchema, type MyData } from '../../../shared/schemas/export.schema';
import { MeSchema, ProfilePatchSchema, type Me } from '../../../shared/schemas/me.schema';
import { ConflictError, UnauthenticatedError, ValidationError, VerificationFailedError } from '../../../server/src/core/errors';
import { probe } from '../../support/probes';
import { startTestServer, type TestServer } from '../../support/test-server';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type MyDataService = typeof import('../../../miniapp/src/services/my-data');
type ExportH5 = typeof import('../../../miniapp/src/services/my-data-export.h5');
type ExportWeapp = typeof import('../../../miniapp/src/services/my-data-export.weapp');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');
type Token = typeof import('../../../miniapp/src/services/token');
type Http = typeof import('../../../miniapp/src/services/http');
type Labels = typeof import('../../../miniapp/src/labels/privacy.zh');

const SRC = '../../../miniapp/src';
const at = '2026-11-22T02:00:00.000Z';
const hospital = { id: randomUUID(), name: '上海市第六人民医院' };
const department = { id: randomUUID(), name: '内镜中心' };
const newHospital = randomUUID();
const newDepartment = randomUUID();

const media = { fileId: randomUUID(), purpose: 'ticket_photo' as const, mime: 'image/jpeg', size: 20480, uploadedAt: at, url: null };
const listed = <T>(items: T[], total = items.length) => ({ total, items });

const myData: MyData = {
  generatedAt: at,
  listCap: 50,
  profile: {
    id: randomUUID(),
    accountCreatedAt: '2026-11-01T02:00:00.000Z',
    status: 'active',
    role: 'staff',
    tier: 'general',
    name: '王护士',
    gender: 'female',
    position: '护士',
    title: '主管护师',
    hospital,
    department,
    managedDepartments: [],
    badge: null,
    registeredAt: '2026-11-01T03:00:00.000Z',
    decidedAt: '2026-11-02T03:00:00.000Z',
    rejectionReason: null,
    adultConfirmedAt: '2026-11-01T02:00:00.000Z',
    cancellation: null,
    phoneMasked: '138****0004',
    wechatBound: false,
  },
  consents: {
    current: { policyVersion: '1.0', purposes: ['service', 'fault_media'], adultConfirmedAt: '2026-11-01T02:00:00.000Z' },
    history: listed([{ action: 'grant', policyVersion: '1.0', policyPublishedAt: '2026-11-01T00:00:00.000Z', purposes: ['service', 'fault_media'], adult: true, textHash: 'a'.repeat(64), at: '2026-11-01T02:00:00.000Z' }]),
  },
  tickets: listed(
    [
      {
        id: randomUUID(),
        number: 'BX20261122A1B2C3',
        status: 'resolved',
        createdAt: at,
        hospital,
        department,
        equipment: { model: 'GIF-H290', serial: 'SN123' },
        description: '图像发暗',
        contactName: '王护士',
        contactPhone: '13800000004',
        media: [media],
        rating: { score: 5, comment: '很快', at },
      },
    ],
    63,
  ),
  ticketComments: listed([]),
  chats: listed([{ id: randomUUID(), status: 'closed', ticketNumber: null, createdAt: at, closedAt: at, messageCount: 1, messages: [{ id: randomUUID(), from: 'me', kind: 'text', text: '怎么清洗？', media: null, at }] }]),
  browsing: listed([{ document: { id: randomUUID(), title: '内镜再处理指南' }, openedAt: at, secondsRead: 95 }]),
  points: { balance: 120, ledger: listed([{ delta: 100, balanceAfter: 120, reason: 'registration_approved', reference: null, note: null, at }]) },
  addresses: listed([]),
  orders: listed([]),
  provisions: listed([]),
  accessRequests: listed([]),
  privacyRequests: listed([]),
  loginHistory: listed([{ startedAt: at, lastUsedAt: at, state: 'active', endedAt: null, current: true }]),
  notifications: listed([]),
};

function meWith(profile: Partial<Me['profile']>, status: Me['status'] = 'active'): Me {
  return {
    id: myData.profile.id,
    status,
    roles: ['staff'],
    tier: status === 'active' ? 'general' : null,
    managedDepartments: [],
    permissions: ['profile.self'],
    profile: { name: '王护士', phone: '13800000004', hospital, department, position: '护士', title: '主管护师', gender: 'female', hasBadge: false, wechatBound: false, ...profile },
    consents: { policyVersion: '1.0', reconsentRequired: false, purposes: ['service'], adult: true },
    rejectionReason: null,
  };
}

/** The server's side: the codes sent to the new number, and numbers that belong to someone else. */
const world = { sentCode: null as string | null, taken: new Set<string>(['13900000009']) };

// PATCH /me's body, hospitalId included (shared/schemas/me.schema.ts).
const ProfileCorrection = ProfilePatchSchema;

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/me/data', response: MyDataSchema, reply: () => myData },
    {
      method: 'patch',
      path: '/me',
      body: ProfileCorrection,
      response: MeSchema,
      reply: ({ body }) => {
        const b = body as z.infer<typeof ProfileCorrection>;
        if (b.hospitalId && !b.departmentId) throw new ValidationError([{ path: 'departmentId', message: '更换医院时请同时选择新医院的科室' }]);
        const moved = Boolean(b.hospitalId || b.departmentId);
        return meWith(
          {
            ...(b.name ? { name: b.name } : {}),
            ...(b.title !== undefined ? { title: b.title } : {}),
            ...(b.hospitalId ? { hospital: { id: b.hospitalId, name: '瑞金医院' } } : {}),
            ...(b.departmentId ? { department: { id: b.departmentId, name: '消化内科' } } : {}),
          },
          moved ? 'pending' : 'active',
        );
      },
    },
    {
      method: 'post',
      path: '/auth/sms/send',
      body: SmsSendSchema,
      response: SmsSendResultSchema,
      status: 202,
      reply: () => {
        world.sentCode = '864200';
        return { cooldownSeconds: 60, devCode: '864200' };
      },
    },
    {
      method: 'post',
      path: '/me/phone',
      body: SmsVerifySchema,
      response: MeSchema,
      reply: ({ body }) => {
        const b = body as { phone: string; code: string };
        if (b.phone === '13800000004') throw new ValidationError([{ path: 'phone', message: '新手机号与当前手机号相同' }]);
        if (b.code !== world.sentCode) throw new VerificationFailedError('wrong code');
        world.sentCode = null;
        if (world.taken.has(b.phone)) throw new ConflictError('该手机号已绑定其他账号。');
        return meWith({ phone: b.phone });
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  world.sentCode = null;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];
const load = () =>
  loadApp<{ myData: MyDataService; errors: Errors; labels: Labels }>(standIn.server.url, {
    myData: `${SRC}/services/my-data`,
    errors: `${SRC}/services/errors.zh`,
    labels: `${SRC}/labels/privacy.zh`,
  });

describe('我的数据', () => {
  it('reads every section with its total (a list shows the newest 50)', async () => {
    const { myData: svc } = load();
    const data = await svc.getMyData();
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/me/data' });
    expect(data.tickets.total).toBe(63);
    expect(data.tickets.items).toHaveLength(1);
    expect(data.profile.phoneMasked).toBe('138****0004');
  });

  it('names every section of the page and the file in Chinese', () => {
    const { labels } = load();
    for (const s of EXPORT_SECTIONS) expect(labels.MY_DATA_SECTION_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/);
    expect(labels.formatBytes(512)).toBe('512 B');
    expect(labels.formatBytes(20480)).toBe('20.0 KB');
    expect(labels.formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('names the export file by the Beijing date when the server does not', () => {
    const { myData: svc } = load();
    expect(svc.exportFileName(Date.parse('2026-11-22T20:30:00Z'))).toBe('scopedesk-我的数据-20261123.json');
  });
});

describe('资料更正 (PATCH /me)', () => {
  const current = { name: '王护士', position: '护士', title: '主管护师', gender: 'female' as const, hospitalId: hospital.id, departmentId: department.id };

  it('sends only what changed; a cleared title is null', () => {
    const { myData: svc } = load();
    expect(svc.profileChanges(current, { ...current, name: ' 王丽 ', title: '' })).toEqual({ name: '王丽', title: null });
    expect(svc.profileChanges(current, { ...current })).toEqual({});
    expect(svc.profileChanges(current, { ...current, departmentId: newDepartment })).toEqual({ departmentId: newDepartment });
    // A new hospital carries its department; without one the client schema says what is missing.
    expect(svc.profileChanges(current, { ...current, hospitalId: newHospital, departmentId: newDepartment })).toEqual({ hospitalId: newHospital, departmentId: newDepartment });
    const partial = svc.profileChanges(current, { ...current, hospitalId: newHospital, departmentId: null });
    expect(partial).toEqual({ hospitalId: newHospital });
    expect(svc.ProfileCorrectionSchema.safeParse(partial).error?.issues[0]).toMatchObject({ path: ['departmentId'], message: '更换医院时请同时选择新医院的科室' });
  });

  it('a name change is PATCH /me with just that field and reads the new /me', async () => {
    const { myData: svc } = load();
    const me = await svc.updateProfile({ name: '王丽' });
    expect(lastCall()).toMatchObject({ method: 'PATCH', path: '/api/v1/me', body: { name: '王丽' } });
    expect(me).toMatchObject({ status: 'active', profile: { name: '王丽' } });
  });

  it('a new hospital and department goes back to admin review: the answer says pending', async () => {
    const { myData: svc } = load();
    const me = await svc.updateProfile({ hospitalId: newHospital, departmentId: newDepartment });
    expect(lastCall()?.body).toEqual({ hospitalId: newHospital, departmentId: newDepartment });
    expect(me.status).toBe('pending');
    expect(me.profile.hospital?.id).toBe(newHospital);
  });
});

describe('修改手机号: a change_phone code to the NEW number', () => {
  it('sends the code to the new number, then POST /me/phone switches it', async () => {
    const { myData: svc } = load();
    const sent = await svc.sendNewPhoneCode('13700000007');
    expect(lastCall()).toMatchObject({ path: '/api/v1/auth/sms/send', body: { phone: '13700000007', purpose: 'change_phone' } });
    const me = await svc.changePhone(' 13700000007 ', sent.devCode!);
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/me/phone', body: { phone: '13700000007', code: '864200' } });
    expect(me.profile.phone).toBe('13700000007');
  });

  it('without the code it fails (VERIFICATION_FAILED, in Chinese)', async () => {
    const { myData: svc, errors } = load();
    const err = await svc.changePhone('13700000007', '000000').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'VERIFICATION_FAILED' });
    expect(errors.messageOf(err)).toBe('验证码错误或已失效，请重新获取');
  });

  it('a number of another account is a 409; the same number is a field error', async () => {
    const { myData: svc } = load();
    await svc.sendNewPhoneCode('13900000009');
    await expect(svc.changePhone('13900000009', '864200')).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    await expect(svc.changePhone('13800000004', '864200')).rejects.toMatchObject({ status: 422, fieldErrors: [{ path: 'phone', message: '新手机号与当前手机号相同' }] });
  });
});

describe('导出我的数据', () => {
  const FILE = JSON.stringify({ schemaVersion: 1, format: 'scopedesk.personal-data', profile: { name: '王护士' } });
  let fileServer: TestServer;
  const seen: { authorization: string; accept: string }[] = [];

  beforeAll(async () => {
    fileServer = await startTestServer({
      app: {
        routes: () => [
          probe({
            method: 'get',
            path: '/me/export',
            response: z.any(),
            produces: 'application/json',
            handler: async ({ ctx }) => {
              const authorization = ctx.get('authorization');
              seen.push({ authorization, accept: ctx.get('accept') });
              if (authorization !== 'Bearer my-session-token-000000001') throw new UnauthenticatedError('No session.');
              ctx.type = 'application/json; charset=utf-8';
              ctx.set('Content-Disposition', `attachment; filename="scopedesk-my-data-20261122.json"; filename*=UTF-8''${encodeURIComponent('scopedesk-我的数据-20261122.json')}`);
              return Buffer.from(FILE, 'utf8');
            },
          }),
        ],
      },
    });
  });
  afterAll(() => fileServer.close());
  beforeEach(() => {
    seen.length = 0;
  });

  function loadExport() {
    return loadApp<{ h5: ExportH5; weapp: ExportWeapp; token: Token; http: Http }>(fileServer.url, {
      h5: `${SRC}/services/my-data-export.h5`,
      weapp: `${SRC}/services/my-data-export.weapp`,
      token: `${SRC}/services/token`,
      http: `${SRC}/services/http`,
    });
  }

  it('H5: fetches with the session token and keeps the server’s Chinese file name', async () => {
    const { h5, token } = loadExport();
    token.setToken('my-session-token-000000001');
    const { blob, filename } = await h5.fetchMyDataExport();
    expect(seen).toEqual([{ authorization: 'Bearer my-session-token-000000001', accept: expect.stringContaining('application/json') }]);
    expect(filename).toBe('scopedesk-我的数据-20261122.json');
    expect(blob.type).toBe('application/json;charset=utf-8');
    expect(JSON.parse(await blob.text())).toEqual(JSON.parse(FILE));
    token.clearToken();
  });

  it('H5: an ended session is an ApiError the app reacts to; an unreachable server is SERVICE_UNAVAILABLE', async () => {
    const { h5, token, http } = loadExport();
    token.setToken('someone-else-token-000000001');
    const events: unknown[] = [];
    const off = http.onApiError((e) => events.push(e));
    await expect(h5.fetchMyDataExport()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(events).toEqual([expect.objectContaining({ path: '/me/export', authenticated: true })]);
    off();
    token.clearToken();

    const offline = loadApp<{ h5: ExportH5 }>('http://127.0.0.1:9', { h5: `${SRC}/services/my-data-export.h5` });
    await expect(offline.h5.fetchMyDataExport()).rejects.toMatchObject({ status: 0, code: 'SERVICE_UNAVAILABLE' });
  });

  it('weapp: downloadFile with the token into the user files, then shareFileMessage sends it to a chat', async () => {
    const { weapp, token, taro } = loadExport();
    token.setToken('my-session-token-000000001');
    const downloads: Record<string, unknown>[] = [];
    Object.assign(taro, {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      downloadFile: async (options: Record<string, unknown>) => {
        downloads.push(options);
        return { statusCode: 200, filePath: options.filePath, tempFilePath: '' };
      },
      getFileSystemManager: () => ({ statSync: () => ({ size: 2048 }) }),
      shareFileMessage: jest.fn(async () => ({ errMsg: 'shareFileMessage:ok' })),
    });
    expect(weapp.EXPORT_NEEDS_SHARE).toBe(true);
    const saved = await weapp.exportMyData();
    expect(downloads).toEqual([
      expect.objectContaining({ url: `${fileServer.url}/api/v1/me/export`, header: { Authorization: 'Bearer my-session-token-000000001' }, filePath: expect.stringMatching(/^wxfile:\/\/usr\/scopedesk-我的数据-\d{8}\.json$/) }),
    ]);
    expect(saved).toMatchObject({ size: 2048, filePath: downloads[0]!.filePath });
    await weapp.shareExportFile(saved);
    expect(taro.shareFileMessage).toHaveBeenCalledWith({ filePath: saved.filePath, fileName: saved.filename });
    token.clearToken();
  });

  it('weapp: a refused download is an ApiError, not a saved error page', async () => {
    const { weapp, taro } = loadExport();
    Object.assign(taro, {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      downloadFile: async () => ({ statusCode: 401, filePath: 'wxfile://usr/x.json', tempFilePath: '' }),
    });
    await expect(weapp.exportMyData()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
