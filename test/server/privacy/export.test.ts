import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExportSchema } from '../../../shared/schemas/export.schema';
import { newId } from '../../../server/src/core/ids';
import { PERSONAL_COLUMNS, isSealedColumn, type PersonalColumn } from '../../../server/src/modules/my-data/personal-fields';
import { PrivacyRequestEventSchema } from '../../../server/src/modules/privacy-requests/privacy-request-event.entity';
import { PrivacyRequestSchema } from '../../../server/src/modules/privacy-requests/privacy-request.entity';
import { sealDetails, sealNote, sealOutcome } from '../../../server/src/modules/privacy-requests/privacy-request.codec';
import { StoredFileSchema } from '../../../server/src/modules/files/stored-file.entity';
import { call, cameraJpeg, consentFor, freshPhone, login, register, upload, type ApiResponse, wav } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { givePoints, insertGift, redeem } from '../../support/gift-shop';
import { startTestServer, TestClock, testDialect, type TestServer } from '../../support/test-server';

/**
 * Access and copy, portability (privacy.md; PIPL Art. 45): every column
 * tagged personal appears in the export, and the export validates against
 * its documented schema. The tagging is server/src/modules/my-data/personal-fields.ts;
 * this suite holds it against the live database schema of the dialect it
 * runs on, then fills one person with data in every tagged column, exports,
 * and finds each value — opened — where the registry says it is.
 */

const clock = new TestClock();
let server: TestServer;
let admin: string;
let engineer: string;
let dealer: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' }, clock });
  admin = (await login(server, '13800000001')).token;
  engineer = (await login(server, '13800000002')).token;
  dealer = (await login(server, '13800000003')).token;
});
afterAll(() => server.close());

/** A step of the fixture that must succeed (2xx). */
const ok = (res: ApiResponse): ApiResponse => {
  if (res.status < 200 || res.status > 299) throw new Error(`answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
};

async function where(token: string, hospitalName: string, departmentName: string) {
  const hospitals = await call(server, 'GET', `/hospitals?q=${encodeURIComponent(hospitalName)}`, { token });
  const hospitalId = hospitals.body.items.find((h: { name: string }) => h.name === hospitalName).id;
  const departments = await call(server, 'GET', `/hospitals/${hospitalId}/departments`, { token });
  return { hospitalId, departmentId: departments.body.items.find((d: { name: string }) => d.name === departmentName).id as string };
}

interface Person {
  id: string;
  token: string;
  phone: string;
  ticketId: string;
  chatId: string;
  engineerImageId: string;
}

/**
 * A person with something in every personal column: signed in with WeChat
 * (OpenID) and the phone button, registered with a badge and approved, a
 * ticket with photo and voice note (delegated, read by the dealer, resolved
 * and rated), a comment with a photo, a conversation with text and an image
 * both ways, an advanced-access application, a browsing record, points with
 * an admin's note, a saved address, an order, and a privacy request with
 * its history (written as the privacy-requests module writes it).
 */
async function fullPerson(): Promise<Person> {
  const standIn = server.running.wechatStandIn!;
  const { code } = standIn.issueLoginCode(`oWx_export_${newId().slice(-12)}`);
  const wx = ok(await call(server, 'POST', '/auth/wechat', { body: { code, consent: await consentFor(server, ['service', 'badge_photo', 'fault_media', 'dealer_sharing']) } }));
  const token: string = wx.body.token;
  const phone = freshPhone();
  ok(await call(server, 'POST', '/auth/wechat/phone', { token, body: { code: standIn.issuePhoneCode(phone).code } }));
  const at = await where(token, '北京东华医院', '消化内镜中心');
  const reg = ok(await register(server, token, { ...at, name: '周雅琴', position: '内镜室护士', title: '主管护师', gender: 'female' }));
  const id: string = reg.body.id;
  ok(await call(server, 'POST', `/admin/registrations/${id}/approve`, { token: admin }));

  // A ticket with a photo and a voice note, contact a colleague.
  const photo = ok(await upload(server, token, 'ticket_photo', await cameraJpeg())).body.id;
  const voice = ok(await upload(server, token, 'ticket_voice', wav(), 'voice.wav', 'audio/wav')).body.id;
  const ticket = ok(
    await call(server, 'POST', '/tickets', {
      token,
      body: {
        departmentId: at.departmentId,
        model: 'QV-G290 电子胃镜',
        serial: `SN-EXP-${newId().slice(-8)}`,
        description: '送检前测漏不通过，联系人吴佳在内镜室。',
        photoFileIds: [photo],
        voiceFileId: voice,
        contactName: '吴佳',
        contactPhone: '13712345678',
        contactConsent: true,
      },
    })
  ).body;
  const act = (t: string, body: Record<string, unknown>) => call(server, 'POST', `/tickets/${ticket.id}/transitions`, { token: t, body });
  ok(await act(engineer, { action: 'accept' }));
  const [demoDealer] = await rows<{ id: string }>(server.running.orm, "select id from dealer where name = '华东医疗器械技术服务有限公司'");
  ok(await call(server, 'POST', `/tickets/${ticket.id}/delegations`, { token: engineer, body: { dealerId: demoDealer!.id, purpose: 'onsite_check' } }));
  ok(await call(server, 'GET', `/tickets/${ticket.id}`, { token: dealer }));
  const commentPhoto = ok(await upload(server, token, 'ticket_photo', await cameraJpeg(320, 240))).body.id;
  ok(await call(server, 'POST', `/tickets/${ticket.id}/comments`, { token, body: { body: '补充：镜身靠近操作部有划痕', fileIds: [commentPhoto] } }));
  ok(await act(engineer, { action: 'start' }));
  ok(await act(engineer, { action: 'resolve', report: { found: '弯曲部橡皮破损', done: '更换弯曲部橡皮并测漏', parts: '弯曲部橡皮 ×1' } }));
  ok(await call(server, 'POST', `/tickets/${ticket.id}/rating`, { token, body: { score: 4, comment: '工程师王磊很专业，下次希望更快' } }));

  // A conversation: text and an image from the person, a reply and an image from service.
  const chat = ok(await call(server, 'POST', '/chats', { token, body: { text: '请问送修需要附消毒证明吗？' } })).body;
  const chatImage = ok(await upload(server, token, 'chat', await cameraJpeg(200, 200))).body.id;
  ok(await call(server, 'POST', `/chats/${chat.id}/messages`, { token, body: { kind: 'image', fileId: chatImage, clientId: `c-${newId()}` } }));
  ok(await call(server, 'POST', `/chats/${chat.id}/claim`, { token: engineer }));
  ok(await call(server, 'POST', `/chats/${chat.id}/messages`, { token: engineer, body: { kind: 'text', text: '需要，请附上清洗消毒记录。', clientId: `c-${newId()}` } }));
  const engineerImage = ok(await upload(server, engineer, 'chat', await cameraJpeg(180, 180))).body.id;
  ok(await call(server, 'POST', `/chats/${chat.id}/messages`, { token: engineer, body: { kind: 'image', fileId: engineerImage, clientId: `c-${newId()}` } }));

  // Advanced access asked for.
  ok(await call(server, 'POST', '/access-requests', { token, body: { departmentIds: [at.departmentId], position: '内镜室护士长', reason: '负责本科室内镜的日常管理与送修' } }));

  // A browsing record with reading time.
  const docs = ok(await call(server, 'GET', '/documents?limit=5', { token })).body.items;
  const opened = ok(await call(server, 'GET', `/documents/${docs[0].id}`, { token })).body;
  ok(await call(server, 'POST', `/documents/${docs[0].id}/reading`, { token, body: { viewId: opened.viewId, seconds: 42 } }));

  // Points (an admin's adjustment carries a note), a saved address and an order to it.
  await givePoints(server, admin, id, 500);
  const address = ok(
    await call(server, 'POST', '/addresses', {
      token,
      body: { recipientName: '周雅琴', phone: '13612345678', provinceCode: '110000', cityCode: '110100', districtCode: '110101', detail: '东华门大街 88 号 内镜中心', isDefault: true },
    })
  ).body;
  const gift = await insertGift(server, { pointsPrice: 50, valueYuan: 20 });
  ok(await redeem(server, token, { giftId: gift.id, quantity: 1, addressId: address.id }, `k-${newId()}`));

  // A privacy request with its history, sealed by the privacy-requests module's codec.
  const em = server.running.orm.em.fork();
  const cipher = server.running.cipher;
  const requestId = newId();
  const now = new Date();
  em.create(PrivacyRequestSchema, {
    id: requestId,
    userId: id,
    type: 'correction',
    status: 'completed',
    detailsSealed: sealDetails(cipher, requestId, '我的职称已变更为副主任护师，请更正'),
    verifiedAt: now,
    dueAt: new Date(now.getTime() + 15 * 86_400_000),
    outcomeSealed: sealOutcome(cipher, requestId, '已核实并更正职称'),
    closedAt: now,
    updatedAt: now,
  });
  for (const [kind, actorId, note] of [['received', id, null], ['note', null, '已电话联系本人核实']] as const) {
    const eventId = newId();
    em.create(PrivacyRequestEventSchema, { id: eventId, requestId, actorId, kind, noteSealed: sealNote(cipher, eventId, note) });
  }
  await em.flush();

  // In-app notifications of the ticket's progress arrive through the outbox worker.
  await eventually(async () => {
    const [n] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from notification where user_id = ?', [id]);
    expect(Number(n!.n)).toBeGreaterThan(0);
  });

  return { id, token, phone, ticketId: ticket.id, chatId: chat.id, engineerImageId: engineerImage };
}

async function exportOf(token: string): Promise<{ res: Response; doc: z.infer<typeof ExportSchema>; text: string }> {
  const res = await fetch(server.api('/me/export'), { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) {
    const errors = server.logs.filter((l) => l.level === 50).map((l) => JSON.stringify(l.err ?? l.msg).slice(0, 2000));
    throw new Error(`export answered ${res.status}: ${text}\n${errors.join('\n')}`);
  }
  return { res, doc: JSON.parse(text), text };
}

/** Column names per table, read from the live database of the dialect under test. */
async function liveColumns(): Promise<Map<string, string[]>> {
  const orm = server.running.orm;
  const tables = new Map<string, string[]>();
  if (testDialect() === 'postgresql') {
    const found = await rows<{ table_name: string; column_name: string }>(
      orm,
      `select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and table_name not like 'mikro_orm%' order by table_name, ordinal_position`,
    );
    for (const r of found) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
  } else {
    const names = await rows<{ name: string }>(orm, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'mikro_orm%'");
    for (const { name } of names) {
      const cols = await rows<{ name: string }>(orm, `pragma table_info(\`${name}\`)`);
      tables.set(name, cols.map((c) => c.name));
    }
  }
  return tables;
}

/** Every value at a path: `a.b` steps into objects, `a[]` into each item of a list. */
function valuesAt(root: unknown, pathText: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of pathText.split('.')) {
    const many = segment.endsWith('[]');
    const key = many ? segment.slice(0, -2) : segment;
    current = current.flatMap((v) => (v !== null && typeof v === 'object' ? [(v as Record<string, unknown>)[key]] : []));
    if (many) current = current.flatMap((v) => (Array.isArray(v) ? v : []));
  }
  return current;
}

/** The person's stored values of one registered column, opened, each with the export path it must appear at. */
async function storedValues(c: PersonalColumn, userId: string): Promise<{ value: unknown; at: string }[]> {
  const found = await rows<{ id: string; v: unknown }>(server.running.orm, `select x.id as id, x.${c.column} as v from ${c.table} x where ${c.whose}`, [userId]);
  const out: { value: unknown; at: string }[] = [];
  for (const r of found) {
    if (r.v === null || r.v === undefined) continue;
    if (c.storage === 'plain') {
      out.push({ value: r.v, at: c.exportPath as string });
    } else if (c.storage === 'plain-json') {
      const list = typeof r.v === 'string' ? (JSON.parse(r.v) as unknown[]) : (r.v as unknown[]);
      for (const item of list) out.push({ value: item, at: c.exportPath as string });
    } else {
      const opened = server.running.cipher.open(c.ref!(r.id), String(r.v));
      if (typeof c.exportPath === 'string') {
        out.push({ value: opened, at: c.exportPath });
      } else {
        const parsed = JSON.parse(opened) as Record<string, unknown>;
        for (const [key, at] of Object.entries(c.exportPath)) out.push({ value: parsed[key], at });
      }
    }
  }
  return out;
}

const same = (a: unknown, b: unknown) => (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : String(a) === String(b));

describe('the personal-column registry against the live schema', () => {
  it('knows every sealed column of every table, and lists only columns that exist', async () => {
    const tables = await liveColumns();
    expect(tables.size).toBeGreaterThan(30);
    const sealed = [...tables].flatMap(([table, cols]) => cols.filter(isSealedColumn).map((column) => `${table}.${column}`));
    expect(sealed.length).toBeGreaterThanOrEqual(15);
    const registered = new Set(PERSONAL_COLUMNS.map((c) => `${c.table}.${c.column}`));
    expect(sealed.filter((key) => !registered.has(key))).toEqual([]);
    const missing = PERSONAL_COLUMNS.filter((c) => !tables.get(c.table)?.includes(c.column)).map((c) => `${c.table}.${c.column}`);
    expect(missing).toEqual([]);
    // Sealed columns are opened with their module's AAD; plain ones need none.
    for (const c of PERSONAL_COLUMNS) expect([c.table, c.column, Boolean(c.ref)]).toEqual([c.table, c.column, c.storage === 'sealed']);
    // The badge file id is personal though stored in the clear.
    expect(registered.has('app_user.badge_file_id')).toBe(true);
  });
});

describe('GET /me/export', () => {
  let person: Person;
  let exported: Awaited<ReturnType<typeof exportOf>>;
  beforeAll(async () => {
    person = await fullPerson();
    exported = await exportOf(person.token);
  });

  it('is a JSON file download named 我的数据 with the date, that validates against the export schema', () => {
    const { res, doc } = exported;
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toContain(`attachment; filename="scopedesk-my-data-${day}.json"`);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`scopedesk-我的数据-${day}.json`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(ExportSchema.safeParse(doc).success).toBe(true);
    expect(doc).toMatchObject({ schemaVersion: 1, format: 'scopedesk.personal-data' });
    const validFor = new Date(doc.linksExpireAt).getTime() - new Date(doc.generatedAt).getTime();
    expect(Math.abs(validFor - 24 * 3600_000)).toBeLessThan(1000);
  });

  it('holds every value of every personal column of the person, opened, at its registered path', async () => {
    const { doc } = exported;
    const problems: string[] = [];
    for (const c of PERSONAL_COLUMNS) {
      const values = await storedValues(c, person.id);
      if (!values.length) problems.push(`${c.table}.${c.column}: the fixture left it empty`);
      for (const { value, at } of values) {
        const found = valuesAt(doc, at);
        if (!found.some((f) => same(f, value))) problems.push(`${c.table}.${c.column}: ${JSON.stringify(value)} not at ${at} (found ${JSON.stringify(found)})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('covers the rest of what is held: consents with versions, points, provisions, sessions, notifications', async () => {
    const { doc } = exported;
    expect(doc.consents.current.purposes).toEqual(['service', 'badge_photo', 'fault_media', 'dealer_sharing']);
    expect(doc.consents.history[0]).toMatchObject({ action: 'grant', policyVersion: expect.any(String), policyPublishedAt: expect.any(String), textHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(doc.profile).toMatchObject({ id: person.id, status: 'active', role: 'staff', tier: 'general', phone: person.phone, hospital: { name: '北京东华医院' }, department: { name: '消化内镜中心' } });
    expect(doc.points.balance).toBe(Number((await rows<{ balance: number }>(server.running.orm, 'select balance from points_account where user_id = ?', [person.id]))[0]!.balance));
    expect(doc.points.ledger.map((e) => e.reason)).toEqual(expect.arrayContaining(['registration_approved', 'admin_adjustment', 'redemption']));
    expect(doc.provisions).toEqual([expect.objectContaining({ ticketNumber: doc.tickets[0]!.number, dealer: '华东医疗器械技术服务有限公司', purpose: 'onsite_check' })]);
    expect(doc.loginHistory.filter((s) => s.current)).toHaveLength(1);
    expect(doc.loginHistory[0]!.state).toBe('active');
    expect(doc.notifications.length).toBeGreaterThan(0);
    expect(doc.tickets[0]!.media.map((m) => m.purpose).sort()).toEqual(['ticket_photo', 'ticket_voice']);
    expect(doc.tickets[0]!.rating).toMatchObject({ score: 4, comment: '工程师王磊很专业，下次希望更快' });
    const chat = doc.chats.find((c) => c.id === person.chatId)!;
    expect(chat.messages.map((m) => [m.from, m.kind])).toEqual([
      ['me', 'text'],
      ['me', 'image'],
      ['service', 'text'],
      ['service', 'image'],
    ]);
    expect(doc.privacyRequests[0]!.events.map((e) => e.by)).toEqual(['user', 'system']);
    // Nobody else's name is in it: the engineer who answered is "service".
    expect(JSON.stringify(doc.chats)).not.toContain('王磊');
  });

  it('writes one export.self row to the access log, with the request id', async () => {
    const requestId = exported.res.headers.get('x-request-id');
    const logged = await rows<{ actor_id: string; subject_user_id: string; request_id: string; purpose: string }>(
      server.running.orm,
      "select actor_id, subject_user_id, request_id, purpose from pii_access_log where action = 'export.self' and subject_user_id = ?",
      [person.id],
    );
    expect(logged).toEqual([expect.objectContaining({ actor_id: person.id, subject_user_id: person.id, request_id: requestId })]);
  });

  it('links only the person’s own files, each with a working expiring link; the rest have none', async () => {
    const { doc } = exported;
    const media = [doc.profile.badge, ...doc.tickets.flatMap((t) => t.media), ...doc.ticketComments.flatMap((c) => c.media), ...doc.chats.flatMap((c) => c.messages.map((m) => m.media))].filter(
      (m): m is NonNullable<typeof m> => Boolean(m),
    );
    const own = new Set((await rows<{ id: string }>(server.running.orm, 'select id from stored_file where owner_id = ?', [person.id])).map((r) => r.id));
    const linked = media.filter((m) => m.url);
    expect(linked.map((m) => m.purpose).sort()).toEqual(['badge', 'chat', 'ticket_photo', 'ticket_photo', 'ticket_voice']);
    for (const m of linked) expect(own.has(m.fileId)).toBe(true);
    const engineers = media.find((m) => m.fileId === person.engineerImageId)!;
    expect(engineers.url).toBeNull();

    for (const m of linked) {
      const res = await fetch(m.url!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(m.mime);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
      expect((await res.arrayBuffer()).byteLength).toBe(m.size);
    }
  });

  it('refuses a forged or altered link (403), an expired one, and one whose file is gone (404)', async () => {
    const badge = exported.doc.profile.badge!;
    const url = new URL(badge.url!);
    const sig = url.searchParams.get('sig')!;
    const exp = Number(url.searchParams.get('exp'));

    const forged = new URL(url);
    forged.searchParams.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    expect((await fetch(forged)).status).toBe(403);
    const longer = new URL(url);
    longer.searchParams.set('exp', String(exp + 365 * 86_400));
    expect((await fetch(longer)).status).toBe(403);
    const otherFile = new URL(url.href.replace(badge.fileId, exported.doc.tickets[0]!.media[0]!.fileId));
    expect((await fetch(otherFile)).status).toBe(403);
    const malformed = new URL(url);
    malformed.searchParams.set('sig', 'nope');
    expect((await fetch(malformed)).status).toBe(422);

    clock.advance(24 * 3600_000 + 1000);
    try {
      const expired = await fetch(url);
      expect([403, 410]).toContain(expired.status);
      expect(((await expired.json()) as { detail: string }).detail).toContain('已过期');
    } finally {
      clock.advance(-(24 * 3600_000 + 1000));
    }

    const photo = exported.doc.tickets[0]!.media.find((m) => m.purpose === 'ticket_photo')!;
    const em = server.running.orm.em.fork();
    await em.nativeUpdate(StoredFileSchema, { id: photo.fileId }, { deletedAt: new Date() });
    expect((await fetch(photo.url!)).status).toBe(404);
    await em.nativeUpdate(StoredFileSchema, { id: photo.fileId }, { deletedAt: null });
  });

  it('leaves out other people’s tickets, comments, chats and addresses', async () => {
    const other = await fullPerson();
    const { doc } = exported;
    const text = exported.text;
    expect(doc.tickets.map((t) => t.id)).toEqual([person.ticketId]);
    expect(doc.chats.map((c) => c.id)).toEqual([person.chatId]);
    expect(text).not.toContain(other.phone);
    expect(text).not.toContain(other.id);
    const again = await exportOf(other.token);
    expect(again.doc.tickets.map((t) => t.id)).toEqual([other.ticketId]);
    expect(again.text).not.toContain(person.phone);
  });

  it('needs a session, and is limited to a few exports an hour per person', async () => {
    expect((await call(server, 'GET', '/me/export')).status).toBe(401);
    const { token } = await login(server);
    for (let i = 0; i < 10; i++) expect((await fetch(server.api('/me/export'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const limited = await call(server, 'GET', '/me/export', { token });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('docs/export-format.md', () => {
  /** Every field name in the export schema, however deep. */
  function fieldNames(schema: z.ZodType, into = new Set<string>()): Set<string> {
    if (schema instanceof z.ZodObject) {
      for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        into.add(key);
        fieldNames(value, into);
      }
    } else if (schema instanceof z.ZodArray) {
      fieldNames(schema.element as z.ZodType, into);
    } else if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
      fieldNames(schema.unwrap() as z.ZodType, into);
    }
    return into;
  }

  it('describes every field of the export, by name', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/export-format.md'), 'utf8');
    const undocumented = [...fieldNames(ExportSchema)].filter((name) => !doc.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
    expect(doc).toContain('schemaVersion');
  });
});
