import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { BAD_ROW_MESSAGE, csvCell, equipmentCsv, equipmentSerial } from '../../support/equipment-csv';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * CSV import of hospitals, departments and equipment: a dry run that says
 * what each row would do and writes nothing, an apply that writes every
 * valid row in one transaction and reports the others, and files that
 * cannot be imported at all.
 */
let server: TestServer;
let adminToken: string;
let adminId: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  adminToken = (await login(server, '13800000001')).token;
  adminId = (await call(server, 'GET', '/me', { token: adminToken })).body.id;
});
afterAll(() => server.close());

const importCsv = (kind: string, csv: string, dryRun: boolean, token = adminToken) => call(server, 'POST', `/admin/imports/${kind}`, { token, body: { csv, dryRun } });
const count = async (sql: string, params: unknown[] = []) => Number((await rows<{ n: number }>(server.running.orm, `select count(*) as n from ${sql}`, params))[0]!.n);
const unitsLike = (prefix: string) => count('equipment_unit where serial like ?', [`${prefix}%`]);
const audits = (action: string) => rows<{ actor_id: string; reason: string }>(server.running.orm, 'select actor_id, reason from audit_event where action = ? order by id', [action]);
const unit = async (serial: string) =>
  (
    await rows<{ label_code: string; covered_until: string | null; hospital: string; department: string | null; model: string }>(
      server.running.orm,
      `select u.label_code, u.covered_until, h.name as hospital, d.name as department, m.name as model
         from equipment_unit u join hospital h on h.id = u.hospital_id join equipment_model m on m.id = u.model_id left join department d on d.id = u.department_id
        where u.serial = ?`,
      [serial],
    )
  )[0];

const HEADER = 'serial,model,hospital,regionCode,department,coveredUntil';
const line = (...cells: string[]) => cells.map(csvCell).join(',');
const GASTRO = 'QV-G290 电子胃镜';
const BJ = ['北京东华医院', '110101'] as const;

describe('equipment: 200 units with one bad row', () => {
  const PREFIX = 'IMP';
  const csv = equipmentCsv({ count: 200, badRow: 57, serialPrefix: PREFIX });

  it('a dry run reports exactly the bad line with its error, and writes nothing', async () => {
    const auditsBefore = (await audits('directory.import.equipment')).length;
    const res = await importCsv('equipment', csv, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'equipment', dryRun: true, total: 200, created: 199, updated: 0, unchanged: 0, failed: 1 });
    expect(res.body.rows).toHaveLength(200);
    expect(res.body.rows[0]).toEqual({ line: 58, action: 'error', key: equipmentSerial(PREFIX, 57), errors: [{ column: 'coveredUntil', message: BAD_ROW_MESSAGE }] });
    expect(res.body.rows.slice(1).every((r: { action: string; errors: unknown[] }) => r.action === 'create' && r.errors.length === 0)).toBe(true);
    expect(res.body.rows[1]).toMatchObject({ line: 2, key: equipmentSerial(PREFIX, 1) });
    expect(await unitsLike(PREFIX)).toBe(0);
    expect((await audits('directory.import.equipment')).length).toBe(auditsBefore);
  });

  it('the apply creates the 199 good units with their label codes, reports the bad line, and audits the import', async () => {
    const res = await importCsv('equipment', csv, false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, total: 200, created: 199, updated: 0, unchanged: 0, failed: 1 });
    expect(res.body.rows[0]).toMatchObject({ line: 58, action: 'error', errors: [{ column: 'coveredUntil', message: BAD_ROW_MESSAGE }] });
    expect(await unitsLike(PREFIX)).toBe(199);
    expect(await unit(equipmentSerial(PREFIX, 57))).toBeUndefined();
    expect(await unit(equipmentSerial(PREFIX, 1))).toEqual({
      label_code: `SDEQ-${equipmentSerial(PREFIX, 1)}`,
      covered_until: '2028-12-31',
      hospital: '北京东华医院',
      department: '消化内镜中心',
      model: GASTRO,
    });
    expect((await audits('directory.import.equipment')).at(-1)).toEqual({ actor_id: adminId, reason: '199 新增, 0 更新, 1 行有错误' });
  });

  it('applying the same file again changes nothing', async () => {
    const res = await importCsv('equipment', csv, false);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 199, failed: 1 });
    expect(await unitsLike(PREFIX)).toBe(199);
    expect((await audits('directory.import.equipment')).at(-1)!.reason).toBe('0 新增, 0 更新, 1 行有错误');
  });

  it('a changed coverage date is one update with before and after', async () => {
    const changed = equipmentCsv({ count: 200, badRow: 57, serialPrefix: PREFIX, coveredUntil: (row) => (row === 10 ? '2030/6/30' : '2028-12-31') });
    const dry = await importCsv('equipment', changed, true);
    expect(dry.body).toMatchObject({ created: 0, updated: 1, unchanged: 198, failed: 1 });
    const update = dry.body.rows.find((r: { action: string }) => r.action === 'update');
    expect(update).toEqual({ line: 11, action: 'update', key: equipmentSerial(PREFIX, 10), changes: { coveredUntil: ['2028-12-31', '2030-06-30'] }, errors: [] });
    expect((await unit(equipmentSerial(PREFIX, 10)))!.covered_until).toBe('2028-12-31');

    const applied = await importCsv('equipment', changed, false);
    expect(applied.body).toMatchObject({ created: 0, updated: 1, unchanged: 198, failed: 1 });
    expect((await unit(equipmentSerial(PREFIX, 10)))!.covered_until).toBe('2030-06-30');
    expect((await audits('directory.import.equipment')).at(-1)!.reason).toBe('0 新增, 1 更新, 1 行有错误');
  });
});

describe('equipment rows', () => {
  it('reads Chinese headers, a BOM, CRLF and quoted cells with commas, and reports the line each row starts on', async () => {
    await call(server, 'POST', '/admin/equipment/models', { token: adminToken, body: { name: 'QV-X1, 特殊型号 "A"', category: 'gastroscope', manufacturer: '清视医疗' } });
    const csv = [
      '\ufeff序列号,型号,医院,行政区划代码,科室,保修截止日期,备注',
      line('QUOTE-001', 'QV-X1, 特殊型号 "A"', ...BJ, '消化内镜中心', '2029-01-31', '备注里有\n换行'),
      '',
      line('QUOTE-002', GASTRO, ...BJ, '', '', ''),
      ',,,,,,',
      line('QUOTE-003', 'QV-X1, 特殊型号', ...BJ, '消化内镜中心', '2029-01-31', ''),
    ].join('\r\n');
    const res = await importCsv('equipment', csv, false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, created: 2, failed: 1 });
    expect(res.body.rows).toEqual([
      { line: 7, action: 'error', key: 'QUOTE-003', errors: [{ column: 'model', message: '型号“QV-X1, 特殊型号”不存在，请先在型号列表中添加' }] },
      { line: 2, action: 'create', key: 'QUOTE-001', errors: [] },
      { line: 5, action: 'create', key: 'QUOTE-002', errors: [] },
    ]);
    expect(await unit('QUOTE-001')).toMatchObject({ model: 'QV-X1, 特殊型号 "A"', covered_until: '2029-01-31' });
    expect(await unit('QUOTE-002')).toMatchObject({ department: null, covered_until: null });
  });

  it('reports a serial repeated in the file on the later line, and unknown hospitals, departments and models', async () => {
    const csv = [
      HEADER,
      line('ROWS-001', GASTRO, ...BJ, '消化内镜中心', '2029-01-31'),
      line('ROWS-001', GASTRO, ...BJ, '消化内科', '2029-01-31'),
      line('ROWS-002', GASTRO, '北京东华医院', '110102', '消化内镜中心', ''),
      line('ROWS-003', GASTRO, ...BJ, '眼科', ''),
      line('ROWS-004', 'QV-Z999 不存在的镜', ...BJ, '', ''),
      line('ROWS-005', GASTRO, '', '1101', '', '明年'),
      line('ROWS 006', GASTRO, ...BJ, '', '2027-13-01'),
      line('ROWS-007', GASTRO, ...BJ, '', '2027-02-29'),
    ].join('\n');
    const res = await importCsv('equipment', csv, true);
    expect(res.body).toMatchObject({ total: 8, created: 1, failed: 7 });
    const byLine = Object.fromEntries(res.body.rows.map((r: { line: number; errors: unknown[] }) => [r.line, r.errors]));
    expect(byLine[2]).toEqual([]);
    expect(byLine[3]).toEqual([{ column: 'serial', message: '与第 2 行的序列号重复' }]);
    expect(byLine[4]).toEqual([{ column: 'hospital', message: '找不到医院“北京东华医院（110102）”，请核对医院名称和行政区划代码' }]);
    expect(byLine[5]).toEqual([{ column: 'department', message: '“北京东华医院”没有科室“眼科”，请先添加科室' }]);
    expect(byLine[6]).toEqual([{ column: 'model', message: '型号“QV-Z999 不存在的镜”不存在，请先在型号列表中添加' }]);
    expect(byLine[7]).toEqual([
      { column: 'hospital', message: '请填写医院' },
      { column: 'regionCode', message: '请填写 6 位行政区划代码' },
      { column: 'coveredUntil', message: '日期格式应为 YYYY-MM-DD' },
    ]);
    expect(byLine[8]).toEqual([
      { column: 'serial', message: '序列号只能包含字母、数字和 -' },
      { column: 'coveredUntil', message: BAD_ROW_MESSAGE },
    ]);
    expect(byLine[9]).toEqual([{ column: 'coveredUntil', message: BAD_ROW_MESSAGE }]);
    expect(res.body.rows.map((r: { line: number }) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 2]);
    expect(await unitsLike('ROWS')).toBe(0);
  });

  it('moves a unit to another hospital; without a department column it leaves the old department behind', async () => {
    await importCsv('equipment', [HEADER, line('MOVE-IMP-1', GASTRO, ...BJ, '消化内镜中心', '2029-01-31')].join('\n'), false);
    const csv = ['serial,model,hospital,regionCode', line('MOVE-IMP-1', GASTRO, '上海浦江医院', '310101')].join('\n');
    const res = await importCsv('equipment', csv, false);
    expect(res.body.rows).toEqual([
      {
        line: 2,
        action: 'update',
        key: 'MOVE-IMP-1',
        changes: { hospital: ['北京东华医院', '上海浦江医院'], regionCode: ['110101', '310101'], department: ['消化内镜中心', null] },
        errors: [],
      },
    ]);
    // The coverage column was not in the file: the date stays.
    expect(await unit('MOVE-IMP-1')).toMatchObject({ hospital: '上海浦江医院', department: null, covered_until: '2029-01-31' });
  });

  it('a row with a cell too many or too few is reported as such', async () => {
    const csv = [HEADER, `${line('CELLS-1', GASTRO, ...BJ, '', '')},多出来的`, line('CELLS-2', GASTRO, ...BJ)].join('\n');
    const res = await importCsv('equipment', csv, true);
    expect(res.body.rows.map((r: { line: number; errors: { column: null; message: string }[] }) => [r.line, r.errors[0]?.message])).toEqual([
      [2, '该行的列数与表头不一致（表头 6 列）；含逗号的内容须整体加英文双引号'],
      [3, '该行的列数与表头不一致（表头 6 列）；含逗号的内容须整体加英文双引号'],
    ]);
  });
});

describe('files that cannot be imported', () => {
  it('names the expected columns when a required header is missing (422)', async () => {
    const res = await importCsv('equipment', 'serial,hospital,regionCode\nX-1,北京东华医院,110101\n', true);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { path: 'csv', message: '缺少必需的列：型号（model）。需要的列：serial, model, hospital, regionCode；可选的列：department, coveredUntil' },
    ]);
    const hospitals = await importCsv('hospitals', '医院名称,省份\n某医院,某省\n', true);
    expect(hospitals.body.errors[0].message).toContain('城市（city）、行政区划代码（regionCode）、地址（address）、纬度（latitude）、经度（longitude）');
  });

  it('refuses more than 2,000 data rows, an unclosed quote, a repeated column, a header alone (422)', async () => {
    const big = await importCsv('equipment', equipmentCsv({ count: 2001, serialPrefix: 'BIG' }), true);
    expect(big.status).toBe(422);
    expect(big.body.errors[0].message).toBe('一次最多导入 2,000 行，本文件有 2,001 行，请拆分后再导入');
    const quote = await importCsv('equipment', `${HEADER}\nQ-1,"${GASTRO},北京东华医院,110101,,\n`, true);
    expect(quote.status).toBe(422);
    expect(quote.body.errors[0].message).toMatch(/^无法读取 CSV：/);
    const twice = await importCsv('equipment', `${HEADER},序列号\n`, true);
    expect(twice.body.errors[0].message).toBe('表头中“序列号（serial）”出现了两次');
    expect((await importCsv('equipment', `${HEADER}\n`, true)).body.errors[0].message).toBe('文件中只有表头，没有数据行');
    expect((await importCsv('equipment', ' \n\n', true)).body.errors[0].message).toBe('文件是空的');
    expect((await importCsv('fleet', `${HEADER}\n`, true)).status).toBe(422);
    expect(await unitsLike('BIG')).toBe(0);
  });

  it('2,000 rows are fine', async () => {
    const res = await importCsv('equipment', equipmentCsv({ count: 2000, serialPrefix: 'MAX' }), true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2000, created: 2000 });
    expect(res.body.rows).toHaveLength(1000);
  });

  it('leaves nothing written when the database refuses a row the checks passed (a legacy label equal to a new code)', async () => {
    // An old unit relabelled by hand with the code our labels would give another serial.
    const legacy = await importCsv('equipment', [HEADER, line('LEGACY-7', GASTRO, ...BJ, '', '')].join('\n'), false);
    expect(legacy.body.created).toBe(1);
    await rows(server.running.orm, "update equipment_unit set label_code = 'SDEQ-FAIL0003' where serial = 'LEGACY-7'");
    const auditsBefore = (await audits('directory.import.equipment')).length;

    const csv = equipmentCsv({ count: 5, serialPrefix: 'FAIL' });
    expect((await importCsv('equipment', csv, true)).body).toMatchObject({ created: 5, failed: 0 });
    const res = await importCsv('equipment', csv, false);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(res.body.detail).toMatch(/^导入未完成，没有写入任何数据/);
    expect(await unitsLike('FAIL')).toBe(0);
    expect((await audits('directory.import.equipment')).length).toBe(auditsBefore);
  });

  it('is for directory admins only', async () => {
    const staff = await login(server, '13800000004');
    expect((await importCsv('equipment', equipmentCsv({ count: 1, serialPrefix: 'STAFF' }), false, staff.token)).status).toBe(403);
    expect(await unitsLike('STAFF')).toBe(0);
  });
});

describe('hospitals', () => {
  const HOSPITAL_HEADER = 'name,province,city,regionCode,address,latitude,longitude,serviceTier';

  it('creates new hospitals, updates known ones where the file differs, and reports bad rows', async () => {
    const csv = [
      `\ufeff${HOSPITAL_HEADER}`,
      line('宁波海曙医院', '浙江省', '宁波市', '330203', '海曙区中山西路 1 号, A 座', '29.874556', '121.550357', 'premium'),
      line('北京东华医院', '北京市', '北京市', '110101', '东城区东华大街 88 号', '39.928353', '116.416357', ''),
      line('上海浦江医院', '上海市', '上海市', '310101', '黄浦区浦江路 122 号', '31.231706', '121.484611', 'standard'),
      line('宁波海曙医院', '浙江省', '宁波市', '330203', '海曙区中山西路 1 号', '29.874556', '121.550357', ''),
      line('厦门思明医院', '福建省', '厦门市', '35020', '思明区 1 号', '北纬 24', '118.08', 'gold'),
    ].join('\n');
    const dry = await importCsv('hospitals', csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ kind: 'hospitals', total: 5, created: 1, updated: 1, unchanged: 1, failed: 2 });
    expect(dry.body.rows).toEqual([
      { line: 5, action: 'error', key: '宁波海曙医院（330203）', errors: [{ column: 'name', message: '与第 2 行的医院（名称和行政区划代码相同）重复' }] },
      {
        line: 6,
        action: 'error',
        key: '厦门思明医院（35020）',
        errors: [
          { column: 'latitude', message: '纬度应为数字，例如 39.928353' },
          { column: 'regionCode', message: '请填写 6 位行政区划代码' },
          { column: 'serviceTier', message: '服务等级应为 standard 或 premium' },
        ],
      },
      { line: 2, action: 'create', key: '宁波海曙医院（330203）', errors: [] },
      // An empty tier keeps the stored one (premium): nothing differs.
      { line: 3, action: 'unchanged', key: '北京东华医院（110101）', errors: [] },
      {
        line: 4,
        action: 'update',
        key: '上海浦江医院（310101）',
        changes: { address: ['黄浦区浦江路 120 号', '黄浦区浦江路 122 号'], serviceTier: ['premium', 'standard'] },
        errors: [],
      },
    ]);
    const applied = await importCsv('hospitals', csv, false);
    expect(applied.body).toMatchObject({ created: 1, updated: 1, unchanged: 1, failed: 2 });
    const [ningbo] = await rows<{ address: string; service_tier: string; latitude: number | string }>(server.running.orm, "select address, service_tier, latitude from hospital where name = '宁波海曙医院'");
    expect(ningbo).toMatchObject({ address: '海曙区中山西路 1 号, A 座', service_tier: 'premium' });
    expect(Number(ningbo!.latitude)).toBe(29.874556);
    const [shanghai] = await rows<{ address: string; service_tier: string }>(server.running.orm, "select address, service_tier from hospital where name = '上海浦江医院'");
    expect(shanghai).toEqual({ address: '黄浦区浦江路 122 号', service_tier: 'standard' });
    expect((await audits('directory.import.hospitals')).at(-1)).toEqual({ actor_id: adminId, reason: '1 新增, 1 更新, 2 行有错误' });
  });

  it('checks each field with the console’s rules', async () => {
    const csv = [HOSPITAL_HEADER, line('厦门思明医院', '福建省', '厦门市', '35020', '思明区 1 号', '60', '118.08', 'gold')].join('\n');
    const res = await importCsv('hospitals', csv, true);
    expect(res.body.rows[0].errors).toEqual([
      { column: 'regionCode', message: '请填写 6 位行政区划代码' },
      { column: 'latitude', message: '纬度应在 3～54 之间' },
      { column: 'serviceTier', message: '服务等级应为 standard 或 premium' },
    ]);
  });
});

describe('departments', () => {
  it('adds departments to known hospitals; ones that exist are unchanged', async () => {
    const csv = [
      '医院,行政区划代码,科室',
      line('武汉江汉医院', '420103', '呼吸内镜中心'),
      line('武汉江汉医院', '420103', '消化内科'),
      line('武汉江汉医院', '420103', '呼吸内镜中心'),
      line('武汉江汉医院', '420199', '呼吸内镜中心'),
      line('武汉江汉医院', '420103', '科'),
    ].join('\n');
    const res = await importCsv('departments', csv, false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'departments', total: 5, created: 1, unchanged: 1, failed: 3 });
    expect(res.body.rows).toEqual([
      { line: 4, action: 'error', key: '武汉江汉医院（420103） 呼吸内镜中心', errors: [{ column: 'department', message: '与第 2 行的科室重复' }] },
      { line: 5, action: 'error', key: '武汉江汉医院（420199） 呼吸内镜中心', errors: [{ column: 'hospital', message: '找不到医院“武汉江汉医院（420199）”，请先导入或添加医院' }] },
      { line: 6, action: 'error', key: '武汉江汉医院（420103） 科', errors: [{ column: 'department', message: '请填写科室名称' }] },
      { line: 2, action: 'create', key: '武汉江汉医院（420103） 呼吸内镜中心', errors: [] },
      { line: 3, action: 'unchanged', key: '武汉江汉医院（420103） 消化内科', errors: [] },
    ]);
    expect(await count("department d join hospital h on h.id = d.hospital_id where h.name = '武汉江汉医院'")).toBe(4);
    expect((await audits('directory.import.departments')).at(-1)!.reason).toBe('1 新增, 0 更新, 3 行有错误');
  });
});
