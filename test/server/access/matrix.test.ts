import { call, approvedStaff, consentFor, freshPhone, login } from '../../support/api';
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

  tokens.admin = (await login(server, '13800000001', { consent: ['service', 'dealer_sharing'] })).token;
  tokens.general = (await login(server, '13800000004', { consent: ['service', 'dealer_sharing'] })).token;
  tokens.advanced = (await login(server, '13800000005')).token;
  tokens.engineerA = (await login(server, '13800000002')).token;
  tokens.dealerA = (await login(server, '13800000003')).token;
  const colleague = await approvedStaff(server, tokens.admin, BJ, ENDO, '赵护士');
  tokens.colleague = colleague.token;
  // Her tickets go to dealers only with her separate consent (privacy.md; without it dealers see none — consent-effects.test.ts).
  expect((await call(server, 'POST', '/privacy/consents', { token: colleague.token, body: await consentFor(server, ['service', 'dealer_sharing']) })).status).toBeLessThan(300);

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

  it('narrows an engineer to the unassigned `queue` or their `assigned` tickets (`mine` = assigned)', async () => {
    const queue = ['otherHospital', 'own'];
    expect(await listAll(tokens.engineerA, '&scope=queue')).toEqual(queue);
    expect(await listAll(tokens.engineerA, '&scope=assigned')).toEqual(['colleagueSameDept', 'delegatedA', 'delegationEnded']);
    expect(await listAll(tokens.engineerA, '&scope=mine')).toEqual(['colleagueSameDept', 'delegatedA', 'delegationEnded']);
    expect(await listAll(tokens.engineerA, '&scope=managed')).toEqual([]);
    expect(await listAll(tokens.engineerB, '&scope=queue')).toEqual(queue);
    expect(await listAll(tokens.engineerB, '&scope=assigned')).toEqual(['delegatedB', 'managedOtherDept', 'unmanagedDept']);
  });

  it('gives admins the dispatch `queue` (submitted, no engineer); their other scopes are everything', async () => {
    expect(await listAll(tokens.admin, '&scope=queue')).toEqual(['otherHospital', 'own']);
    expect(await listAll(tokens.admin, '&scope=assigned')).toEqual([...ALL].sort());
    expect(await listAll(tokens.admin, '&scope=mine')).toEqual([...ALL].sort());
  });

  it.each(['general', 'advanced', 'colleague', 'dealerA'] as const)('gives %s nothing for the engineers’ scopes `queue` and `assigned`', async (actor) => {
    expect(await listAll(tokens[actor], '&scope=queue')).toEqual([]);
    expect(await listAll(tokens[actor], '&scope=assigned')).toEqual([]);
  });

  it('keeps a dealer’s own work under `mine`; `managed` is nothing for a dealer', async () => {
    expect(await listAll(tokens.dealerA, '&scope=mine')).toEqual(['delegatedA']);
    expect(await listAll(tokens.dealerA, '&scope=managed')).toEqual([]);
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
  // GET /tickets/:id is the detail: the list view plus SLA, service report, rating, delegations and actions.
  const FULL_KEYS = [
    'actions', 'assignedEngineer', 'contactName', 'contactPhone', 'contactPhoneMasked', 'createdAt', 'delegations', 'department', 'description',
    'equipment', 'hospital', 'id', 'isMine', 'media', 'number', 'rating', 'reporter', 'serviceReport', 'sla', 'status',
  ];
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

/** Closed tickets (admins only still see them: the others are outside the window). */
const CLOSED = ['ownOld', 'managedOld'];

describe('comments, role × relation', () => {
  /** Who may comment where (access-matrix.md, "comment": own | own + managed | assigned | delegated | all), as data. */
  const COMMENTS: Record<Actor, string[]> = {
    general: ['own'],
    colleague: ['colleagueSameDept', 'managedOtherDept', 'unmanagedDept', 'delegatedA', 'delegationEnded', 'delegatedB'],
    advanced: ['own', 'colleagueSameDept', 'managedOtherDept', 'delegatedA'],
    engineerA: ['colleagueSameDept', 'delegatedA', 'delegationEnded'],
    engineerB: ['managedOtherDept', 'unmanagedDept', 'delegatedB'],
    dealerA: ['delegatedA'],
    dealerB: ['delegatedB'],
    admin: ALL.filter((k) => !CLOSED.includes(k)),
  };
  // Allowed → 201; visible but not theirs to comment on (an engineer's queue ticket) → 403; closed → 409; not visible → 404.
  const expected = (actor: Actor, key: string) =>
    COMMENTS[actor].includes(key) ? 201 : !VISIBLE[actor].includes(key) ? 404 : CLOSED.includes(key) ? 409 : 403;
  const cells = (Object.keys(VISIBLE) as Actor[]).flatMap((actor) => ALL.map((key) => [actor, key, expected(actor, key)] as const));

  it.each(cells)('%s commenting on %s → %i', async (actor, key, status) => {
    const res = await call(server, 'POST', `/tickets/${T[key]}/comments`, { token: tokens[actor], body: { body: `${actor} 的留言` } });
    expect(res.status).toBe(status);
    const read = await call(server, 'GET', `/tickets/${T[key]}/comments`, { token: tokens[actor] });
    expect(read.status).toBe(VISIBLE[actor].includes(key) ? 200 : 404);
    if (status === 201) expect(read.body.items.map((c: { body: string }) => c.body)).toContain(`${actor} 的留言`);
  });
});

describe('delegate to a dealer and end the delegation, role × relation', () => {
  /** Who may delegate (access-matrix.md: assigned engineer, admin), as data; staff and dealers never (403). */
  const DELEGATES: Record<Actor, string[] | 'never'> = {
    general: 'never',
    colleague: 'never',
    advanced: 'never',
    dealerA: 'never',
    dealerB: 'never',
    engineerA: ['colleagueSameDept', 'delegatedA', 'delegationEnded'],
    engineerB: ['managedOtherDept', 'unmanagedDept', 'delegatedB'],
    admin: ALL,
  };
  let dealerC: string;
  beforeAll(async () => {
    // A dealer no test actor works for, so delegating to it changes nobody's view.
    const res = await call(server, 'POST', '/admin/dealers', { token: tokens.admin, body: { name: '西南医疗设备服务有限公司', contractRef: 'WT-2026-0031', purposes: ['onsite_check', 'pickup'] } });
    expect(res.status).toBe(201);
    dealerC = res.body.id;
  });

  const refusal = (actor: Actor, key: string) => {
    const allowed = DELEGATES[actor];
    if (allowed === 'never') return 403;
    if (!VISIBLE[actor].includes(key)) return 404;
    return allowed.includes(key) ? null : 403;
  };
  // Delegating: refused as above, 409 on a closed ticket, else 201. Ending: 200 after a delegation, 404 when none is active.
  const cells = (Object.keys(VISIBLE) as Actor[]).flatMap((actor) =>
    ALL.map((key) => {
      const refused = refusal(actor, key);
      return [actor, key, refused ?? (CLOSED.includes(key) ? 409 : 201), refused ?? (CLOSED.includes(key) ? 404 : 200)] as const;
    }),
  );

  it.each(cells)('%s delegating %s → %i, ending it → %i', async (actor, key, delegateStatus, endStatus) => {
    const created = await call(server, 'POST', `/tickets/${T[key]}/delegations`, { token: tokens[actor], body: { dealerId: dealerC, purpose: 'pickup' } });
    expect(created.status).toBe(delegateStatus);
    const ended = await call(server, 'DELETE', `/tickets/${T[key]}/delegations/${dealerC}`, { token: tokens[actor] });
    expect(ended.status).toBe(endStatus);
    if (endStatus === 200) {
      expect(ended.body.items.find((x: { dealer: { id: string } }) => x.dealer.id === dealerC).endedAt).not.toBeNull();
      expect((await call(server, 'DELETE', `/tickets/${T[key]}/delegations/${dealerC}`, { token: tokens[actor] })).status).toBe(404);
    }
  });

  it('leaves every dealer seeing exactly what it saw before', async () => {
    expect(await listAll(tokens.dealerA)).toEqual(VISIBLE.dealerA);
    expect(await listAll(tokens.dealerB)).toEqual(VISIBLE.dealerB);
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
    ['general', 'GET', '/dealers', undefined],
    ['engineerA', 'GET', '/admin/engineers', undefined],
    ['general', 'GET', '/admin/engineers', undefined],
    ['dealerA', 'GET', '/dealers', undefined],
  ] as const)('%s %s %s', async (actor, method, path, body) => {
    const res = await call(server, method, path, { token: tokens[actor as Actor], body });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
