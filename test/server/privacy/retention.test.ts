import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { ConfigError, parseEnv } from '../../../server/src/config/env';
import { IdempotencyRecordSchema } from '../../../server/src/core/idempotency/idempotency-record.entity';
import { newId } from '../../../server/src/core/ids';
import { JobRunSchema } from '../../../server/src/core/jobs/job-run.entity';
import { OutboxMessageSchema } from '../../../server/src/core/outbox/outbox-message.entity';
import { AuditEventSchema } from '../../../server/src/modules/audit/audit-event.entity';
import { SessionSchema } from '../../../server/src/modules/auth/session.entity';
import { SmsCodeSchema } from '../../../server/src/modules/auth/sms-code.entity';
import { ChatMessageSchema } from '../../../server/src/modules/chat/chat-message.entity';
import { ChatReadSchema } from '../../../server/src/modules/chat/chat-read.entity';
import { ChatSessionSchema } from '../../../server/src/modules/chat/chat-session.entity';
import { DocumentViewSchema } from '../../../server/src/modules/library/document-view.entity';
import { NotificationSchema } from '../../../server/src/modules/notifications/notification.entity';
import { PiiAccessSchema } from '../../../server/src/modules/privacy/pii-access.entity';
import { ProvisionRecordSchema } from '../../../server/src/modules/privacy/provision-record.entity';
import { DEFAULT_RETENTION_DAYS, RETENTION_CATEGORIES } from '../../../server/src/modules/privacy/retention.rules';
import { TicketCommentSchema } from '../../../server/src/modules/tickets/ticket-comment.entity';
import { TicketEventSchema } from '../../../server/src/modules/tickets/ticket-event.entity';
import { TicketRatingSchema } from '../../../server/src/modules/tickets/ticket-rating.entity';
import { TicketSchema } from '../../../server/src/modules/tickets/ticket.entity';
import { cameraJpeg, call, login, register, upload } from '../../support/api';
import { rows } from '../../support/db';
import { insertTicket } from '../../support/tickets';
import { startTestServer, TestClock, type TestServer } from '../../support/test-server';

/**
 * Retention limits (privacy.md; PIPL Art. 19): the nightly job deletes or
 * anonymises what has outlived its period. Rows are seeded on both sides of
 * each boundary with a fake clock; an admin runs the job; the test checks
 * what went, what stayed, that the files left storage, and that the run and
 * its counts were recorded.
 */
const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const BJ = '北京东华医院';
const ENDO = '消化内镜中心';

async function setTime(orm: MikroORM, table: string, column: string, id: string, at: Date): Promise<void> {
  const em = orm.em.fork();
  await em.getConnection().execute(`update ${table} set ${column} = ? where id = ?`, [em.getPlatform().processDateProperty(at), id]);
}
const exists = async (orm: MikroORM, table: string, id: string) => (await rows(orm, `select id from ${table} where id = ?`, [id])).length === 1;

describe('the retention table (RETENTION_DAYS)', () => {
  const problemOf = (value: string) => {
    try {
      parseEnv({ RETENTION_DAYS: value });
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    throw new Error('expected the setting to be refused');
  };

  it('has the defaults of privacy.md and merges a JSON override over them', () => {
    expect(parseEnv({}).RETENTION_DAYS).toEqual(DEFAULT_RETENTION_DAYS);
    expect(DEFAULT_RETENTION_DAYS).toMatchObject({
      badge_photos: 30,
      chat_messages: 1095,
      ticket_personal: 1825,
      browsing_records: 730,
      sms_codes: 1,
      sessions: 30,
      idempotency_records: 7,
      outbox_delivered: 30,
      notifications: 365,
      pii_access_log: 1095,
      provision_records: 1095,
    });
    expect(Object.keys(DEFAULT_RETENTION_DAYS).sort()).toEqual([...RETENTION_CATEGORIES].sort());
    expect(parseEnv({ RETENTION_DAYS: '{"chat_messages":730,"browsing_records":365}' }).RETENTION_DAYS).toEqual({ ...DEFAULT_RETENTION_DAYS, chat_messages: 730, browsing_records: 365 });
  });

  it('refuses bad JSON, unknown categories, non-positive days, and the evidence logs below three years, naming the setting', () => {
    for (const bad of ['{chat:1}', '{"chats":30}', '{"sms_codes":0}', '{"sessions":1.5}', '{"pii_access_log":365}', '{"provision_records":1094}']) {
      const problems = problemOf(bad);
      expect(problems).toEqual([{ setting: 'RETENTION_DAYS', message: expect.any(String) }]);
    }
    expect(problemOf('{"pii_access_log":365}')[0]!.message).toMatch(/pii_access_log: must be at least 1095 days/);
    expect(problemOf('{"chats":30}')[0]!.message).toMatch(/categories: badge_photos, /);
  });
});

describe('the retention job with a fake clock', () => {
  const clock = new TestClock();
  let server: TestServer;
  let orm: MikroORM;
  let admin: string;
  let staffId: string;
  const stored = (key: string) => fs.existsSync(path.join(server.dataDir, 'storage', key));
  const fileRow = async (id: string) => (await rows<{ storage_key: string }>(orm, 'select storage_key from stored_file where id = ?', [id]))[0];
  const badgeOf = async (userId: string) => (await rows<{ badge_file_id: string | null }>(orm, 'select badge_file_id from app_user where id = ?', [userId]))[0]!.badge_file_id;
  const runRetention = () => call(server, 'POST', '/admin/jobs/retention/run', { token: admin });

  // Seeded ids, by what should happen to them.
  const gone: Record<string, string[]> = {};
  const kept: Record<string, string[]> = {};
  const expectGone = (table: string, id: string) => (gone[table] ??= []).push(id);
  const expectKept = (table: string, id: string) => (kept[table] ??= []).push(id);
  const files: { gone: { id: string; key: string }[]; kept: { id: string; key: string }[] } = { gone: [], kept: [] };

  let approvedLongAgo: string;
  let approvedRecently: string;
  let pendingUser: string;
  const tickets: Record<'closedLongAgo' | 'closedRecently' | 'cancelledLongAgo' | 'resolvedLongAgo', { id: string; number: string }> = {} as never;
  let t1Comment: string;
  let t1Rating: string;

  beforeAll(async () => {
    server = await startTestServer({ clock, env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1' }, background: { outbox: false } });
    orm = server.running.orm;
    admin = (await login(server, '13800000001')).token;
    const staff = await login(server, '13800000004', { consent: ['service', 'fault_media'] });
    staffId = staff.user.id;

    // Three registrations: one approved now (31 days before the run), one approved 20 days later, one left pending.
    const people = [];
    for (const name of ['甲', '乙', '丙']) {
      const person = await login(server);
      const reg = await register(server, person.token, { name: `测试${name}` });
      expect(reg.status).toBe(201);
      people.push({ token: person.token, id: reg.body.id as string });
    }
    [approvedLongAgo, approvedRecently, pendingUser] = people.map((p) => p.id) as [string, string, string];
    expect((await call(server, 'POST', `/admin/registrations/${approvedLongAgo}/approve`, { token: admin })).status).toBe(200);
    // Two badges 乙 uploaded and never used (a replaced photo): one older than the period at the run, one not.
    const spare = [];
    for (let i = 0; i < 2; i++) spare.push((await upload(server, people[1]!.token, 'badge', await cameraJpeg())).body.id as string);
    // Fault photos staff uploaded: two never attached, one for a ticket's report, one with a comment; and a chat image.
    const photo = async () => {
      const res = await upload(server, staff.token, 'ticket_photo', await cameraJpeg());
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const [looseOld, looseNew, reportPhoto, commentPhoto] = [await photo(), await photo(), await photo(), await photo()];
    const chatImage = (await upload(server, staff.token, 'chat', await cameraJpeg())).body.id as string;

    clock.advance(20 * DAY);
    admin = (await login(server, '13800000001')).token;
    expect((await call(server, 'POST', `/admin/registrations/${approvedRecently}/approve`, { token: admin })).status).toBe(200);
    clock.advance(11 * DAY);
    admin = (await login(server, '13800000001')).token;
    const now = clock.now();
    const ago = (ms: number) => new Date(now.getTime() - ms);

    // Badge photos (30 days from the decision; an unused one from its upload).
    const badgeA = (await badgeOf(approvedLongAgo))!;
    const badgeB = (await badgeOf(approvedRecently))!;
    const badgeC = (await badgeOf(pendingUser))!;
    await setTime(orm, 'stored_file', 'created_at', badgeC, ago(90 * DAY)); // pending: under review however old
    await setTime(orm, 'stored_file', 'created_at', spare[0]!, ago(30 * DAY + HOUR));
    await setTime(orm, 'stored_file', 'created_at', spare[1]!, ago(30 * DAY - HOUR));
    // Unattached fault photos (30 days from upload).
    await setTime(orm, 'stored_file', 'created_at', looseOld, ago(30 * DAY + HOUR));
    await setTime(orm, 'stored_file', 'created_at', looseNew, ago(30 * DAY - HOUR));
    for (const id of [badgeA, spare[0]!, looseOld]) files.gone.push({ id, key: (await fileRow(id))!.storage_key });
    for (const id of [badgeB, badgeC, spare[1]!, looseNew]) files.kept.push({ id, key: (await fileRow(id))!.storage_key });

    // Tickets: anonymised 5 years after closing (the closing step's time; updated_at when the history lacks it).
    const em = orm.em.fork();
    const ticket = (status: 'closed' | 'cancelled' | 'resolved') =>
      insertTicket(orm, { hospitalName: BJ, departmentName: ENDO, reporterPhone: '13800000004', assignedEngineerPhone: '13800000002', status, contactName: '王芳', contactPhone: '13911112222' });
    tickets.closedLongAgo = await ticket('closed');
    tickets.closedRecently = await ticket('closed');
    tickets.cancelledLongAgo = await ticket('cancelled');
    tickets.resolvedLongAgo = await ticket('resolved');
    const fiveYears = 1825 * DAY;
    await setTime(orm, 'ticket', 'updated_at', tickets.closedLongAgo.id, ago(fiveYears + HOUR)); // no close event: updated_at counts
    await setTime(orm, 'ticket', 'updated_at', tickets.closedRecently.id, ago(6 * 365 * DAY)); // ...but here the close event does
    await setTime(orm, 'ticket', 'updated_at', tickets.resolvedLongAgo.id, ago(6 * 365 * DAY)); // resolved is not closed
    await setTime(orm, 'ticket', 'updated_at', tickets.cancelledLongAgo.id, ago(DAY));
    const event = (t: { id: string }, kind: 'close' | 'cancel', toStatus: 'closed' | 'cancelled', at: Date) =>
      em.create(TicketEventSchema, { ticket: t.id, actorId: staffId, kind, fromStatus: 'resolved', toStatus, createdAt: at });
    event(tickets.closedRecently, 'close', 'closed', ago(fiveYears - HOUR));
    event(tickets.cancelledLongAgo, 'cancel', 'cancelled', ago(fiveYears + HOUR));
    t1Comment = newId();
    em.create(TicketCommentSchema, { id: t1Comment, ticket: tickets.closedLongAgo.id, authorId: staffId, bodySealed: server.running.cipher.seal({ table: 'ticket_comment', column: 'body', id: t1Comment }, '补充一张照片'), fileIds: [commentPhoto] });
    t1Rating = newId();
    em.create(TicketRatingSchema, { id: t1Rating, ticket: tickets.closedLongAgo.id, raterId: staffId, score: 5, commentSealed: server.running.cipher.seal({ table: 'ticket_rating', column: 'comment', id: t1Rating }, '王工很耐心') });
    await em.flush();
    await rows(orm, 'update stored_file set ticket_id = ?, attached_at = ? where id = ?', [tickets.closedLongAgo.id, em.getPlatform().processDateProperty(now), reportPhoto]);
    await rows(orm, 'update stored_file set ticket_id = ?, comment_id = ?, attached_at = ? where id = ?', [tickets.closedLongAgo.id, t1Comment, em.getPlatform().processDateProperty(now), commentPhoto]);
    for (const id of [reportPhoto, commentPhoto]) files.gone.push({ id, key: (await fileRow(id))!.storage_key });

    // Chat: messages go 3 years after they were sent; a conversation left empty goes with its read markers and media.
    const threeYears = 1095 * DAY;
    const chat = (lastMessageAt: Date) => em.create(ChatSessionSchema, { id: newId(), ownerId: staffId, ticketId: null, status: 'closed', claimedById: null, lastMessageAt, closedAt: lastMessageAt });
    const message = (chatId: string, at: Date, fileId: string | null = null) =>
      em.create(ChatMessageSchema, { id: newId(), chat: chatId, authorId: staffId, kind: fileId ? 'image' : 'text', bodySealed: null, fileId, clientId: null, createdAt: at });
    const mixed = chat(ago(threeYears - HOUR));
    const oldOnly = chat(ago(threeYears + 2 * HOUR));
    const quiet = chat(ago(threeYears - HOUR));
    const m1 = message(mixed.id, ago(threeYears + HOUR));
    const m2 = message(mixed.id, ago(threeYears - HOUR));
    const m3 = message(oldOnly.id, ago(threeYears + 2 * HOUR), chatImage);
    const read = em.create(ChatReadSchema, { id: newId(), chatId: oldOnly.id, userId: staffId, lastReadId: m3.id });
    await em.flush();
    await rows(orm, 'update stored_file set chat_id = ?, attached_at = ? where id = ?', [oldOnly.id, em.getPlatform().processDateProperty(now), chatImage]);
    files.gone.push({ id: chatImage, key: (await fileRow(chatImage))!.storage_key });
    expectGone('chat_message', m1.id);
    expectKept('chat_message', m2.id);
    expectGone('chat_message', m3.id);
    expectGone('chat_session', oldOnly.id);
    expectGone('chat_read', read.id);
    expectKept('chat_session', mixed.id);
    expectKept('chat_session', quiet.id);

    // Plain tables: one row just past each boundary, one just inside it.
    const pair = (days: number, make: (at: Date, expired: boolean) => { id: string }, table: string) => {
      expectGone(table, make(ago(days * DAY + HOUR), true).id);
      expectKept(table, make(ago(days * DAY - HOUR), false).id);
    };
    pair(730, (at) => em.create(DocumentViewSchema, { id: newId(), userId: staffId, documentId: newId(), secondsRead: 30, createdAt: at }), 'document_view');
    pair(1, (at) => em.create(SmsCodeSchema, { id: newId(), phoneIndex: `test-${newId()}`, purpose: 'login', codeHash: 'x'.repeat(64), expiresAt: at }), 'sms_code');
    const session = (end: Partial<{ revokedAt: Date; idleExpiresAt: Date }>) =>
      em.create(SessionSchema, {
        id: newId(),
        userId: staffId,
        tokenHash: newId().replace(/-/g, '').padEnd(64, '0'),
        lastUsedAt: ago(60 * DAY),
        idleExpiresAt: end.idleExpiresAt ?? new Date(now.getTime() + DAY),
        absoluteExpiresAt: new Date(now.getTime() + 2 * DAY),
        revokedAt: end.revokedAt ?? null,
      });
    pair(30, (at) => session({ revokedAt: at }), 'user_session');
    pair(30, (at) => session({ idleExpiresAt: at }), 'user_session');
    pair(7, (at) => em.create(IdempotencyRecordSchema, { id: newId(), userId: staffId, route: 'POST /redemptions', key: newId(), bodyHash: 'x'.repeat(64), responseBody: { address: '东华门大街 1 号' }, createdAt: at }), 'idempotency_record');
    const outbox = (deliveredAt: Date | null, createdAt: Date) =>
      em.create(OutboxMessageSchema, { id: newId(), topic: 'test', dedupeKey: `test:${newId()}`, payload: {}, attempts: 1, availableAt: createdAt, deliveredAt, lastError: null, createdAt });
    pair(30, (at) => outbox(at, ago(90 * DAY)), 'outbox_message');
    expectKept('outbox_message', outbox(null, ago(90 * DAY)).id); // never delivered: not this rule's to remove
    pair(365, (at) => em.create(NotificationSchema, { id: newId(), userId: staffId, kind: 'ticket_status', ticketId: null, title: '工单状态更新', body: '已完成', readAt: null, dedupeKey: `test:${newId()}`, wechatState: null, wechatMsgId: null, createdAt: at }), 'notification');
    pair(1095, (at) => em.create(PiiAccessSchema, { id: newId(), actorId: staffId, subjectUserId: staffId, subjectCount: 1, action: 'phone.reveal', fields: ['ticket.contactPhone'], purpose: 'seed', requestId: null, createdAt: at }), 'pii_access_log');
    pair(1095, (at) => em.create(ProvisionRecordSchema, { id: newId(), ticketId: newId(), subjectUserId: staffId, dealerId: newId(), recipientUserId: newId(), purpose: 'onsite_check', fields: ['contactName'], requestId: null, createdAt: at }), 'provision_record');
    pair(1095, (at) => em.create(AuditEventSchema, { id: newId(), actorId: staffId, action: 'seed', subjectUserId: null, fields: null, reason: null, requestId: null, createdAt: at }), 'audit_event');
    const jobRun = (at: Date, finished: boolean) =>
      em.create(JobRunSchema, { id: newId(), job: 'sla', period: `seed:${newId()}`, trigger: 'schedule', finishedAt: finished ? at : null, result: null, error: null, createdAt: at });
    pair(90, (at) => jobRun(at, true), 'job_run');
    expectKept('job_run', jobRun(ago(200 * DAY), false).id); // a run that never finished stays as the evidence of it
    await em.flush();

    for (const f of [...files.gone, ...files.kept]) expect(stored(f.key)).toBe(true);
  });
  afterAll(() => server.close());

  it('deletes or anonymises what expired, keeps what did not, and records the run with counts per category', async () => {
    const res = await runRetention();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ job: 'retention', status: 'succeeded', error: null });
    const result = res.body.result;
    expect(Object.keys(result.counts)).toEqual(expect.arrayContaining([...RETENTION_CATEGORIES]));
    expect(result.unfinished).toEqual([]);
    expect(result.files).toEqual({ removed: files.gone.length, failed: 0 });
    expect(result.counts).toMatchObject({
      badge_photos: 2,
      unattached_uploads: 1,
      chat_messages: 2,
      chat_conversations: 1,
      ticket_personal: 2,
      browsing_records: 1,
      idempotency_records: 1,
      outbox_delivered: 1,
      notifications: 1,
      pii_access_log: 1,
      provision_records: 1,
      audit_log: 1,
      job_runs: 1,
    });
    // The logins of the set-up, a month ago, left expired SMS codes too; the sessions are those seeded.
    expect(result.counts.sms_codes).toBeGreaterThanOrEqual(1);
    expect(result.counts.sessions).toBe(2);
    // Kept on the job's run record.
    const [record] = await rows<{ result: string | Record<string, unknown>; trigger: string }>(orm, 'select result, trigger from job_run where id = ?', [res.body.id]);
    const stored_ = typeof record!.result === 'string' ? JSON.parse(record!.result) : record!.result;
    expect(stored_).toEqual(result);

    expect(Object.keys(gone).sort()).toEqual(['audit_event', 'chat_message', 'chat_read', 'chat_session', 'document_view', 'idempotency_record', 'job_run', 'notification', 'outbox_message', 'pii_access_log', 'provision_record', 'sms_code', 'user_session']);
    for (const [table, ids] of Object.entries(gone)) for (const id of ids) expect([table, id, await exists(orm, table, id)]).toEqual([table, id, false]);
    for (const [table, ids] of Object.entries(kept)) for (const id of ids) expect([table, id, await exists(orm, table, id)]).toEqual([table, id, true]);

    // Files: rows and bytes gone, or both still there.
    for (const f of files.gone) {
      expect(await fileRow(f.id)).toBeUndefined();
      expect(stored(f.key)).toBe(false);
    }
    for (const f of files.kept) {
      expect(await fileRow(f.id)).toBeDefined();
      expect(stored(f.key)).toBe(true);
    }
    expect(await badgeOf(approvedLongAgo)).toBeNull();
    expect(await badgeOf(approvedRecently)).not.toBeNull();
    expect(await badgeOf(pendingUser)).not.toBeNull();
    const me = await call(server, 'GET', '/me', { token: (await login(server, '13800000001')).token });
    expect(me.status).toBe(200);
  });

  it('anonymises tickets in place: contact replaced, media and rating comment removed; the record and its history stay', async () => {
    const detail = async (id: string) => (await call(server, 'GET', `/tickets/${id}`, { token: admin })).body;
    for (const t of [tickets.closedLongAgo, tickets.cancelledLongAgo]) {
      const view = await detail(t.id);
      expect(view).toMatchObject({ number: t.number, contactName: '已匿名', contactPhone: '', description: expect.any(String), equipment: { model: 'QV-G290 电子胃镜' } });
      expect(view.media).toEqual({ photoIds: [], voiceId: null });
    }
    const rated = await detail(tickets.closedLongAgo.id);
    expect(rated.rating).toEqual({ score: 5, comment: null });
    const [comment] = await rows<{ file_ids: string | string[] }>(orm, 'select file_ids from ticket_comment where id = ?', [t1Comment]);
    expect(typeof comment!.file_ids === 'string' ? JSON.parse(comment!.file_ids) : comment!.file_ids).toEqual([]);
    expect(await exists(orm, 'ticket_rating', t1Rating)).toBe(true);
    expect(await rows(orm, 'select id from ticket_event where ticket_id = ?', [tickets.cancelledLongAgo.id])).toHaveLength(1);

    for (const t of [tickets.closedRecently, tickets.resolvedLongAgo]) {
      expect(await detail(t.id)).toMatchObject({ contactName: '王芳', contactPhone: '13911112222' });
    }
    // An anonymised ticket shown in full reveals no phone: nothing is logged for it.
    const [{ n }] = (await rows<{ n: number }>(orm, "select count(*) as n from pii_access_log where purpose = ?", [`工单联系 ${tickets.closedLongAgo.number}`])) as [{ n: number }];
    expect(Number(n)).toBe(0);
    // The ticket rows themselves stay.
    const em = orm.em.fork();
    expect(await em.count(TicketSchema, { id: { $in: Object.values(tickets).map((t) => t.id) } })).toBe(4);
  });

  it('is harmless to run again: nothing more expired, nothing more goes', async () => {
    const again = await runRetention();
    expect(again.body.status).toBe('succeeded');
    expect(Object.values(again.body.result.counts).every((n) => n === 0)).toBe(true);
    expect(again.body.result.files).toEqual({ removed: 0, failed: 0 });
    for (const [table, ids] of Object.entries(kept)) for (const id of ids) expect(await exists(orm, table, id)).toBe(true);
  });

  it('is for admins only', async () => {
    const staff = await login(server, '13800000004');
    expect((await call(server, 'POST', '/admin/jobs/retention/run', { token: staff.token })).status).toBe(403);
  });
});

describe('bounded work per run', () => {
  it('handles at most RETENTION_BATCH_SIZE × RETENTION_MAX_BATCHES rows per category per run, says so, and the next run goes on', async () => {
    const clock = new TestClock();
    const server = await startTestServer({
      clock,
      env: { DEMO_SEED: 'true', RETENTION_DAYS: '{"browsing_records":30}', RETENTION_BATCH_SIZE: '3', RETENTION_MAX_BATCHES: '2' },
      background: { outbox: false },
    });
    try {
      const admin = (await login(server, '13800000001')).token;
      const em = server.running.orm.em.fork();
      const now = clock.now();
      const viewer = newId();
      const expired = Array.from({ length: 7 }, (_, i) => em.create(DocumentViewSchema, { id: newId(), userId: viewer, documentId: newId(), secondsRead: i, createdAt: new Date(now.getTime() - 31 * DAY) }).id);
      const fresh = em.create(DocumentViewSchema, { id: newId(), userId: viewer, documentId: newId(), secondsRead: 1, createdAt: new Date(now.getTime() - 29 * DAY) }).id;
      await em.flush();
      const left = async () => Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from document_view where user_id = ?', [viewer]))[0]!.n);

      const first = await call(server, 'POST', '/admin/jobs/retention/run', { token: admin });
      expect(first.body.result.counts.browsing_records).toBe(6);
      expect(first.body.result.unfinished).toContain('browsing_records');
      expect(first.body.result.cutoffs.browsing_records).toBe(new Date(new Date(first.body.startedAt).getTime() - 30 * DAY).toISOString());
      expect(await left()).toBe(2);

      const second = await call(server, 'POST', '/admin/jobs/retention/run', { token: admin });
      expect(second.body.result.counts.browsing_records).toBe(1);
      expect(second.body.result.unfinished).not.toContain('browsing_records');
      expect(await left()).toBe(1);
      expect(await exists(server.running.orm, 'document_view', fresh)).toBe(true);
      expect(expired.length).toBe(7);
    } finally {
      await server.close();
    }
  });
});
