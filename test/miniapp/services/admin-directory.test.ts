import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AdminDepartmentSchema,
  AdminEquipmentModelSchema,
  AdminHospitalQuerySchema,
  AdminHospitalSchema,
  AdminUnitQuerySchema,
  AdminUnitSchema,
  DepartmentInputSchema,
  DepartmentPatchSchema,
  EquipmentModelInputSchema,
  EquipmentModelPatchSchema,
  HospitalInputSchema,
  HospitalPatchSchema,
  ImportParamsSchema,
  ImportRequestSchema,
  ImportResultSchema,
  LabelSheetRequestSchema,
  LabelSheetSchema,
  UnitInputSchema,
  UnitPatchSchema,
  type AdminHospital,
  type AdminUnit,
  type ImportResult,
  type Label,
} from '../../../shared/schemas/admin-directory.schema';
import { AccountSchema, DealerCreateSchema, DealerSchema, DealerStaffCreateSchema } from '../../../shared/schemas/access.schema';
import { ConflictError, NotFoundError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Directory = typeof import('../../../miniapp/src/services/admin-directory');
type CsvText = typeof import('../../../miniapp/src/services/csv-text');
type CsvFileH5 = typeof import('../../../miniapp/src/services/csv-file.h5');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const Page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const hospitalId = randomUUID();
const departmentId = randomUUID();
const modelIds = [randomUUID(), randomUUID()];
const dealerId = randomUUID();

const hospital: AdminHospital = {
  id: hospitalId,
  name: '上海市第六人民医院',
  province: '上海市',
  city: '上海市',
  regionCode: '310104',
  address: '宜山路 600 号',
  latitude: 31.1766,
  longitude: 121.4231,
  serviceTier: 'premium',
  departmentCount: 1,
  unitCount: 2,
  createdAt: '2026-11-20T02:00:00.000Z',
};
const department = { id: departmentId, name: '消化内镜中心', hospital: { id: hospitalId, name: hospital.name }, staffCount: 3, unitCount: 2 };
const models = [
  { id: modelIds[0]!, name: 'GIF-H290', category: 'gastroscope' as const, manufacturer: 'Olympus', unitCount: 5 },
  { id: modelIds[1]!, name: 'CF-H290I', category: 'colonoscope' as const, manufacturer: 'Olympus', unitCount: 1 },
];
function unit(serial: string): AdminUnit {
  return {
    id: randomUUID(),
    serial,
    labelCode: `SD-${serial}`,
    model: { id: modelIds[0]!, name: 'GIF-H290' },
    hospital: { id: hospitalId, name: hospital.name },
    department: { id: departmentId, name: department.name },
    coveredUntil: '2027-06-30',
    openTickets: 0,
    createdAt: '2026-11-21T02:00:00.000Z',
  };
}
// The prefix search finds A100 and A1000 for "A100"; lower case is a different unit only by case.
const units = [unit('A100'), unit('A1000'), unit('B200'), unit('c300')];
const dealer = { id: dealerId, name: '华东医疗器械有限公司', contractRef: 'HT-2026-01', purposes: ['onsite_check'], active: true };

const dryRun: ImportResult = {
  kind: 'equipment',
  dryRun: true,
  total: 3,
  created: 1,
  updated: 1,
  unchanged: 0,
  failed: 1,
  rows: [
    { line: 4, action: 'error', key: 'Z9', errors: [{ column: 'model', message: '型号“XYZ”不存在' }] },
    { line: 2, action: 'create', key: 'A100', errors: [] },
    { line: 3, action: 'update', key: 'B200', changes: { coveredUntil: ['2026-12-31', '2027-12-31'] }, errors: [] },
  ],
};

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    {
      method: 'get',
      path: '/admin/hospitals',
      query: AdminHospitalQuerySchema,
      response: Page(AdminHospitalSchema),
      reply: ({ query }) => {
        const q = query as { cursor?: string };
        return q.cursor ? { items: [], nextCursor: null } : { items: [hospital], nextCursor: 'next-1' };
      },
    },
    {
      method: 'get',
      path: '/admin/hospitals/:id',
      params: Id,
      response: AdminHospitalSchema,
      reply: ({ params }) => {
        if ((params as { id: string }).id !== hospitalId) throw new NotFoundError('No such hospital.');
        return hospital;
      },
    },
    {
      method: 'post',
      path: '/admin/hospitals',
      body: HospitalInputSchema,
      response: AdminHospitalSchema,
      status: 201,
      reply: ({ body }) => {
        if ((body as { name: string }).name === hospital.name) throw new ConflictError('Exists.');
        return { ...hospital, ...(body as object), id: randomUUID(), departmentCount: 0, unitCount: 0 };
      },
    },
    { method: 'patch', path: '/admin/hospitals/:id', params: Id, body: HospitalPatchSchema, response: AdminHospitalSchema, reply: ({ body }) => ({ ...hospital, ...(body as object) }) },
    { method: 'get', path: '/admin/hospitals/:id/departments', params: Id, response: z.object({ items: z.array(AdminDepartmentSchema) }), reply: () => ({ items: [department] }) },
    {
      method: 'post',
      path: '/admin/departments',
      body: DepartmentInputSchema,
      response: AdminDepartmentSchema,
      status: 201,
      reply: ({ body }) => {
        if ((body as { name: string }).name === department.name) throw new ConflictError('Exists.');
        return { ...department, id: randomUUID(), name: (body as { name: string }).name, staffCount: 0, unitCount: 0 };
      },
    },
    { method: 'patch', path: '/admin/departments/:id', params: Id, body: DepartmentPatchSchema, response: AdminDepartmentSchema, reply: ({ body }) => ({ ...department, ...(body as object) }) },
    { method: 'get', path: '/admin/equipment/models', response: z.object({ items: z.array(AdminEquipmentModelSchema) }), reply: () => ({ items: models }) },
    { method: 'post', path: '/admin/equipment/models', body: EquipmentModelInputSchema, response: AdminEquipmentModelSchema, status: 201, reply: ({ body }) => ({ ...models[0], ...(body as object), id: randomUUID(), unitCount: 0 }) },
    { method: 'patch', path: '/admin/equipment/models/:id', params: Id, body: EquipmentModelPatchSchema, response: AdminEquipmentModelSchema, reply: ({ body }) => ({ ...models[0], ...(body as object) }) },
    {
      method: 'get',
      path: '/admin/equipment/units',
      query: AdminUnitQuerySchema,
      response: Page(AdminUnitSchema),
      reply: ({ query }) => {
        const q = ((query as { q?: string }).q ?? '').toUpperCase();
        return { items: units.filter((u) => u.serial.toUpperCase().startsWith(q)), nextCursor: null };
      },
    },
    { method: 'post', path: '/admin/equipment/units', body: UnitInputSchema, response: AdminUnitSchema, status: 201, reply: ({ body }) => ({ ...units[0], serial: (body as { serial: string }).serial }) },
    {
      method: 'patch',
      path: '/admin/equipment/units/:id',
      params: Id,
      body: UnitPatchSchema,
      response: AdminUnitSchema,
      reply: ({ body }) => ({ ...units[0], coveredUntil: (body as { coveredUntil?: string | null }).coveredUntil ?? null }),
    },
    {
      method: 'post',
      path: '/admin/imports/:kind',
      params: ImportParamsSchema,
      body: ImportRequestSchema,
      response: ImportResultSchema,
      reply: ({ params, body }) => {
        const { dryRun: dry } = body as { dryRun: boolean };
        return { ...dryRun, kind: (params as { kind: string }).kind, dryRun: dry };
      },
    },
    {
      method: 'post',
      path: '/admin/equipment/labels',
      body: LabelSheetRequestSchema,
      response: LabelSheetSchema,
      reply: ({ body }) => {
        const { unitIds, serials } = body as { unitIds: string[]; serials: string[] };
        const label = (unitId: string, serial: string): Label => ({ unitId, labelCode: `SD-${serial}`, serial, model: 'GIF-H290', hospital: hospital.name, department: null, qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
        return {
          labels: [...unitIds.map((id) => label(id, 'A100')), ...serials.filter((s) => s === 'A100').map((s) => label(randomUUID(), s))],
          missing: serials.filter((s) => s !== 'A100'),
        };
      },
    },
    { method: 'get', path: '/admin/dealers', response: z.object({ items: z.array(DealerSchema) }), reply: () => ({ items: [dealer] }) },
    { method: 'post', path: '/admin/dealers', body: DealerCreateSchema, response: DealerSchema, status: 201, reply: ({ body }) => ({ ...dealer, ...(body as object), id: randomUUID() }) },
    {
      method: 'post',
      path: '/admin/dealers/:id/staff',
      params: Id,
      body: DealerStaffCreateSchema,
      response: AccountSchema,
      status: 201,
      reply: ({ body }) => {
        const { name, phone } = body as { name: string; phone: string };
        if (phone === '13900000000') throw new ConflictError('Phone taken.');
        return { id: randomUUID(), name, phone, role: 'dealer', dealer: { id: dealerId, name: dealer.name } };
      },
    },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load(base = standIn.server.url) {
  return loadApp<{ dir: Directory; csv: CsvText; file: CsvFileH5 }>(base, { dir: `${SRC}/admin-directory`, csv: `${SRC}/csv-text`, file: `${SRC}/csv-file.h5` });
}

describe('admin directory against the shared contracts', () => {
  it('lists hospitals with only the filters that are set, and pages by cursor', async () => {
    const { dir } = load();
    await expect(dir.listHospitals({ q: ' 六院 ', province: '31', tier: undefined, sort: 'unitCount', dir: 'desc', limit: 20 })).resolves.toEqual({ items: [hospital], nextCursor: 'next-1' });
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/hospitals', query: { q: '六院', province: '31', sort: 'unitCount', dir: 'desc', limit: 20 } });
    expect(lastCall()?.query).not.toHaveProperty('tier');
    await dir.listHospitals({ q: '', cursor: 'next-1' });
    expect(lastCall()?.query).toMatchObject({ cursor: 'next-1', sort: 'name', dir: 'asc' });
    expect(lastCall()?.query).not.toHaveProperty('q');
    await expect(dir.getHospital(randomUUID())).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('creates and patches hospitals with the shared schema; coordinates out of China are refused in Chinese', async () => {
    const { dir } = load();
    const input = HospitalInputSchema.parse({ name: '华山医院', province: '上海市', city: '上海市', regionCode: '310106', address: '乌鲁木齐中路 12 号', latitude: '31.2167', longitude: '121.4431' });
    expect(input).toMatchObject({ latitude: 31.2167, longitude: 121.4431, serviceTier: 'standard' });
    await expect(dir.createHospital(input, 'h-key')).resolves.toMatchObject({ name: '华山医院', departmentCount: 0 });
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/admin/hospitals', idempotencyKey: 'h-key', body: input });

    const taken = await dir.createHospital({ ...input, name: hospital.name }).catch((e: unknown) => e);
    expect(taken).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(dir.saveMessage('hospital', taken)).toMatch(/同名医院/);

    const far = await dir.createHospital({ ...input, latitude: 60 }).catch((e: unknown) => e);
    expect(far).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'latitude', message: '纬度应在 3～54 之间' })] });

    await expect(dir.updateHospital(hospitalId, { serviceTier: 'standard' })).resolves.toMatchObject({ serviceTier: 'standard' });
    expect(lastCall()).toMatchObject({ method: 'PATCH', path: `/api/v1/admin/hospitals/${hospitalId}`, body: { serviceTier: 'standard' } });
  });

  it('lists, adds and renames departments; a duplicate name is a 409 in Chinese', async () => {
    const { dir } = load();
    await expect(dir.listHospitalDepartments(hospitalId)).resolves.toEqual([department]);
    expect(lastCall()?.path).toBe(`/api/v1/admin/hospitals/${hospitalId}/departments`);
    await expect(dir.createDepartment({ hospitalId, name: '呼吸内镜室' }, 'd-key')).resolves.toMatchObject({ name: '呼吸内镜室' });
    expect(lastCall()).toMatchObject({ path: '/api/v1/admin/departments', idempotencyKey: 'd-key', body: { hospitalId, name: '呼吸内镜室' } });
    const dup = await dir.createDepartment({ hospitalId, name: department.name }).catch((e: unknown) => e);
    expect(dir.saveMessage('department', dup)).toBe('该医院已有同名科室');
    await expect(dir.renameDepartment(departmentId, { name: '内镜中心' })).resolves.toMatchObject({ name: '内镜中心' });
    expect(lastCall()).toMatchObject({ method: 'PATCH', path: `/api/v1/admin/departments/${departmentId}`, body: { name: '内镜中心' } });
  });

  it('reads every equipment model; creates and edits models', async () => {
    const { dir } = load();
    await expect(dir.listModels()).resolves.toEqual(models);
    expect(lastCall()).toMatchObject({ method: 'GET', path: '/api/v1/admin/equipment/models' });
    await expect(dir.createModel({ name: 'BF-H290', category: 'bronchoscope', manufacturer: 'Olympus' })).resolves.toMatchObject({ name: 'BF-H290', category: 'bronchoscope' });
    await expect(dir.updateModel(modelIds[0]!, { manufacturer: '奥林巴斯' })).resolves.toMatchObject({ manufacturer: '奥林巴斯' });
    expect(lastCall()?.body).toEqual({ manufacturer: '奥林巴斯' });
  });

  it('lists units by filters and sort, creates and patches them', async () => {
    const { dir } = load();
    await dir.listUnits({ q: 'A1', hospitalId, modelId: modelIds[0], coveredBefore: '2027-01-01', sort: 'coveredUntil', dir: 'asc', limit: 50 });
    expect(lastCall()?.query).toMatchObject({ q: 'A1', hospitalId, modelId: modelIds[0], coveredBefore: '2027-01-01', sort: 'coveredUntil' });
    const body = UnitInputSchema.parse({ modelId: modelIds[0], serial: 'NEW-001', hospitalId });
    expect(body).toMatchObject({ departmentId: null, coveredUntil: null });
    await expect(dir.createUnit(body, 'u-key')).resolves.toMatchObject({ serial: 'NEW-001' });
    expect(lastCall()).toMatchObject({ path: '/api/v1/admin/equipment/units', idempotencyKey: 'u-key' });
    await expect(dir.updateUnit(units[0]!.id, { coveredUntil: null })).resolves.toMatchObject({ coveredUntil: null });
    expect(lastCall()?.body).toEqual({ coveredUntil: null });
    expect(UnitInputSchema.safeParse({ ...body, serial: 'A 1' }).error?.issues[0]?.message).toBe('序列号只能包含字母、数字和 -');
  });

  it('runs an import as a dry run (no key) and applies it (with a key); rows with errors sort first', async () => {
    const { dir } = load();
    const csv = 'serial,model,hospital,regionCode,department,coveredUntil\r\nA100,GIF-H290,上海市第六人民医院,310104,,\r\n';
    const checked = await dir.runImport('equipment', csv, true, 'ignored');
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/admin/imports/equipment', body: { csv, dryRun: true }, idempotencyKey: '' });
    expect(checked).toMatchObject({ dryRun: true, created: 1, failed: 1 });
    expect(dir.importedSerials(checked)).toEqual([]);

    const applied = await dir.runImport('equipment', csv, false, 'apply-key');
    expect(lastCall()).toMatchObject({ body: { csv, dryRun: false }, idempotencyKey: 'apply-key' });
    expect(dir.importedSerials(applied)).toEqual(['A100', 'B200']);
    expect(dir.sortImportRows([...applied.rows].reverse()).map((r) => r.line)).toEqual([4, 2, 3]);

    const huge = await dir.runImport('hospitals', 'x'.repeat(200_001), true).catch((e: unknown) => e);
    expect(huge).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(dir.importMessage(huge)).toBe('文件过大（最多约 2,000 行），请拆分后导入');
    const unknown = await dir.runImport('gifts' as never, csv, true).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 422 });
  });

  it('builds header-only templates with the Chinese column names the import takes', () => {
    const { dir } = load();
    expect(dir.importTemplateCsv('hospitals')).toBe('医院名称,省份,城市,行政区划代码,地址,纬度,经度,服务等级\r\n');
    expect(dir.importTemplateCsv('departments')).toBe('医院,行政区划代码,科室\r\n');
    expect(dir.importTemplateCsv('equipment')).toBe('序列号,型号,医院,行政区划代码,科室,保修截止日期\r\n');
  });

  it('reads the header as the server matches it and says when a file fits another kind better', () => {
    const { dir } = load();
    const equipment = dir.csvHeader('\uFEFF"serial", model ,hospital,region_code,Department,covered until\r\nA,B,C,D,E,F');
    expect(equipment).toEqual(['serial', 'model', 'hospital', 'region_code', 'Department', 'covered until']);
    expect(dir.checkHeader('equipment', equipment)).toEqual({ missing: [], unknown: [], otherKind: null });
    expect(dir.checkHeader('equipment', ['序列号', '型号*', '医院名称', 'Region Code', '备注'])).toEqual({ missing: [], unknown: ['备注'], otherKind: null });
    // An equipment file has every department column: the extra ones give it away.
    expect(dir.checkHeader('departments', ['序列号', '型号', '医院', '行政区划代码', '科室', '保修截止日期'])).toEqual({
      missing: [],
      unknown: ['序列号', '型号', '保修截止日期'],
      otherKind: 'equipment',
    });
    expect(dir.checkHeader('equipment', ['hospital', 'regionCode', 'department'])).toEqual({ missing: ['序列号', '型号'], unknown: [], otherKind: 'departments' });
    // serviceTier may be left out.
    expect(dir.checkHeader('hospitals', ['name', 'province', 'city', 'regionCode', 'address', 'lat', 'lng'])).toEqual({ missing: [], unknown: [], otherKind: null });
    expect(dir.checkHeader('hospitals', ['编号', '地址'])).toMatchObject({ unknown: ['编号'], otherKind: null });
  });

  it('fetches label sheets in requests of at most 200 units, in the order asked', async () => {
    const { dir } = load();
    const ids = Array.from({ length: 450 }, () => randomUUID());
    const { labels, missing } = await dir.fetchLabels({ unitIds: [...ids, ids[0]!], serials: ['A100', 'NOPE'] });
    expect(labels.map((l) => l.unitId).slice(0, 450)).toEqual(ids);
    expect(labels.slice(450).map((l) => l.serial)).toEqual(['A100']);
    expect(missing).toEqual(['NOPE']);
    expect(standIn.calls.map((c) => (c.body as { unitIds: string[] }).unitIds.length)).toEqual([200, 200, 50]);
    expect(standIn.calls.map((c) => (c.body as { serials: string[] }).serials)).toEqual([[], [], ['A100', 'NOPE']]);
    expect(dir.labelPages(labels, 24).map((p) => p.length)).toEqual([...Array(18).fill(24), 19]);
    expect(dir.svgDataUrl('<svg a="#"/>')).toBe('data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%22%23%22%2F%3E');
    const decoded = (src: string) => decodeURIComponent(src.replace('data:image/svg+xml;charset=utf-8,', ''));
    expect(decoded(dir.qrImageSrc('<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132px"><path d="M0 0h4"/></svg>'))).toBe(
      '<svg viewBox="0 0 132 132" xmlns="http://www.w3.org/2000/svg" width="132" height="132px"><path d="M0 0h4"/></svg>',
    );
    const withBox = '<?xml version="1.0"?><svg viewBox="0 0 33 33" width="132" height="132"></svg>';
    expect(decoded(dir.qrImageSrc(withBox))).toBe(withBox);
  });

  it('hands the units to print to the labels page through storage, found by token', () => {
    const { dir } = load();
    const token = dir.stashLabelRequest({ unitIds: ['u1', 'u2'], from: 'directory' }, 1_000);
    expect(dir.readLabelRequest(token)).toMatchObject({ unitIds: ['u1', 'u2'], serials: [], from: 'directory' });
    expect(dir.readLabelRequest('other')).toBeNull();
    expect(dir.readLabelRequest()).toMatchObject({ token });
    expect(dir.parseSerialList('A100\nB200, c300、A100 ；D400')).toEqual(['A100', 'B200', 'c300', 'D400']);
  });

  it('lists and creates dealers and their staff accounts; a phone in use is a 409 in Chinese', async () => {
    const { dir } = load();
    await expect(dir.listDealers()).resolves.toEqual([dealer]);
    await expect(dir.createDealer({ name: '华南医疗', contractRef: 'HT-2', purposes: ['pickup'] }, 'dl-key')).resolves.toMatchObject({ name: '华南医疗' });
    expect(lastCall()).toMatchObject({ path: '/api/v1/admin/dealers', idempotencyKey: 'dl-key' });
    await expect(dir.createDealerStaff(dealerId, { name: '王工', phone: '13900000001' })).resolves.toMatchObject({ role: 'dealer', dealer: { id: dealerId } });
    expect(lastCall()?.path).toBe(`/api/v1/admin/dealers/${dealerId}/staff`);
    const taken = await dir.createDealerStaff(dealerId, { name: '王工', phone: '13900000000' }).catch((e: unknown) => e);
    expect(dir.saveMessage('staff', taken)).toBe('该手机号已有账号，不能重复创建');
  });
});

describe('reading a CSV file on the web console', () => {
  const fileOf = (bytes: Uint8Array | string, name = 'units.csv') => {
    const blob = new Blob([bytes]);
    return Object.assign(blob, { name }) as unknown as File;
  };

  it('reads UTF-8 (BOM dropped) and falls back to GBK for an Excel file', async () => {
    const { file } = load();
    await expect(file.readCsvFile(fileOf('\uFEFFserial,model\nA100,GIF-H290\n'))).resolves.toMatchObject({ name: 'units.csv', text: 'serial,model\nA100,GIF-H290\n', encoding: 'utf-8' });
    // "hospital\n华山医院" in GBK.
    const gbk = new Uint8Array([...Buffer.from('hospital\n'), 0xbb, 0xaa, 0xc9, 0xbd, 0xd2, 0xbd, 0xd4, 0xba, 0x0a]);
    await expect(file.readCsvFile(fileOf(gbk))).resolves.toMatchObject({ text: 'hospital\n华山医院\n', encoding: 'gbk' });
  });

  it('refuses other files, empty files, a header alone, and too much text, in Chinese', async () => {
    const { file, csv } = load();
    const refused = async (f: File) => {
      const err = await file.readCsvFile(f).catch((e: unknown) => e);
      expect(csv.isCsvFileError(err)).toBe(true);
      return (err as Error).message;
    };
    await expect(refused(fileOf('a,b\n1,2', 'units.xlsx'))).resolves.toMatch(/请选择 \.csv 文件/);
    await expect(refused(fileOf('', 'units.csv'))).resolves.toBe('文件是空的');
    await expect(refused(fileOf('serial,model\n'))).resolves.toMatch(/文件只有一行/);
    await expect(refused(fileOf(`a\n${'x'.repeat(200_001)}`))).resolves.toMatch(/文件过大/);
  });
});
