import { enqueue } from '../../../server/src/core/outbox/outbox';
import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startTestServer, type TestServer } from '../../support/test-server';
import { insertTicket } from '../../support/tickets';

/**
 * The in-app list: what the reporter, the engineer and others find under
 * 消息 after work on a ticket, delivered by the outbox worker.
 */
let server: TestServer;
let reporter: string;
let engineer: string;
let admin: string;
let other: string;

const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const REPORT = { found: 'CCD 模块故障', done: '更换 CCD 模块，测试正常' };

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', OUTBOX_POLL_MS: '20' } });
  admin = (await login(server, '13800000001')).token;
  engineer = (await login(server, '13800000002')).token;
  reporter = (await login(server, '13800000004')).token;
  other = (await login(server, '13800000005')).token;
});
afterAll(() => server.close());

const act = (token: string, id: string, body: Record<string, unknown>) => call(server, 'POST', `/tickets/${id}/transitions`, { token, body });
const inbox = (token: string, query = '') => call(server, 'GET', `/notifications${query}`, { token });
const aboutTicket = async (token: string, ticketId: string) =>
  (await inbox(token, '?limit=50')).body.items.filter((n: { ticketId: string }) => n.ticketId === ticketId);
const undelivered = async () => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from outbox_message where delivered_at is null'))[0]!.n);

describe('the reporter follows the repair in the in-app list', () => {
  let ticket: { id: string; number: string };
  const before: { unread?: number } = {};

  beforeAll(async () => {
    before.unread = (await inbox(reporter)).body.unread;
    ticket = await insertTicket(server.running.orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO });
    expect((await act(engineer, ticket.id, { action: 'accept' })).status).toBe(200);
    expect((await act(engineer, ticket.id, { action: 'start' })).status).toBe(200);
    expect((await act(engineer, ticket.id, { action: 'hold', reason: 'awaiting_parts' })).status).toBe(200);
    expect((await act(engineer, ticket.id, { action: 'resume' })).status).toBe(200);
    expect((await act(engineer, ticket.id, { action: 'resolve', report: REPORT })).status).toBe(200);
    await eventually(async () => expect(await aboutTicket(reporter, ticket.id)).toHaveLength(5));
  });

  it('gets one notice per step, newest first, naming the ticket and its new status', async () => {
    const items = await aboutTicket(reporter, ticket.id);
    expect(items.map((n: { title: string }) => n.title)).toEqual([
      `工单 ${ticket.number} 已解决`,
      `工单 ${ticket.number} 维修中`,
      `工单 ${ticket.number} 挂起`,
      `工单 ${ticket.number} 维修中`,
      `工单 ${ticket.number} 已受理`,
    ]);
    expect(items.every((n: { kind: string; read: boolean }) => n.kind === 'ticket_status' && !n.read)).toBe(true);
    expect(items[2].body).toBe('维修暂停，原因：等待配件。');
    // No person is named: not the engineer, not the reporter.
    expect(JSON.stringify(items)).not.toMatch(/王磊|李静/);
  });

  it('counts them as unread and pages through them', async () => {
    const first = await inbox(reporter, '?limit=2');
    expect(first.body.unread).toBe(before.unread! + 5);
    expect(first.body.items).toHaveLength(2);
    const second = await inbox(reporter, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.items[0].id < first.body.items[1].id).toBe(true);
  });

  it('leaves the engineer who did the work out (they acted themselves)', async () => {
    expect(await aboutTicket(engineer, ticket.id)).toEqual([]);
  });

  it('marks one read, then all; the unread filter and badge follow', async () => {
    const [newest] = await aboutTicket(reporter, ticket.id);
    const one = await call(server, 'POST', '/notifications/read', { token: reporter, body: { ids: [newest.id] } });
    expect(one.body).toEqual({ updated: 1 });
    const page = await inbox(reporter, '?limit=50');
    expect(page.body.items.find((n: { id: string }) => n.id === newest.id).read).toBe(true);
    expect((await inbox(reporter, '?unread=true&limit=50')).body.items.map((n: { id: string }) => n.id)).not.toContain(newest.id);
    const all = await call(server, 'POST', '/notifications/read', { token: reporter, body: { all: true } });
    expect(all.body.updated).toBeGreaterThanOrEqual(4);
    expect((await inbox(reporter)).body.unread).toBe(0);
    expect((await call(server, 'POST', '/notifications/read', { token: reporter, body: { all: true } })).body).toEqual({ updated: 0 });
  });

  it('asks which to mark when given neither ids nor all', async () => {
    const res = await call(server, 'POST', '/notifications/read', { token: reporter, body: {} });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'ids', message: '请选择要标为已读的消息' })]);
  });
});

describe('nobody else reads or marks them', () => {
  it('shows another user none of the reporter’s notices, and their ids mark nothing', async () => {
    const ticket = await insertTicket(server.running.orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO });
    await act(engineer, ticket.id, { action: 'accept' });
    const [notice] = await eventually(async () => {
      const found = await aboutTicket(reporter, ticket.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(await aboutTicket(other, ticket.id)).toEqual([]);
    expect((await inbox(other, '?limit=50')).body.items.map((n: { id: string }) => n.id)).not.toContain(notice.id);
    const res = await call(server, 'POST', '/notifications/read', { token: other, body: { ids: [notice.id] } });
    expect(res.body).toEqual({ updated: 0 });
    const [still] = await aboutTicket(reporter, ticket.id);
    expect(still.read).toBe(false);
  });

  it('needs a session', async () => {
    expect((await call(server, 'GET', '/notifications')).status).toBe(401);
  });
});

describe('assignment and rating', () => {
  it('tells the engineer an admin assigned and the reporter that an engineer was assigned', async () => {
    const ticket = await insertTicket(server.running.orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO });
    const engineerId = (await call(server, 'GET', '/me', { token: engineer })).body.id;
    expect((await call(server, 'POST', `/tickets/${ticket.id}/assign`, { token: admin, body: { engineerId } })).status).toBe(200);
    const [assigned] = await eventually(async () => {
      const found = await aboutTicket(engineer, ticket.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(assigned).toMatchObject({ kind: 'ticket_assigned', title: `工单 ${ticket.number} 已指派给您` });
    const [told] = await eventually(async () => {
      const found = await aboutTicket(reporter, ticket.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(told).toMatchObject({ kind: 'ticket_status', title: `工单 ${ticket.number} 已指派工程师` });
    expect(await aboutTicket(admin, ticket.id)).toEqual([]);
  });

  it('tells the engineer the reporter rated the repair', async () => {
    const ticket = await insertTicket(server.running.orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO, status: 'resolved', assignedEngineerPhone: '13800000002' });
    expect((await call(server, 'POST', `/tickets/${ticket.id}/rating`, { token: reporter, body: { score: 5 } })).status).toBe(200);
    const [rated] = await eventually(async () => {
      const found = await aboutTicket(engineer, ticket.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rated).toMatchObject({ kind: 'ticket_status', title: `工单 ${ticket.number} 已评价`, body: '报修人已评价（5/5），工单已关闭。' });
    expect(await aboutTicket(reporter, ticket.id)).toEqual([]);
  });

  it('writes nothing for a step that was refused', async () => {
    const ticket = await insertTicket(server.running.orm, { reporterPhone: '13800000004', hospitalName: BJ, departmentName: ENDO });
    const count = async () => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from outbox_message'))[0]!.n);
    const before = await count();
    expect((await act(engineer, ticket.id, { action: 'start' })).status).toBe(409);
    expect((await act(other, ticket.id, { action: 'accept' })).status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('the outbox', () => {
  it('keeps the first of two messages with one dedupe key, payload intact', async () => {
    const em = server.running.orm.em.fork();
    const payload = { text: '工单 R20261122-0001 已受理', nested: { n: 1, list: ['a'] } };
    await em.transactional(async (tx) => {
      await enqueue(tx, new Date(), { topic: 'probe', dedupeKey: 'probe:dedupe-1', payload, availableAt: new Date(Date.now() + 3600_000) });
      await enqueue(tx, new Date(), { topic: 'probe', dedupeKey: 'probe:dedupe-1', payload: { text: 'second' }, availableAt: new Date(Date.now() + 3600_000) });
    });
    const stored = await em.fork().getConnection().execute("select payload from outbox_message where dedupe_key = 'probe:dedupe-1'");
    expect(stored).toHaveLength(1);
    const raw = (stored[0] as { payload: unknown }).payload;
    expect(typeof raw === 'string' ? JSON.parse(raw) : raw).toEqual(payload);
  });

  it('leaves nothing due undelivered once the worker has caught up', async () => {
    await eventually(async () => expect(await undelivered()).toBe(1)); // only the probe above, due in an hour
  });
});
