import { call, approvedStaff, freshPhone, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * access-matrix.md, "Tickets: list / read", walked as a table: every actor
 * reads every ticket (200 or 404) and lists (exactly the visible set), for
 * each relation — own, managed, same department not managed, assigned,
 * queue, delegated, delegation ended, outside the window, other hospital —
 * and again after a revocation.
 */
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const GI = '消化内科';
const SURG = '普外科';
const OLD = new Date(Date.now() - 400 * 24 * 3600_000);

type Actor = 'general' | 'colleague' | 'advanced' | 'engineerA' | 'engineerB' | 'dealerA' | 'dealerB' | 'admin';
let server: TestServer;
const tokens = {} as Record<Actor, string>;
const T: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  // A clean slate: only this file's tickets.
  await rows(server.running.orm, 'delete from ticket_delegation');
  await rows(server.running.orm, 'delete from ticket_event');
  await rows(server.running.orm, 'delete from ticket');

  tokens.admin = (await login(server, '13800000001')).token;
  tokens.general = (await login(server, '13800000004')).token;
  tokens.advanced = (await login(server, '13800000005')).token;
  tokens.engineerA = (await login(server, '13800000002')).token;
  tokens.dealerA = (await login(server, '13800000003')).token;
  const colleague = await approvedStaff(server, tokens.admin, BJ, ENDO, '赵护士');
  tokens.colleague = colleague.token;

  const engineerBPhone = freshPhone();
  expect((await call(server, 'POST', '/admin/engineers', { token: tokens.admin, body: { name: '钱工', phone: engineerBPhone } })).status).toBe(201);
  tokens.engineerB = (await login(server, engineerBPhone)).token;
  const dealerB = await call(server, 'POST', '/admin/dealers', { token: tokens.admin, body: { name: '华南医疗服务有限公司', contractRef: 'WT-2026-0020', purposes: ['pickup'] } });
  expect(dealerB.status).toBe(201);
  const dealerBPhone = freshPhone();
  expect((await call(server, 'POST', `/admin/dealers/${dealerB.body.id}/staff`, { token: tokens.admin, body: { name: '孙师傅', phone: dealerBPhone } })).status).toBe(201);
  tokens.dealerB = (await login(server, dealerBPhone)).token;

  const orm = server.running.orm;
  const ticket = async (key: string, f: Parameters<typeof insertTicket>[1]) => (T[key] = (await insertTicket(orm, { description: key, ...f })).id);
  await ticket('own', { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO, contactPhone: '13700000001' });
  await ticket('colleagueSameDept', { reporterId: colleague.id, hospitalName: BJ, departmentName: ENDO, status: 'accepted', assignedEngineerPhone: '13800000002', contactPhone: '13700000002' });
  await ticket('managedOtherDept', { reporterId: colleague.id, hospitalName: BJ, departmentName: GI, status: 'accepted', assignedEngineerPhone: engineerBPhone });
  await ticket('unmanagedDept', { reporterId: colleague.id, hospitalName: BJ, departmentName: SURG, status: 'in_progress', assignedEngineerPhone: engineerBPhone });
  await ticket('otherHospital', { reporterPhone: '13800000001', hospitalName: '上海浦江医院', departmentName: '内镜中心', status: 'submitted' });
  await ticket('ownOld', { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO, status: 'closed', createdAt: OLD });
  await ticket('managedOld', { reporterId: colleague.id, hospitalName: BJ, departmentName: ENDO, status: 'closed', createdAt: OLD });
  await ticket('delegatedA', { reporterId: colleague.id, hospitalName: BJ, departmentName: GI, status: 'in_progress', assignedEngineerPhone: '13800000002', delegatedTo: { dealerName: '华东医疗器械技术服务有限公司', purpose: 'onsite_check' } });
  await ticket('delegationEnded', { reporterId: colleague.id, hospitalName: BJ, departmentName: SURG, status: 'resolved', assignedEngineerPhone: '13800000002', delegatedTo: { dealerName: '华东医疗器械技术服务有限公司', purpose: 'pickup', ended: true } });
  await ticket('delegatedB', { reporterId: colleague.id, hospitalName: BJ, departmentName: SURG, status: 'in_progress', assignedEngineerPhone: engineerBPhone, delegatedTo: { dealerName: '华南医疗服务有限公司', purpose: 'pickup' } });
});
afterAll(() => server.close());

const ALL = ['own', 'colleagueSameDept', 'managedOtherDept', 'unmanagedDept', 'otherHospital', 'ownOld', 'managedOld', 'delegatedA', 'delegationEnded', 'delegatedB'];

/** Who sees what (access-matrix.md): the specification, as data. */
const VISIBLE: Record<Actor, string[]> = {
  general: ['own'],
  colleague: ['colleagueSameDept', 'managedOtherDept', 'unmanagedDept', 'delegatedA', 'delegationEnded', 'delegatedB'],
  advanced: ['own', 'colleagueSameDept', 'managedOtherDept', 'delegatedA'],
  engineerA: ['own', 'otherHospital', 'colleagueSameDept', 'delegatedA', 'delegationEnded'],
  engineerB: ['own', 'otherHospital', 'managedOtherDept', 'unmanagedDept', 'delegatedB'],
  dealerA: ['delegatedA'],
  dealerB: ['delegatedB'],
  admin: ALL,
};

async function listAll(token: string, query = ''): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(server, 'GET', `/tickets?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(res.status).toBe(200);
    found.push(...res.body.items.map((t: { description: string }) => t.description));
    cursor = res.body.nextCursor;
  } while (cursor);
  return found.sort();
}

describe('tickets: list and read, role × relation', () => {
  const actors = Object.keys(VISIBLE) as Actor[];

  it.each(actors)('%s lists exactly the tickets the matrix allows (paged by cursor)', async (actor) => {
    expect(await listAll(tokens[actor])).toEqual([...VISIBLE[actor]].sort());
  });

  const cells = actors.flatMap((actor) => ALL.map((key) => [actor, key, VISIBLE[actor].includes(key) ? 200 : 404] as const));
  it.each(cells)('%s reading %s → %i', async (actor, key, status) => {
    const res = await call(server, 'GET', `/tickets/${T[key]}`, { token: tokens[actor] });
    expect(res.status).toBe(status);
    if (status === 404) expect(res.body.code).toBe('NOT_FOUND');
  });

  it('narrows an advanced user to their own or their managed departments with `scope`', async () => {
    expect(await listAll(tokens.advanced, '&scope=mine')).toEqual([]);
    expect(await listAll(tokens.advanced, '&scope=managed')).toEqual(['colleagueSameDept', 'delegatedA', 'managedOtherDept', 'own']);
    expect(await listAll(tokens.general, '&scope=managed')).toEqual([]);
    expect(await listAll(tokens.general, '&scope=mine')).toEqual(['own']);
  });

  it('filters by status within what the actor may see', async () => {
    expect(await listAll(tokens.admin, '&status=closed')).toEqual(['managedOld', 'ownOld']);
    expect(await listAll(tokens.general, '&status=closed')).toEqual([]);
  });

  it('needs a session, and answers 401 without one', async () => {
    expect((await call(server, 'GET', '/tickets')).status).toBe(401);
    expect((await call(server, 'GET', `/tickets/${T.own}`)).status).toBe(401);
  });
});

describe('what each role sees of a ticket (minimum necessary)', () => {
  const FULL_KEYS = ['assignedEngineer', 'contactName', 'contactPhone', 'contactPhoneMasked', 'createdAt', 'department', 'description', 'equipment', 'hospital', 'id', 'isMine', 'number', 'reporter', 'status'];
  const DEALER_KEYS = ['contactName', 'contactPhone', 'createdAt', 'delegationPurpose', 'department', 'description', 'equipment', 'hospital', 'id', 'number', 'status'];
  const read = async (actor: Actor, key: string) => (await call(server, 'GET', `/tickets/${T[key]}`, { token: tokens[actor] })).body;

  it('shows the reporter their own contact phone in full', async () => {
    const view = await read('general', 'own');
    expect(Object.keys(view).sort()).toEqual(FULL_KEYS);
    expect(view).toMatchObject({ isMine: true, contactPhone: '13700000001', contactPhoneMasked: false, reporter: null });
  });

  it('masks a colleague’s contact phone to its last four digits for an advanced viewer, and hides the reporter', async () => {
    const view = await read('advanced', 'colleagueSameDept');
    expect(view).toMatchObject({ isMine: false, contactPhone: '*******0002', contactPhoneMasked: true, reporter: null });
  });

  it('shows the assigned engineer the phone and the reporter’s name; a queue ticket’s phone stays masked', async () => {
    expect(await read('engineerA', 'colleagueSameDept')).toMatchObject({ contactPhone: '13700000002', contactPhoneMasked: false, reporter: { name: '赵护士' } });
    expect(await read('engineerA', 'own')).toMatchObject({ contactPhone: '*******0001', contactPhoneMasked: true, reporter: { name: '李静' } });
  });

  it('gives a dealer only the fields of the delegated job, nothing about the reporter', async () => {
    const view = await read('dealerA', 'delegatedA');
    expect(Object.keys(view).sort()).toEqual(DEALER_KEYS);
    expect(view.delegationPurpose).toBe('onsite_check');
    expect(JSON.stringify(view)).not.toContain('赵护士');
  });

  it('shows admins everything', async () => {
    expect(await read('admin', 'colleagueSameDept')).toMatchObject({ contactPhone: '13700000002', reporter: { name: '赵护士' }, assignedEngineer: { name: '王磊' } });
  });
});

describe('dealer reads are provisions of personal data', () => {
  it('records exactly one provision per ticket read, which the reporter can see', async () => {
    const count = async () => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from provision_record where ticket_id = ?', [T.delegatedA]))[0]!.n);
    const before = await count();
    expect((await call(server, 'GET', `/tickets/${T.delegatedA}`, { token: tokens.dealerA })).status).toBe(200);
    expect(await count()).toBe(before + 1);
    await call(server, 'GET', '/tickets', { token: tokens.dealerA });
    expect(await count()).toBe(before + 2);
    // Reads by others are not provisions, and a dealer's 404 records nothing.
    await call(server, 'GET', `/tickets/${T.delegatedA}`, { token: tokens.admin });
    await call(server, 'GET', `/tickets/${T.delegatedA}`, { token: tokens.dealerB });
    expect(await count()).toBe(before + 2);

    const mine = await call(server, 'GET', '/me/provisions', { token: tokens.colleague });
    expect(mine.status).toBe(200);
    const forTicket = mine.body.items.filter((p: { purpose: string; dealer: string }) => p.dealer === '华东医疗器械技术服务有限公司');
    expect(forTicket.length).toBeGreaterThanOrEqual(2);
    expect(forTicket[0]).toMatchObject({ purpose: 'onsite_check', fields: expect.arrayContaining(['contactName', 'contactPhone']) });
    expect((await call(server, 'GET', '/me/provisions', { token: tokens.general })).body.items).toEqual([]);
  });
});

describe('functions a role never has: 403', () => {
  it.each([
    ['engineerA', 'POST', '/access-requests', { departmentIds: [], position: 'x', reason: 'xx' }],
    ['dealerA', 'GET', '/access-requests', undefined],
    ['general', 'GET', '/admin/access-requests', undefined],
    ['advanced', 'POST', '/admin/engineers', { name: '张三', phone: '13900000000' }],
    ['dealerA', 'GET', '/admin/users?tier=advanced', undefined],
    ['engineerA', 'GET', '/admin/registrations', undefined],
  ] as const)('%s %s %s', async (actor, method, path, body) => {
    const res = await call(server, method, path, { token: tokens[actor as Actor], body });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
