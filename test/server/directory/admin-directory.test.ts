import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { equipmentCsv, equipmentSerial } from '../../support/equipment-csv';
import { insertTicket } from '../../support/tickets';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The admin console's directory: hospitals, departments, equipment models
 * and units — creating and editing them with their rules, who may, and lists
 * that page by keyset through every row exactly once whatever the sort.
 */
let server: TestServer;
const token = { admin: '', staff: '', engineer: '' };
let adminId: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  token.admin = (await login(server, '13800000001')).token;
  token.engineer = (await login(server, '13800000002')).token;
  token.staff = (await login(server, '13800000004')).token;
  adminId = (await call(server, 'GET', '/me', { token: token.admin })).body.id;
});
afterAll(() => server.close());

const admin = (method: string, path: string, body?: unknown) => call(server, method, path, { token: token.admin, body });
const auditOf = (action: string, fragment: string) =>
  rows<{ actor_id: string; reason: string; fields: unknown }>(server.running.orm, 'select actor_id, reason, fields from audit_event where action = ? and reason like ?', [action, `%${fragment}%`]);
const UNKNOWN = '01900000-0000-7000-8000-000000000000';

const HOSPITAL = {
  name: '苏州姑苏医院',
  province: '江苏省',
  city: '苏州市',
  regionCode: '320508',
  address: '姑苏区十梓街 188 号',
  latitude: 31.299379,
  longitude: 120.619585,
  serviceTier: 'premium',
};

async function demoHospital(name = '北京东华医院') {
  const res = await admin('GET', `/admin/hospitals?q=${encodeURIComponent(name)}`);
  return res.body.items.find((h: { name: string }) => h.name === name) as { id: string; unitCount: number; departmentCount: number };
}
async function departmentOf(hospitalId: string, name: string) {
  const res = await admin('GET', `/admin/hospitals/${hospitalId}/departments`);
  return res.body.items.find((d: { name: string }) => d.name === name) as { id: string; staffCount: number; unitCount: number };
}
async function modelNamed(name: string) {
  return (await admin('GET', '/admin/equipment/models')).body.items.find((m: { name: string }) => m.name === name) as { id: string; unitCount: number };
}

/** Every page of a list, following nextCursor. */
async function allPages(path: string, limit: number): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await admin('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
    if (pages > 100) throw new Error('pagination does not end');
  } while (cursor);
  return { items, pages };
}

describe('who may manage the directory', () => {
  it.each([
    ['GET', '/admin/hospitals'],
    ['POST', '/admin/hospitals'],
    ['GET', '/admin/equipment/units'],
    ['POST', '/admin/equipment/units'],
    ['GET', '/admin/equipment/models'],
    ['POST', '/admin/departments'],
    ['POST', '/admin/imports/equipment'],
    ['POST', '/admin/equipment/labels'],
  ])('%s %s is 403 for staff and engineers, 401 without a session', async (method, path) => {
    const body = method === 'POST' ? {} : undefined;
    for (const t of [token.staff, token.engineer]) {
      const res = await call(server, method, path, { token: t, body });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await call(server, method, path, { body })).status).toBe(401);
  });
});

describe('hospitals', () => {
  let created: { id: string };

  it('adds a hospital with its coordinates and tier, and audits it', async () => {
    const res = await admin('POST', '/admin/hospitals', HOSPITAL);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...HOSPITAL, departmentCount: 0, unitCount: 0 });
    expect(res.body.createdAt).toMatch(/Z$/);
    created = res.body;
    expect(await auditOf('directory.hospital.create', '苏州姑苏医院')).toEqual([expect.objectContaining({ actor_id: adminId })]);
    expect((await admin('GET', `/admin/hospitals/${created.id}`)).body).toEqual(res.body);
  });

  it('refuses a second hospital with the same name and region code (409), not the same name elsewhere', async () => {
    const dup = await admin('POST', '/admin/hospitals', { ...HOSPITAL, address: '另一个地址 1 号' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('CONFLICT');
    expect(dup.body.detail).toContain('已有同名医院');
    const elsewhere = await admin('POST', '/admin/hospitals', { ...HOSPITAL, regionCode: '320505' });
    expect(elsewhere.status).toBe(201);
    const rename = await admin('PATCH', `/admin/hospitals/${elsewhere.body.id}`, { regionCode: HOSPITAL.regionCode });
    expect(rename.status).toBe(409);
    expect(rename.body.detail).toContain('苏州姑苏医院');
  });

  it('refuses invalid fields with Chinese messages', async () => {
    const res = await admin('POST', '/admin/hospitals', { ...HOSPITAL, name: ' ', regionCode: '3205', latitude: 60, serviceTier: 'gold' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: '请填写医院名称' },
        { path: 'regionCode', message: '请填写 6 位行政区划代码' },
        { path: 'latitude', message: '纬度应在 3～54 之间' },
        { path: 'serviceTier', message: '服务等级应为 standard 或 premium' },
      ]),
    );
  });

  it('edits only the fields given (the tier stays when left out) and audits the fields changed', async () => {
    const res = await admin('PATCH', `/admin/hospitals/${created.id}`, { address: '姑苏区十梓街 188 号 2 号楼', latitude: 31.3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...HOSPITAL, address: '姑苏区十梓街 188 号 2 号楼', latitude: 31.3, serviceTier: 'premium' });
    const [audit] = await auditOf('directory.hospital.update', created.id);
    const fields = typeof audit!.fields === 'string' ? JSON.parse(audit!.fields) : audit!.fields;
    expect(fields).toEqual(['address', 'latitude']);
    expect((await admin('PATCH', `/admin/hospitals/${UNKNOWN}`, { address: '某路 1 号' })).status).toBe(404);
    expect((await admin('GET', `/admin/hospitals/${UNKNOWN}`)).status).toBe(404);
  });

  it('searches by name, filters by province and tier', async () => {
    const byName = await admin('GET', `/admin/hospitals?q=${encodeURIComponent('姑苏')}`);
    expect(byName.body.items.map((h: { name: string }) => h.name)).toEqual(['苏州姑苏医院', '苏州姑苏医院']);
    const beijing = await admin('GET', '/admin/hospitals?province=11');
    expect(beijing.body.items.map((h: { name: string }) => h.name)).toEqual(['北京东华医院']);
    expect(beijing.body.items[0]).toMatchObject({ departmentCount: 5, unitCount: 5, serviceTier: 'premium', regionCode: '110101' });
    const premium = await admin('GET', '/admin/hospitals?tier=premium&limit=100');
    expect(premium.body.items.every((h: { serviceTier: string }) => h.serviceTier === 'premium')).toBe(true);
    expect(premium.body.items.length).toBe(5);
    expect((await admin('GET', '/admin/hospitals?province=1')).status).toBe(422);
  });

  it.each([
    ['name', 'asc'],
    ['name', 'desc'],
    ['createdAt', 'asc'],
    ['createdAt', 'desc'],
    ['unitCount', 'asc'],
    ['unitCount', 'desc'],
  ])('pages by %s %s through every hospital exactly once', async (sort, dir) => {
    const all = await allPages(`/admin/hospitals?sort=${sort}&dir=${dir}`, 3);
    const total = Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from hospital'))[0]!.n);
    const ids = all.items.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    expect(all.pages).toBeGreaterThan(3);
    if (sort !== 'name') {
      const values = all.items.map((h) => (sort === 'createdAt' ? Date.parse(h.createdAt as string) : (h.unitCount as number)));
      const sorted = [...values].sort((a, b) => (dir === 'asc' ? a - b : b - a));
      expect(values).toEqual(sorted);
    }
  });

  it('refuses a cursor made for another sort', async () => {
    const first = await admin('GET', '/admin/hospitals?sort=name&limit=2');
    const res = await admin('GET', `/admin/hospitals?sort=createdAt&limit=2&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'cursor', message: '分页参数无效，请刷新列表' }]);
    expect((await admin('GET', '/admin/hospitals?cursor=bm9wZQ')).status).toBe(422);
  });
});

describe('departments', () => {
  it('lists a hospital’s departments with active staff and units', async () => {
    const bj = await demoHospital();
    const res = await admin('GET', `/admin/hospitals/${bj.id}/departments`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    const endoscopy = res.body.items.find((d: { name: string }) => d.name === '消化内镜中心');
    // The demo general and advanced staff work there; the demo units of the main department.
    expect(endoscopy).toMatchObject({ hospital: { id: bj.id, name: '北京东华医院' }, staffCount: 2, unitCount: 4 });
    expect((await admin('GET', `/admin/hospitals/${UNKNOWN}/departments`)).status).toBe(404);
  });

  it('adds and renames departments, one name per hospital (409), and audits both', async () => {
    const sz = await demoHospital('深圳福田中心医院');
    const res = await admin('POST', '/admin/departments', { hospitalId: sz.id, name: '呼吸内镜室' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '呼吸内镜室', hospital: { id: sz.id, name: '深圳福田中心医院' }, staffCount: 0, unitCount: 0 });
    const dup = await admin('POST', '/admin/departments', { hospitalId: sz.id, name: '消化内科' });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toBe('该医院已有名为“消化内科”的科室');
    // The same name in another hospital is fine.
    expect((await admin('POST', '/admin/departments', { hospitalId: (await demoHospital('杭州西湖医院')).id, name: '呼吸内镜室' })).status).toBe(201);

    const renamed = await admin('PATCH', `/admin/departments/${res.body.id}`, { name: '支气管镜室' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('支气管镜室');
    const clash = await admin('PATCH', `/admin/departments/${res.body.id}`, { name: '内镜中心' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('CONFLICT');
    expect(await auditOf('directory.department.create', '呼吸内镜室')).toHaveLength(2);
    expect(await auditOf('directory.department.update', '支气管镜室')).toHaveLength(1);
  });

  it('refuses an unknown hospital and a too-short name', async () => {
    const res = await admin('POST', '/admin/departments', { hospitalId: UNKNOWN, name: '新科室' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'hospitalId', message: '医院不存在' }]);
    const short = await admin('POST', '/admin/departments', { hospitalId: (await demoHospital()).id, name: '科' });
    expect(short.body.errors).toEqual([{ path: 'name', message: '请填写科室名称' }]);
    expect((await admin('PATCH', `/admin/departments/${UNKNOWN}`, { name: '新科室' })).status).toBe(404);
  });
});

describe('equipment models', () => {
  it('lists models with their units, adds and edits them; names are unique', async () => {
    const gastroscope = await modelNamed('QV-G290 电子胃镜');
    expect(gastroscope.unitCount).toBe(24);
    const res = await admin('POST', '/admin/equipment/models', { name: 'QV-U290 超声内镜', category: 'ultrasound_endoscope', manufacturer: '清视医疗' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'QV-U290 超声内镜', category: 'ultrasound_endoscope', manufacturer: '清视医疗', unitCount: 0 });
    const dup = await admin('POST', '/admin/equipment/models', { name: 'QV-G290 电子胃镜', category: 'gastroscope', manufacturer: '清视医疗' });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toBe('型号“QV-G290 电子胃镜”已存在');
    const bad = await admin('POST', '/admin/equipment/models', { name: 'X1 镜', category: 'telescope', manufacturer: '清视医疗' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'category', message: '设备类别不正确' }]);

    const patched = await admin('PATCH', `/admin/equipment/models/${res.body.id}`, { manufacturer: '清视医疗（苏州）' });
    expect(patched.body).toMatchObject({ name: 'QV-U290 超声内镜', manufacturer: '清视医疗（苏州）' });
    expect((await admin('PATCH', `/admin/equipment/models/${res.body.id}`, { name: 'QL-290 冷光源' })).status).toBe(409);
    expect((await admin('PATCH', `/admin/equipment/models/${UNKNOWN}`, { manufacturer: '某厂' })).status).toBe(404);
    expect(await auditOf('directory.model.update', 'QV-U290')).toHaveLength(1);
  });
});

describe('equipment units', () => {
  let bj: { id: string };
  let endoscopy: { id: string };
  let gastroscope: { id: string };
  beforeAll(async () => {
    bj = await demoHospital();
    endoscopy = await departmentOf(bj.id, '消化内镜中心');
    gastroscope = await modelNamed('QV-G290 电子胃镜');
  });

  it('registers a unit with a label code made from its serial, and audits it', async () => {
    const res = await admin('POST', '/admin/equipment/units', { modelId: gastroscope.id, serial: 'NEWUNIT-001', hospitalId: bj.id, departmentId: endoscopy.id, coveredUntil: '2029-06-30' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      serial: 'NEWUNIT-001',
      labelCode: 'SDEQ-NEWUNIT-001',
      model: { id: gastroscope.id, name: 'QV-G290 电子胃镜' },
      hospital: { id: bj.id, name: '北京东华医院' },
      department: { id: endoscopy.id, name: '消化内镜中心' },
      coveredUntil: '2029-06-30',
      openTickets: 0,
    });
    expect((await admin('GET', `/admin/equipment/units/${res.body.id}`)).body).toEqual(res.body);
    expect(await auditOf('directory.unit.create', 'NEWUNIT-001')).toEqual([expect.objectContaining({ actor_id: adminId })]);
    // The staff of that hospital find it by its label.
    const scanned = await call(server, 'GET', '/equipment/by-code/SDEQ-NEWUNIT-001', { token: token.staff });
    expect(scanned.body).toMatchObject({ id: res.body.id, serial: 'NEWUNIT-001', hospital: { id: bj.id } });
  });

  it('refuses a taken serial (409), a department of another hospital, unknown references and impossible dates (422)', async () => {
    const base = { modelId: gastroscope.id, hospitalId: bj.id, departmentId: endoscopy.id };
    const taken = await admin('POST', '/admin/equipment/units', { ...base, serial: 'NEWUNIT-001' });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toBe('序列号 NEWUNIT-001 已登记在其他设备上');

    const sh = await demoHospital('上海浦江医院');
    const elsewhere = await admin('POST', '/admin/equipment/units', { ...base, serial: 'NEWUNIT-002', hospitalId: sh.id });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors).toEqual([{ path: 'departmentId', message: '科室不属于所选医院，请重新选择科室' }]);

    const unknown = await admin('POST', '/admin/equipment/units', { ...base, serial: 'NEWUNIT-002', modelId: UNKNOWN, hospitalId: UNKNOWN });
    expect(unknown.body.errors).toEqual([
      { path: 'modelId', message: '设备型号不存在' },
      { path: 'hospitalId', message: '医院不存在' },
    ]);
    const day = await admin('POST', '/admin/equipment/units', { ...base, serial: 'NEWUNIT-002', coveredUntil: '2027-02-30' });
    expect(day.body.errors).toEqual([{ path: 'coveredUntil', message: '日期不存在，请检查年月日' }]);
    const serial = await admin('POST', '/admin/equipment/units', { ...base, serial: 'A B' });
    expect(serial.body.errors).toEqual([{ path: 'serial', message: '序列号只能包含字母、数字和 -' }]);
    expect(Number((await rows<{ n: number }>(server.running.orm, "select count(*) as n from equipment_unit where serial = 'NEWUNIT-002'"))[0]!.n)).toBe(0);
  });

  it('moves a unit: another hospital needs one of its departments or none', async () => {
    const created = await admin('POST', '/admin/equipment/units', { modelId: gastroscope.id, serial: 'MOVE-001', hospitalId: bj.id, departmentId: endoscopy.id });
    const sh = await demoHospital('上海浦江医院');
    const keepOld = await admin('PATCH', `/admin/equipment/units/${created.body.id}`, { hospitalId: sh.id });
    expect(keepOld.status).toBe(422);
    expect(keepOld.body.errors[0].path).toBe('departmentId');
    const shEndoscopy = await departmentOf(sh.id, '内镜中心');
    const moved = await admin('PATCH', `/admin/equipment/units/${created.body.id}`, { hospitalId: sh.id, departmentId: shEndoscopy.id, coveredUntil: '2030-01-31' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ hospital: { id: sh.id }, department: { id: shEndoscopy.id }, coveredUntil: '2030-01-31', labelCode: 'SDEQ-MOVE-001' });
    const none = await admin('PATCH', `/admin/equipment/units/${created.body.id}`, { departmentId: null, coveredUntil: null });
    expect(none.body).toMatchObject({ department: null, coveredUntil: null });
    const [audit] = await auditOf('directory.unit.update', 'MOVE-001');
    const fields = typeof audit!.fields === 'string' ? JSON.parse(audit!.fields) : audit!.fields;
    expect(fields).toEqual(['hospitalId', 'departmentId', 'coveredUntil']);
    expect((await admin('PATCH', `/admin/equipment/units/${UNKNOWN}`, { coveredUntil: null })).status).toBe(404);
  });

  it('counts the open tickets on each unit', async () => {
    const unit = (await admin('POST', '/admin/equipment/units', { modelId: gastroscope.id, serial: 'TICKETED-001', hospitalId: bj.id, departmentId: endoscopy.id })).body;
    for (const status of ['submitted', 'in_progress', 'closed', 'cancelled'] as const) {
      const t = await insertTicket(server.running.orm, { hospitalName: '北京东华医院', departmentName: '消化内镜中心', status });
      await rows(server.running.orm, 'update ticket set equipment_unit_id = ? where id = ?', [unit.id, t.id]);
    }
    expect((await admin('GET', `/admin/equipment/units/${unit.id}`)).body.openTickets).toBe(2);
    const listed = await admin('GET', '/admin/equipment/units?q=TICKETED');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: unit.id, openTickets: 2 })]);
  });

  describe('the list', () => {
    const PREFIX = 'PGN';
    let hospitalId: string;
    beforeAll(async () => {
      hospitalId = (await admin('POST', '/admin/hospitals', { ...HOSPITAL, name: '分页测试医院', regionCode: '320506' })).body.id;
      await admin('POST', '/admin/departments', { hospitalId, name: '消化内镜中心' });
      // Repeated dates and units without one: the sort has ties and NULLs to get through.
      const csv = equipmentCsv({
        count: 23,
        serialPrefix: PREFIX,
        hospital: '分页测试医院',
        regionCode: '320506',
        coveredUntil: (row) => (row % 4 === 0 ? '' : `2027-0${(row % 3) + 1}-15`),
      });
      const res = await admin('POST', '/admin/imports/equipment', { csv, dryRun: false });
      expect(res.body).toMatchObject({ created: 23, failed: 0 });
    });

    it.each([
      ['serial', 'asc'],
      ['serial', 'desc'],
      ['createdAt', 'asc'],
      ['createdAt', 'desc'],
      ['coveredUntil', 'asc'],
      ['coveredUntil', 'desc'],
    ])('pages by %s %s through every unit exactly once', async (sort, dir) => {
      const all = await allPages(`/admin/equipment/units?hospitalId=${hospitalId}&sort=${sort}&dir=${dir}`, 4);
      const ids = all.items.map((u) => u.id);
      expect(ids.length).toBe(23);
      expect(new Set(ids).size).toBe(23);
      expect(all.pages).toBe(6);
      if (sort === 'coveredUntil') {
        const values = all.items.map((u) => (u.coveredUntil as string | null) ?? '9999-12-31');
        expect(values).toEqual([...values].sort((a, b) => (dir === 'asc' ? a.localeCompare(b) : b.localeCompare(a))));
        // Units without a date come last going up, first going down.
        expect(all.items[dir === 'asc' ? 22 : 0]!.coveredUntil).toBeNull();
      }
      if (sort === 'serial') {
        const serials = all.items.map((u) => u.serial as string);
        expect(serials).toEqual([...serials].sort((a, b) => (dir === 'asc' ? a.localeCompare(b) : b.localeCompare(a))));
      }
      if (sort === 'createdAt') {
        const times = all.items.map((u) => Date.parse(u.createdAt as string));
        expect(times).toEqual([...times].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
      }
    });

    it('pages through all units (demo ones too) with the default sort', async () => {
      const all = await allPages('/admin/equipment/units', 25);
      const total = Number((await rows<{ n: number }>(server.running.orm, 'select count(*) as n from equipment_unit'))[0]!.n);
      expect(all.items.length).toBe(total);
      expect(new Set(all.items.map((u) => u.id)).size).toBe(total);
    });

    it('filters by serial or label-code prefix, hospital, department, model and coverage end', async () => {
      const serials = async (query: string) => (await admin('GET', `/admin/equipment/units?limit=100&${query}`)).body.items.map((u: { serial: string }) => u.serial);
      expect(await serials(`q=${PREFIX}000`)).toEqual(Array.from({ length: 9 }, (_, i) => equipmentSerial(PREFIX, i + 1)));
      expect(await serials(`q=sdeq-${PREFIX.toLowerCase()}001`)).toEqual(Array.from({ length: 10 }, (_, i) => equipmentSerial(PREFIX, i + 10)));
      // `%` and `_` are characters to find, not wildcards.
      expect(await serials('q=%25')).toEqual([]);
      expect(await serials(`q=${PREFIX}_`)).toEqual([]);
      const department = await departmentOf(hospitalId, '消化内镜中心');
      expect(await serials(`departmentId=${department.id}`)).toHaveLength(23);
      const other = await modelNamed('QL-290 冷光源');
      expect(await serials(`hospitalId=${hospitalId}&modelId=${other.id}`)).toEqual([]);
      // Rows 1, 4, 7, … are 2027-02-15 and rows 3, 6, 9, … 2027-01-15; every fourth has no date.
      const byFeb = await serials(`hospitalId=${hospitalId}&coveredBefore=2027-02-15&sort=coveredUntil`);
      const expected = Array.from({ length: 23 }, (_, i) => i + 1).filter((r) => r % 4 !== 0 && (r % 3 === 0 || r % 3 === 1));
      expect(byFeb.sort()).toEqual(expected.map((r) => equipmentSerial(PREFIX, r)).sort());
      expect((await admin('GET', '/admin/equipment/units?coveredBefore=2027-1-1')).status).toBe(422);
      expect((await admin('GET', '/admin/equipment/units?hospitalId=nope')).status).toBe(422);
    });
  });
});
