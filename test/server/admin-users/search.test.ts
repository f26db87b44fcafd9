import { approvedStaff, call, login, register } from '../../support/api';
import { rows } from '../../support/db';
import { quickStaff } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The admin console's users area, read side (issue 9, item 3): search by
 * exact name (name blind index), by phone (phone blind index), by hospital,
 * role and status, in keyset pages; the profile; the badge opened through
 * GET /files/:id is logged.
 */
const BJ = '北京东华医院';
const SH = '上海浦江医院';
let server: TestServer;
let admin: string;
let twinBj: { token: string; phone: string; id: string };
let twinSh: { token: string; phone: string; id: string };

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', SMS_COOLDOWN_SECONDS: '1', SMS_PHONE_DAILY_LIMIT: '100' } });
  admin = (await login(server, '13800000001')).token;
  // Two people with the same name at two hospitals: the name index is not unique.
  twinBj = await approvedStaff(server, admin, BJ, '普外科', '欧阳明月');
  twinSh = await approvedStaff(server, admin, SH, '消化内科', '欧阳明月');
});
afterAll(() => server.close());

const search = (query: string, token = admin) => call(server, 'GET', `/admin/accounts?${query}`, { token });
const hospitalId = async (name: string) => (await rows<{ id: string }>(server.running.orm, 'select id from hospital where name = ?', [name]))[0]!.id;

describe('GET /admin/accounts', () => {
  it('finds everyone with exactly that name, and nobody for part of it', async () => {
    const res = await search(`q=${encodeURIComponent('欧阳明月')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { id: string }) => u.id).sort()).toEqual([twinBj.id, twinSh.id].sort());
    const bj = res.body.items.find((u: { id: string }) => u.id === twinBj.id);
    expect(bj).toMatchObject({
      name: '欧阳明月',
      role: 'staff',
      tier: 'general',
      status: 'active',
      disabled: false,
      hospital: { name: BJ },
      department: { name: '普外科' },
      dealer: null,
      activeSessions: 1,
    });
    expect(bj.phone).toBe(`${twinBj.phone.slice(0, 3)}****${twinBj.phone.slice(-4)}`);
    expect(JSON.stringify(res.body)).not.toContain(twinBj.phone);

    expect((await search(`q=${encodeURIComponent('欧阳')}`)).body.items).toEqual([]);
    expect((await search(`q=${encodeURIComponent('欧阳明月月')}`)).body.items).toEqual([]);
  });

  it('matches a name typed with full-width characters or surrounding spaces (trim + NFKC)', async () => {
    const person = await login(server);
    expect((await register(server, person.token, { name: 'ＡＢＣ王' })).status).toBe(201);
    const found = await search(`q=${encodeURIComponent(' ABC王 ')}`);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ name: 'ＡＢＣ王', status: 'pending' });
  });

  it('finds one person by full phone number, however it is typed', async () => {
    for (const q of [twinSh.phone, `+86 ${twinSh.phone}`, `${twinSh.phone.slice(0, 3)}-${twinSh.phone.slice(3, 7)}-${twinSh.phone.slice(7)}`]) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect([q, res.body.items.map((u: { id: string }) => u.id)]).toEqual([q, [twinSh.id]]);
    }
    expect((await search('q=13999999999')).body.items).toEqual([]);
  });

  it('filters by hospital, role and status, together with the name', async () => {
    const bj = await hospitalId(BJ);
    const both = await search(`q=${encodeURIComponent('欧阳明月')}&hospitalId=${bj}`);
    expect(both.body.items.map((u: { id: string }) => u.id)).toEqual([twinBj.id]);

    const atBj = await search(`hospitalId=${bj}&limit=100`);
    expect(atBj.body.items.length).toBeGreaterThanOrEqual(3);
    expect(atBj.body.items.every((u: { hospital: { name: string } }) => u.hospital.name === BJ)).toBe(true);

    const engineers = await search('role=engineer');
    expect(engineers.body.items.length).toBeGreaterThanOrEqual(1);
    expect(engineers.body.items.every((u: { role: string }) => u.role === 'engineer')).toBe(true);
    expect(engineers.body.items.map((u: { name: string }) => u.name)).toContain('王磊');

    const dealers = await search('role=dealer');
    expect(dealers.body.items[0]).toMatchObject({ name: '孙强', dealer: { name: '华东医疗器械技术服务有限公司' }, hospital: null });

    const pending = await search('status=pending&limit=100');
    expect(pending.body.items.length).toBeGreaterThanOrEqual(1);
    expect(pending.body.items.every((u: { status: string }) => u.status === 'pending')).toBe(true);
    expect((await search('status=disabled')).body.items).toEqual([]);
    expect((await search('role=owner')).status).toBe(422);
  });

  it('counts live sessions per person in the list', async () => {
    await login(server, twinSh.phone);
    const res = await search(`q=${twinSh.phone}`);
    expect(res.body.items[0].activeSessions).toBe(2);
  });

  it('pages newest first by keyset, every account once', async () => {
    await quickStaff(server, 7, { hospitalName: SH, departmentName: '内镜中心' });
    const sh = await hospitalId(SH);
    const all = (await search(`hospitalId=${sh}&limit=100`)).body.items.map((u: { id: string }) => u.id);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect([...all].sort().reverse()).toEqual(all);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await search(`hospitalId=${sh}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((u) => u.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));
    expect((await search('cursor=not-a-cursor')).status).toBe(422);
  });
});

describe('GET /admin/accounts/:id', () => {
  it('shows the profile an admin reviews: masked phone, affiliation, consents, tickets, points, badge reference', async () => {
    const res = await call(server, 'GET', `/admin/accounts/${twinBj.id}`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: twinBj.id,
      name: '欧阳明月',
      position: '护士长',
      title: '主管护师',
      gender: 'female',
      role: 'staff',
      tier: 'general',
      hospital: { name: BJ },
      department: { name: '普外科' },
      managedDepartments: [],
      disabledAt: null,
      disabledReason: null,
      ticketCount: 0,
      pointsBalance: 100,
      consents: expect.arrayContaining(['service', 'badge_photo']),
      badgeFileId: expect.any(String),
      registeredAt: expect.any(String),
      lastSignInAt: expect.any(String),
    });
    expect(res.body.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('lists the departments an advanced person manages, and their tickets', async () => {
    const [advanced] = await rows<{ id: string }>(server.running.orm, "select id from app_user where role = 'staff' and tier = 'advanced'");
    const res = await call(server, 'GET', `/admin/accounts/${advanced!.id}`, { token: admin });
    expect(res.body).toMatchObject({ name: '陈建华', tier: 'advanced', badgeFileId: null });
    expect(res.body.managedDepartments.map((d: { name: string }) => d.name).sort()).toEqual(['消化内科', '消化内镜中心'].sort());
    expect(res.body.ticketCount).toBe(1);
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    expect((await call(server, 'GET', '/admin/accounts/01900000-0000-7000-8000-000000000000', { token: admin })).status).toBe(404);
    expect((await call(server, 'GET', '/admin/accounts/nope', { token: admin })).status).toBe(422);
  });

  it('opens the badge photo through GET /files/:id, and that writes a badge.view row to the access log', async () => {
    const detail = (await call(server, 'GET', `/admin/accounts/${twinSh.id}`, { token: admin })).body;
    const before = await rows(server.running.orm, "select id from pii_access_log where action = 'badge.view' and subject_user_id = ?", [twinSh.id]);
    const res = await fetch(server.api(`/files/${detail.badgeFileId}`), { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\//);
    const after = await rows<{ actor_id: string; fields: string | string[] }>(
      server.running.orm,
      "select actor_id, fields from pii_access_log where action = 'badge.view' and subject_user_id = ?",
      [twinSh.id],
    );
    expect(after.length).toBe(before.length + 1);
    const [adminRow] = await rows<{ id: string }>(server.running.orm, 'select id from app_user where role = ? order by id limit 1', ['admin']);
    expect(after[after.length - 1]!.actor_id).toBe(adminRow!.id);
    // Reading the profile itself revealed nothing: no access-log row without the badge being opened.
    await call(server, 'GET', `/admin/accounts/${twinSh.id}`, { token: admin });
    expect(await rows(server.running.orm, "select id from pii_access_log where action = 'badge.view' and subject_user_id = ?", [twinSh.id])).toHaveLength(after.length);
  });
});
