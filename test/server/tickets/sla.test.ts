import type { AppDeps } from '../../../server/src/app-deps';
import { parseEnv } from '../../../server/src/config/env';
import type { Clock } from '../../../server/src/core/clock';
import type { JobDefinition } from '../../../server/src/core/jobs/job';
import { runJob } from '../../../server/src/core/jobs/job-runner';
import { minutePeriod } from '../../../server/src/core/jobs/periods';
import { startScheduler } from '../../../server/src/core/jobs/scheduler';
import { createLogger } from '../../../server/src/core/logger';
import { slaJob } from '../../../server/src/modules/tickets/sla.job';
import { TicketEventSchema } from '../../../server/src/modules/tickets/ticket-event.entity';
import { TicketSchema } from '../../../server/src/modules/tickets/ticket.entity';
import { OPEN_STATUSES } from '../../../shared/tickets';
import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';

/**
 * SLA clocks end to end, on a fake clock: a premium hospital (北京东华医院:
 * 2 h to accept, 48 h to resolve, 08:30–17:30 Monday to Friday), tickets
 * reported on a Monday at 09:00 Asia/Shanghai, the `sla` job run by an admin.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** Midnight (Shanghai) of the first Monday after today, as an instant. */
function nextMonday(): number {
  const localDay = Math.floor((Date.now() + SHANGHAI) / DAY);
  const isoWeekday = ((localDay + 3) % 7) + 1;
  return (localDay + (8 - isoWeekday)) * DAY - SHANGHAI;
}
const MONDAY = nextMonday();
/** Shanghai wall time `hh:mm` on the test week's day `day` (0 = Monday, 7 = the Monday after). */
function at(day: number, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(MONDAY + day * DAY + h * 3_600_000 + m * MINUTE);
}

const clock = new TestClock();
/** Where the test last moved the clock: steps are stamped at exactly this instant (the clock itself drifts on by the real milliseconds). */
let current: Date;
function moveTo(when: Date): void {
  const ahead = when.getTime() - clock.now().getTime();
  if (ahead < 0) throw new Error('the test clock only moves forward');
  clock.advance(ahead);
  current = when;
}

let server: TestServer;
let staff: string;
let engineer: string;
let admin: string;
let engineerId: string;
let adminId: string;
let departmentId: string;

beforeAll(async () => {
  moveTo(at(0, '08:00'));
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' }, clock });
  staff = (await login(server, '13800000004')).token;
  engineer = (await login(server, '13800000002')).token;
  admin = (await login(server, '13800000001')).token;
  engineerId = (await call(server, 'GET', '/me', { token: engineer })).body.id;
  adminId = (await call(server, 'GET', '/me', { token: admin })).body.id;
  departmentId = (await call(server, 'GET', '/me', { token: staff })).body.profile.department.id;
  // The demo's own open tickets were reported days ago in real time: close them so the job's counts are this test's alone.
  await server.running.orm.em.fork().nativeUpdate(TicketSchema, { status: { $in: [...OPEN_STATUSES] } }, { status: 'closed' });
});
afterAll(() => server.close());

/** The server's deps as the job sees them, with a clock of our choosing. */
function jobDeps(jobClock: Clock): AppDeps {
  return { env: parseEnv({ NODE_ENV: 'test' }), orm: server.running.orm, clock: jobClock, logger: createLogger({ level: 'silent' }) } as unknown as AppDeps;
}

/**
 * Pins a ticket's newest timeline entry (and, for a new ticket, its creation)
 * to an exact instant of the test week. The workflow stamps rows with
 * `deps.clock`, but the test clock drifts on by the real milliseconds each
 * request takes; pinning keeps the minute arithmetic exact.
 */
async function stamp(ticketId: string, when: Date, options: { created?: boolean } = {}): Promise<void> {
  const em = server.running.orm.em.fork();
  const [latest] = await em.find(TicketEventSchema, { ticket: ticketId }, { orderBy: { id: 'desc' }, limit: 1 });
  await em.nativeUpdate(TicketEventSchema, { id: latest!.id }, { createdAt: when });
  if (options.created) await em.nativeUpdate(TicketSchema, { id: ticketId }, { createdAt: when });
}

async function report(description: string): Promise<{ id: string; number: string }> {
  const res = await call(server, 'POST', '/tickets', {
    token: staff,
    body: { departmentId, model: 'QV-G290 电子胃镜', serial: `SLA-${Date.now()}`, description, contactName: '李静', contactPhone: '13800000004', contactConsent: false },
  });
  expect(res.status).toBe(201);
  await stamp(res.body.id, current, { created: true });
  return { id: res.body.id, number: res.body.number };
}

async function act(token: string, id: string, body: Record<string, unknown>): Promise<void> {
  const res = await call(server, 'POST', `/tickets/${id}/transitions`, { token, body });
  expect(res.status).toBe(200);
  await stamp(id, current);
}

async function slaOf(id: string, token = staff) {
  const res = await call(server, 'GET', `/tickets/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body.sla;
}

const runSla = (token = admin) => call(server, 'POST', '/admin/jobs/sla/run', { token });

async function marks(ticketId: string) {
  return rows<{ clock: string; kind: string; used_minutes: number }>(server.running.orm, 'select clock, kind, used_minutes from ticket_sla_mark where ticket_id = ? order by clock, kind', [ticketId]);
}

async function slaMessages() {
  const found = await rows<{ dedupe_key: string; payload: string | Record<string, unknown> }>(server.running.orm, "select dedupe_key, payload from outbox_message where dedupe_key like 'notify:sla:%' order by dedupe_key");
  return found.map((r) => ({ key: r.dedupe_key, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, string> }));
}

describe('run records', () => {
  it('runs a scheduled period once when two runs race for it', async () => {
    const frozen = at(0, '08:05');
    const deps = jobDeps({ now: () => frozen });
    const period = minutePeriod(frozen);
    const [a, b] = await Promise.all([runJob(deps, slaJob, { period, trigger: 'schedule' }), runJob(deps, slaJob, { period, trigger: 'schedule' })]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(a.record.id).toBe(b.record.id);
    const recorded = await rows<{ trigger: string; finished_at: unknown }>(server.running.orm, 'select trigger, finished_at from job_run where job = ? and period = ?', ['sla', period]);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.trigger).toBe('schedule');
  });

  it('two schedulers (two instances) ticking in the same minute run it once; stop waits for the run', async () => {
    const frozen = at(0, '08:10');
    const deps = jobDeps({ now: () => frozen });
    const instances = [startScheduler(deps, [slaJob], { everyMs: 10 }), startScheduler(deps, [slaJob], { everyMs: 10 })];
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(instances.map((s) => s.stop()));
    const recorded = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from job_run where job = ? and period = ?', ['sla', minutePeriod(frozen)]);
    expect(Number(recorded[0]!.n)).toBe(1);
    expect(minutePeriod(frozen)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  });

  it('keeps a failure on the record instead of throwing', async () => {
    const failing: JobDefinition = { name: 'sla-test-failure', run: async () => Promise.reject(new Error('database went away')) };
    const { record, ran } = await runJob(jobDeps(clock), failing, { period: 'manual:test', trigger: adminId });
    expect(ran).toBe(true);
    expect(record).toMatchObject({ job: 'sla-test-failure', status: 'failed', error: 'database went away', result: null });
    expect(record.finishedAt).not.toBeNull();
  });
});

describe('SLA clocks on a premium hospital’s tickets', () => {
  let a: { id: string; number: string };
  let b: { id: string; number: string };

  it('start when the fault is reported, shown to the reporter and the engineer alike', async () => {
    moveTo(at(0, '09:00'));
    a = await report('胃镜图像出现黑点，白平衡后仍存在。');
    b = await report('送气送水按钮回弹不良，偶尔卡住。');
    expect((await call(server, 'POST', `/tickets/${b.id}/assign`, { token: admin, body: { engineerId } })).status).toBe(200);
    const sla = await slaOf(a.id);
    expect(sla).toEqual({
      tier: 'premium',
      response: { targetMinutes: 120, usedMinutes: 0, state: 'running', dueAt: at(0, '11:00').toISOString(), warning: false },
      resolution: { targetMinutes: 2880, usedMinutes: 0, state: 'running', dueAt: at(7, '12:00').toISOString(), warning: false },
    });
    expect(await slaOf(a.id, engineer)).toEqual(sla);
  });

  it('meet the response target when the engineer accepts at 10:00: 60 minutes used', async () => {
    moveTo(at(0, '10:00'));
    await act(engineer, a.id, { action: 'accept' });
    const sla = await slaOf(a.id);
    expect(sla.response).toEqual({ targetMinutes: 120, usedMinutes: 60, state: 'met', dueAt: null, warning: false });
    expect(sla.resolution).toMatchObject({ usedMinutes: 60, state: 'running' });
    await act(engineer, a.id, { action: 'start' });
  });

  it('warn the assigned engineer and the admins once 80 % of the response target is used, once', async () => {
    moveTo(at(0, '10:40'));
    expect((await slaOf(b.id)).response).toMatchObject({ usedMinutes: 100, state: 'running', warning: true });
    const run = await runSla();
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ job: 'sla', trigger: adminId, status: 'succeeded', result: { checked: 2, warnings: 1, breaches: 0 }, error: null });
    expect(run.body.period).toMatch(/^manual:/);
    expect(await marks(b.id)).toEqual([{ clock: 'response', kind: 'warning', used_minutes: 100 }]);
    const messages = await slaMessages();
    expect(messages.map((m) => m.key).sort()).toEqual([`notify:sla:${b.id}:response:warning:${adminId}`, `notify:sla:${b.id}:response:warning:${engineerId}`].sort());
    expect(messages[0]!.payload).toMatchObject({ kind: 'sla_warning', ticketId: b.id, title: `工单 ${b.number} 即将超时`, body: '响应时限剩余 20 分钟' });

    const again = await runSla();
    expect(again.body.result).toEqual({ checked: 2, warnings: 0, breaches: 0 });
    expect(await slaMessages()).toHaveLength(2);
    expect(await marks(b.id)).toHaveLength(1);
  });

  it('record the breach once the response target has passed, and tell the same people', async () => {
    moveTo(at(0, '11:05'));
    const run = await runSla();
    expect(run.body.result).toEqual({ checked: 2, warnings: 0, breaches: 1 });
    expect(await marks(b.id)).toEqual([
      { clock: 'response', kind: 'breach', used_minutes: 125 },
      { clock: 'response', kind: 'warning', used_minutes: 100 },
    ]);
    const breach = (await slaMessages()).filter((m) => m.key.includes(':breach:'));
    expect(breach.map((m) => m.payload.userId).sort()).toEqual([adminId, engineerId].sort());
    expect(breach[0]!.payload).toMatchObject({ kind: 'sla_breach', title: `工单 ${b.number} 已超时`, body: '已超过响应时限 2 小时' });
    expect((await slaOf(b.id)).response).toEqual({ targetMinutes: 120, usedMinutes: 125, state: 'breached', dueAt: at(0, '11:00').toISOString(), warning: false });
    expect((await runSla()).body.result).toEqual({ checked: 2, warnings: 0, breaches: 0 });
    // Out of the picture from here: an admin cancels it.
    await act(admin, b.id, { action: 'cancel', note: '重复报修' });
  });

  it('pause the resolution clock on hold overnight and leave the hold out when resumed', async () => {
    moveTo(at(0, '16:30'));
    await act(engineer, a.id, { action: 'hold', reason: 'awaiting_parts', note: '已订购插入管' });
    moveTo(at(1, '09:00'));
    expect((await slaOf(a.id)).resolution).toEqual({ targetMinutes: 2880, usedMinutes: 450, state: 'paused', dueAt: null, warning: false });
    moveTo(at(1, '10:30'));
    await act(engineer, a.id, { action: 'resume' });
    moveTo(at(1, '11:30'));
    // 450 minutes before the hold and 60 since; 2370 left runs to the next Monday 15:00 over the weekend.
    expect((await slaOf(a.id)).resolution).toEqual({ targetMinutes: 2880, usedMinutes: 510, state: 'running', dueAt: at(7, '15:00').toISOString(), warning: false });
  });

  it('warn at 80 % of the resolution target and record the breach when it runs out', async () => {
    moveTo(at(4, '15:00'));
    // Two admins at once: both see the clock in its warning band, one records the mark and notifies.
    const [first, second] = await Promise.all([runSla(), runSla()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.result.warnings + second.body.result.warnings).toBe(1);
    expect(first.body.result.checked).toBe(1);
    const warning = (await slaMessages()).filter((m) => m.key.startsWith(`notify:sla:${a.id}:resolution:warning:`));
    expect(warning.map((m) => m.payload.userId).sort()).toEqual([adminId, engineerId].sort());
    expect(warning[0]!.payload).toMatchObject({ kind: 'sla_warning', body: '解决时限剩余 9 小时' });

    moveTo(at(7, '15:01'));
    const breached = await runSla();
    expect(breached.body.result).toEqual({ checked: 1, warnings: 0, breaches: 1 });
    expect(await marks(a.id)).toEqual([
      { clock: 'resolution', kind: 'breach', used_minutes: 2881 },
      { clock: 'resolution', kind: 'warning', used_minutes: 2340 },
    ]);
    expect((await slaOf(a.id)).resolution).toMatchObject({ state: 'breached', dueAt: at(7, '15:00').toISOString(), warning: false });
    expect(await slaMessages()).toHaveLength(8);
  });
});

describe('running jobs by hand', () => {
  it('is for admins only', async () => {
    expect((await runSla(engineer)).status).toBe(403);
    expect((await runSla(staff)).status).toBe(403);
  });

  it('answers 404 for a job it does not know', async () => {
    const res = await call(server, 'POST', '/admin/jobs/no-such-job/run', { token: admin });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
