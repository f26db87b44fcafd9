import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { ScratchDatabase } from '../../../server/src/db/scratch-database';
import { UserSchema } from '../../../server/src/modules/users/user.entity';
import { call, consentFor, freshPhone, login, register } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, testDatabase, type TestServer } from '../../support/test-server';

/**
 * privacy.md, "Encryption at rest": what is in the database — every table,
 * and on SQLite every byte of the file and its write-ahead log — holds no
 * personal field in plain text, and reading a user never rewrites it.
 */

const DEMO_ADMIN_PHONE = '13800000001';
// Distinctive values, so a match can only come from this person's profile.
const PROFILE = { name: '欧阳明珠', position: '内镜中心护士长', title: '副主任护师' };

let scratch: ScratchDatabase;
let server: TestServer;
let person: { id: string; phone: string; openid: string; token: string };

beforeAll(async () => {
  // A file on SQLite, so the bytes on disk can be searched; a fresh database on PostgreSQL.
  scratch = await testDatabase({ file: true });
  server = await startTestServer({ database: scratch, env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });

  // Signs up by SMS and registers with name, position and title…
  const sms = await login(server, freshPhone());
  const registered = await register(server, sms.token, PROFILE);
  expect(registered.status).toBe(201);

  // …then opens the mini-program: WeChat sign-in, and the phone button joins the two.
  const openid = `oScope_${randomBytes(9).toString('base64url')}`;
  const standIn = server.running.wechatStandIn!;
  const wx = await call(server, 'POST', '/auth/wechat', {
    body: { code: standIn.issueLoginCode(openid).code, consent: await consentFor(server, ['service']) },
  });
  expect(wx.status).toBe(200);
  const bound = await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode(sms.phone).code } });
  expect(bound.status).toBe(200);
  expect(bound.body).toMatchObject({ id: registered.body.id, profile: { ...PROFILE, wechatBound: true } });
  person = { id: registered.body.id, phone: sms.phone, openid, token: sms.token };

  // The OpenID is stored: the next WeChat sign-in finds this account.
  const again = await call(server, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode(openid).code } });
  expect(again.body.user).toMatchObject({ id: person.id });
});

afterAll(async () => {
  await server?.close();
  await scratch?.drop();
});

/** Everything the database holds, as one searchable buffer. */
async function databaseContents(): Promise<Buffer> {
  const db = scratch.database;
  if (db.dialect === 'sqlite') {
    // The WAL holds what has not been checkpointed into the main file (and older page versions).
    return Buffer.concat([db.file, `${db.file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  }
  const tables = await rows<{ table_name: string }>(
    server.running.orm,
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  );
  expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['app_user', 'audit_event', 'stored_file', 'sms_code', 'consent_event']));
  const dump: string[] = [];
  for (const { table_name } of tables) {
    const found = await rows<{ j: string }>(server.running.orm, `select row_to_json(t)::text as j from "${table_name}" t`);
    dump.push(...found.map((r) => r.j));
  }
  return Buffer.from(dump.join('\n'), 'utf8');
}

describe('encryption at rest', () => {
  it('keeps phone, name, position, title and OpenID out of the database in plain text', async () => {
    const contents = await databaseContents();
    const [stored] = await rows<{ phone_sealed: string; name_sealed: string }>(
      server.running.orm,
      'select phone_sealed, name_sealed from app_user where id = ?',
      [person.id],
    );
    // The search does see this person's row: its id and its sealed values are there.
    expect(contents.includes(Buffer.from(person.id))).toBe(true);
    expect(contents.includes(Buffer.from(stored!.phone_sealed))).toBe(true);
    expect(contents.includes(Buffer.from(stored!.name_sealed))).toBe(true);

    const plain = {
      phone: person.phone,
      phoneWithCountryCode: `86${person.phone}`,
      demoAdminPhone: DEMO_ADMIN_PHONE,
      openid: person.openid,
      ...PROFILE,
    };
    const leaked = Object.entries(plain).filter(([, value]) => contents.includes(Buffer.from(value, 'utf8')));
    expect(leaked).toEqual([]);
  });

  it('looks phones and OpenIDs up by a keyed index, not by a plain hash anyone could recompute', async () => {
    const [user] = await rows<{ phone_index: string; openid_index: string }>(
      server.running.orm,
      'select phone_index, openid_index from app_user where id = ?',
      [person.id],
    );
    expect(user!.phone_index).toEqual(expect.any(String));
    expect(user!.openid_index).toEqual(expect.any(String));
    const hashes = (value: string) =>
      ['sha256', 'sha1', 'md5'].flatMap((algorithm) => {
        const digest = createHash(algorithm).update(value).digest();
        return [digest.toString('hex'), digest.toString('hex').toUpperCase(), digest.toString('base64'), digest.toString('base64url')];
      });
    for (const candidate of [person.phone, `86${person.phone}`, `+86${person.phone}`, `phone\0${person.phone}`]) {
      expect(hashes(candidate)).not.toContain(user!.phone_index);
    }
    for (const candidate of [person.openid, `openid\0${person.openid}`]) {
      expect(hashes(candidate)).not.toContain(user!.openid_index);
    }
    // Nor do the phone's digits survive in the index or in a pending SMS code's row.
    const codes = await rows<{ phone_index: string }>(server.running.orm, 'select phone_index from sms_code');
    expect(codes.length).toBeGreaterThan(0);
    for (const { phone_index } of [...codes, user!]) {
      expect(phone_index).not.toContain(person.phone);
      expect(hashes(person.phone)).not.toContain(phone_index);
    }
  });
});

/** The SQL an action sends: the ORM writes queries to the server log (without colours here) while its query debugging is on. */
async function queriesSentBy(action: () => Promise<unknown>): Promise<string[]> {
  const ormLogger = server.running.orm.config.getLogger();
  const from = server.logs.length;
  ormLogger.setDebugMode(['query']);
  try {
    await action();
  } finally {
    ormLogger.setDebugMode(false);
  }
  // eslint-disable-next-line no-control-regex
  return server.logs.slice(from).filter((l) => l.orm === true).map((l) => String(l.msg).replace(/\u001b\[\d+m/g, ''));
}

describe('loading a user writes nothing back', () => {
  const updatedAt = async () =>
    String((await rows<{ updated_at: unknown }>(server.running.orm, 'select updated_at from app_user where id = ?', [person.id]))[0]!.updated_at);

  it('finds no change sets after loading a user with sealed fields, and a flush sends no query', async () => {
    const orm = server.running.orm;
    const before = await updatedAt();
    const sealedBefore = await rows(orm, 'select * from app_user where id = ?', [person.id]);

    const em = orm.em.fork();
    const user = await em.findOneOrFail(UserSchema, { id: person.id });
    expect(user.phoneSealed).toEqual(expect.stringMatching(/^v1\./));
    expect(user.openidSealed).toEqual(expect.stringMatching(/^v1\./));
    expect(user.nameSealed).toEqual(expect.stringMatching(/^v1\./));
    // Every other account too (demo staff, admin): other mixes of set and empty fields.
    expect((await em.find(UserSchema, {})).length).toBeGreaterThan(1);
    em.getUnitOfWork().computeChangeSets();
    expect(em.getUnitOfWork().getChangeSets()).toEqual([]);

    expect(await queriesSentBy(() => em.flush())).toEqual([]);

    expect(await updatedAt()).toBe(before);
    expect(await rows(orm, 'select * from app_user where id = ?', [person.id])).toEqual(sealedBefore);
  });

  it('does see a real change both ways (so the checks above can fail)', async () => {
    const em = server.running.orm.em.fork();
    const user = await em.findOneOrFail(UserSchema, { id: person.id });
    user.rejectionReason = 'touched by the test';
    em.getUnitOfWork().computeChangeSets();
    expect(em.getUnitOfWork().getChangeSets()).toHaveLength(1);
    expect(await queriesSentBy(() => em.flush())).toContainEqual(expect.stringMatching(/^\[query\] update .app_user. set /));
  });

  it('leaves the row untouched across authenticated requests that only read', async () => {
    const before = await updatedAt();
    await new Promise((resolve) => setTimeout(resolve, 20)); // a rewrite would get a later updated_at
    for (const path of ['/me', '/me', '/privacy/policy']) {
      expect((await call(server, 'GET', path, { token: person.token })).status).toBe(200);
    }
    expect(await updatedAt()).toBe(before);
  });
});
