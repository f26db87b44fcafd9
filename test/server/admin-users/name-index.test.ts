import { UserPii } from '../../../server/src/modules/users/user.pii';
import { approvedStaff, call, freshPhone, login, requestCode } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, testDatabase, TestClock, type TestServer } from '../../support/test-server';

/**
 * The name blind index (issue 9): written with the sealed name everywhere a
 * name is written, filled in at start for accounts sealed before it
 * existed, and gone with the name when a cancelled account is purged.
 */
const DAY = 24 * 3600_000;
const BJ = '北京东华医院';

const nameIndexOf = async (server: TestServer, id: string) =>
  (await rows<{ name_index: string | null }>(server.running.orm, 'select name_index from app_user where id = ?', [id]))[0]?.name_index ?? null;
const expected = (server: TestServer, name: string) => new UserPii(server.running.cipher).nameIndex(name);

describe('writers of a name', () => {
  const clock = new TestClock();
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ clock, env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', SMS_PHONE_DAILY_LIMIT: '100' } });
    admin = (await login(server, '13800000001')).token;
  });
  afterAll(() => server.close());

  it('the demo accounts have it', async () => {
    const found = await rows<{ id: string; name_index: string | null }>(server.running.orm, "select id, name_index from app_user where role = 'admin'");
    expect(found).toHaveLength(1);
    expect(found[0]!.name_index).toBe(expected(server, '赵敏'));
    expect((await call(server, 'GET', `/admin/accounts?q=${encodeURIComponent('赵敏')}`, { token: admin })).body.items).toHaveLength(1);
  });

  it('registration sets it; correcting the name on PATCH /me moves it', async () => {
    const person = await approvedStaff(server, admin, BJ, '普外科', '曹雪');
    expect(await nameIndexOf(server, person.id)).toBe(expected(server, '曹雪'));
    expect((await call(server, 'PATCH', '/me', { token: person.token, body: { name: '曹雪芹' } })).status).toBe(200);
    expect(await nameIndexOf(server, person.id)).toBe(expected(server, '曹雪芹'));
    expect((await call(server, 'GET', `/admin/accounts?q=${encodeURIComponent('曹雪')}`, { token: admin })).body.items).toEqual([]);
    expect((await call(server, 'GET', `/admin/accounts?q=${encodeURIComponent('曹雪芹')}`, { token: admin })).body.items.map((u: { id: string }) => u.id)).toEqual([person.id]);
  });

  it('admin-created engineers, dealer staff and admins have it', async () => {
    const dealerId = (await call(server, 'GET', '/admin/dealers', { token: admin })).body.items[0].id;
    const made = [
      [await call(server, 'POST', '/admin/engineers', { token: admin, body: { name: '郝工程', phone: freshPhone() } }), '郝工程'],
      [await call(server, 'POST', `/admin/dealers/${dealerId}/staff`, { token: admin, body: { name: '郝经销', phone: freshPhone() } }), '郝经销'],
      [await call(server, 'POST', '/admin/admins', { token: admin, body: { name: '郝管理', phone: freshPhone() } }), '郝管理'],
    ] as const;
    for (const [res, name] of made) {
      expect([name, res.status]).toEqual([name, 201]);
      expect(await nameIndexOf(server, res.body.id)).toBe(expected(server, name));
    }
  });

  it('is the same for the same name however it is spelled in compatibility forms, and distinct from the phone index', () => {
    const pii = new UserPii(server.running.cipher);
    expect(pii.nameIndex('ＡＢＣ王')).toBe(pii.nameIndex(' ABC王\u3000'));
    expect(pii.nameIndex('王芳')).not.toBe(pii.nameIndex('王 芳'));
    expect(pii.nameIndex('   ')).toBeNull();
    expect(pii.nameIndex('13800000001')).not.toBe(pii.phoneIndex('13800000001'));
  });

  it('is cleared with the name when the purge job anonymises a cancelled account', async () => {
    const person = await approvedStaff(server, admin, BJ, '设备科', '魏无名');
    const index = await nameIndexOf(server, person.id);
    expect(index).toBe(expected(server, '魏无名'));
    const code = await requestCode(server, person.phone);
    expect((await call(server, 'POST', '/me/cancellation', { token: person.token, body: { confirm: true, code } })).status).toBe(200);
    clock.advance(15 * DAY + 3600_000);
    admin = (await login(server, '13800000001')).token; // the earlier session has expired meanwhile
    const run = await call(server, 'POST', '/admin/jobs/cancellation-purge/run', { token: admin });
    expect(run.body).toMatchObject({ status: 'succeeded' });
    const [row] = await rows<{ name_sealed: string | null; name_index: string | null; purged_at: unknown }>(
      server.running.orm,
      'select name_sealed, name_index, purged_at from app_user where id = ?',
      [person.id],
    );
    expect(row).toMatchObject({ name_sealed: null, name_index: null, purged_at: expect.anything() });
    expect(await rows(server.running.orm, 'select id from app_user where name_index = ?', [index])).toEqual([]);
    // A purged shell is not an account an admin can find or act on.
    expect((await call(server, 'GET', `/admin/accounts/${person.id}`, { token: admin })).status).toBe(404);
  });
});

describe('backfill at start', () => {
  it('fills the index of accounts sealed before it existed, once, without touching anything else', async () => {
    const database = await testDatabase({ file: true });
    try {
      const first = await startTestServer({ database, env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
      const admin = (await login(first, '13800000001')).token;
      const people = [
        await approvedStaff(first, admin, BJ, '普外科', '柏一'),
        await approvedStaff(first, admin, BJ, '普外科', '柏二'),
      ];
      const before = await rows<{ id: string; name_index: string; name_sealed: string; updated_at: unknown }>(
        first.running.orm,
        'select id, name_index, name_sealed, updated_at from app_user where name_sealed is not null order by id',
      );
      expect(before.length).toBeGreaterThanOrEqual(7);
      // As an older database would have them: names sealed, no index; one that cannot be opened any more.
      await rows(first.running.orm, 'update app_user set name_index = null');
      const broken = people[1]!.id;
      await rows(first.running.orm, 'update app_user set name_sealed = ? where id = ?', [before.find((r) => r.id === people[0]!.id)!.name_sealed, broken]);
      await first.close();

      const second = await startTestServer({ database });
      try {
        const after = await rows<{ id: string; name_index: string | null; name_sealed: string; updated_at: unknown }>(
          second.running.orm,
          'select id, name_index, name_sealed, updated_at from app_user where name_sealed is not null order by id',
        );
        for (const row of after) {
          if (row.id === broken) continue;
          expect(row).toEqual(before.find((b) => b.id === row.id));
        }
        expect(after.find((r) => r.id === broken)!.name_index).toBeNull();
        expect(second.logs.some((l) => l.msg === 'name blind index backfilled' && l.filled === before.length - 1)).toBe(true);
        expect(second.logs.some((l) => l.msg === 'name could not be opened for the name index; skipped' && l.userId === broken)).toBe(true);
        const admin2 = (await login(second, '13800000001')).token;
        const found = await call(second, 'GET', `/admin/accounts?q=${encodeURIComponent('柏一')}`, { token: admin2 });
        expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([people[0]!.id]);
      } finally {
        await second.close();
      }

      // Idempotent: a third start finds nothing left to fill (the unreadable one is skipped again, not looped on).
      const third = await startTestServer({ database });
      try {
        expect(third.logs.some((l) => l.msg === 'name blind index backfilled')).toBe(false);
      } finally {
        await third.close();
      }
    } finally {
      await database.drop();
    }
  });
});
