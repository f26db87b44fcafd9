import { z } from 'zod';
import { IsoDateTime } from './common.schema';

/**
 * The admin console's directory: hospitals (with coordinates and service
 * tier), their departments, equipment models and units, CSV import with a
 * dry run, and printable QR labels. Lists are keyset-paginated and sorted by
 * one column; `cursor` is opaque (the server encodes sort value + id).
 */

const Ref = z.object({ id: z.string(), name: z.string() });
// A hospital-name cursor carries the name (up to 100 CJK characters, 300 bytes) base64url-encoded.
const Cursor = z.string().max(600).optional();
const Limit = z.coerce.number().int().min(1).max(100).default(50);
const SortDir = z.enum(['asc', 'desc']).default('asc');
/** Six-digit GB/T 2260 county code; a province filter is its first two digits. */
const RegionCode = z.string().regex(/^\d{6}$/, '请填写 6 位行政区划代码');
const ProvinceFilter = z.string().regex(/^\d{2}$/).optional();

export const SERVICE_TIER_VALUES = ['standard', 'premium'] as const;

// ---- hospitals ----
export const AdminHospitalQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  /** First two digits of the region code (a province). */
  province: ProvinceFilter,
  tier: z.enum(SERVICE_TIER_VALUES).optional(),
  sort: z.enum(['name', 'createdAt', 'unitCount']).default('name'),
  dir: SortDir,
  limit: Limit,
  cursor: Cursor,
});
export type AdminHospitalQuery = z.infer<typeof AdminHospitalQuerySchema>;

export const AdminHospitalSchema = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  regionCode: z.string(),
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  serviceTier: z.enum(SERVICE_TIER_VALUES),
  departmentCount: z.number().int(),
  unitCount: z.number().int(),
  createdAt: IsoDateTime,
});
export type AdminHospital = z.infer<typeof AdminHospitalSchema>;

export const HospitalInputSchema = z.object({
  name: z.string().trim().min(2, '请填写医院名称').max(100),
  province: z.string().trim().min(2, '请填写省份').max(20),
  city: z.string().trim().min(2, '请填写城市').max(20),
  regionCode: RegionCode,
  address: z.string().trim().min(2, '请填写地址').max(200),
  latitude: z.coerce.number().min(3, '纬度应在 3～54 之间').max(54, '纬度应在 3～54 之间'),
  longitude: z.coerce.number().min(73, '经度应在 73～136 之间').max(136, '经度应在 73～136 之间'),
  serviceTier: z.enum(SERVICE_TIER_VALUES, { message: '服务等级应为 standard 或 premium' }).default('standard'),
});
export type HospitalInput = z.infer<typeof HospitalInputSchema>;
// Without the default: a patch that leaves the tier out keeps it (`.partial()` alone would reset it to standard).
export const HospitalPatchSchema = HospitalInputSchema.partial().extend({
  serviceTier: z.enum(SERVICE_TIER_VALUES, { message: '服务等级应为 standard 或 premium' }).optional(),
});

// ---- departments ----
export const AdminDepartmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  hospital: Ref,
  staffCount: z.number().int(),
  unitCount: z.number().int(),
});
export type AdminDepartment = z.infer<typeof AdminDepartmentSchema>;
export const DepartmentInputSchema = z.object({ hospitalId: z.string().uuid(), name: z.string().trim().min(2, '请填写科室名称').max(50) });
export const DepartmentPatchSchema = z.object({ name: z.string().trim().min(2, '请填写科室名称').max(50) });

// ---- equipment models ----
export const EQUIPMENT_CATEGORIES = [
  'gastroscope', 'colonoscope', 'bronchoscope', 'duodenoscope', 'ultrasound_endoscope', 'processor', 'light_source',
] as const;
export const AdminEquipmentModelSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(EQUIPMENT_CATEGORIES),
  manufacturer: z.string(),
  unitCount: z.number().int(),
});
export type AdminEquipmentModel = z.infer<typeof AdminEquipmentModelSchema>;
export const EquipmentModelInputSchema = z.object({
  name: z.string().trim().min(2, '请填写型号').max(60),
  category: z.enum(EQUIPMENT_CATEGORIES, { message: '设备类别不正确' }),
  manufacturer: z.string().trim().min(2, '请填写厂家').max(60),
});
export const EquipmentModelPatchSchema = EquipmentModelInputSchema.partial();

// ---- equipment units ----
export const AdminUnitQuerySchema = z.object({
  /** Serial or label code, prefix match. */
  q: z.string().trim().max(80).optional(),
  hospitalId: z.string().uuid().optional(),
  departmentId: z.string().uuid().optional(),
  modelId: z.string().uuid().optional(),
  /** Units whose warranty/contract ends on or before this Shanghai date (YYYY-MM-DD). */
  coveredBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  sort: z.enum(['serial', 'createdAt', 'coveredUntil']).default('serial'),
  dir: SortDir,
  limit: Limit,
  cursor: Cursor,
});
export type AdminUnitQuery = z.infer<typeof AdminUnitQuerySchema>;

export const AdminUnitSchema = z.object({
  id: z.string(),
  serial: z.string(),
  labelCode: z.string(),
  model: Ref,
  hospital: Ref,
  department: Ref.nullable(),
  /** YYYY-MM-DD, Asia/Shanghai calendar date. */
  coveredUntil: z.string().nullable(),
  openTickets: z.number().int(),
  createdAt: IsoDateTime,
});
export type AdminUnit = z.infer<typeof AdminUnitSchema>;

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const UnitInputSchema = z.object({
  modelId: z.string().uuid(),
  serial: z.string().trim().min(3, '请填写序列号').max(40).regex(/^[A-Za-z0-9-]+$/, '序列号只能包含字母、数字和 -'),
  hospitalId: z.string().uuid(),
  departmentId: z.string().uuid().nullable().default(null),
  coveredUntil: DateOnly.nullable().default(null),
});
export const UnitPatchSchema = z.object({
  modelId: z.string().uuid().optional(),
  hospitalId: z.string().uuid().optional(),
  departmentId: z.string().uuid().nullable().optional(),
  coveredUntil: DateOnly.nullable().optional(),
});

// ---- CSV import ----
/**
 * `POST /admin/imports/:kind` with the CSV text (UTF-8, BOM tolerated, first
 * row is the header). Columns by kind (docs/csv-import.md):
 * - hospitals: name, province, city, regionCode, address, latitude, longitude, serviceTier — key: name + regionCode
 * - departments: hospital, regionCode, department — key: hospital (name) + regionCode + department
 * - equipment: serial, model, hospital, regionCode, department, coveredUntil — key: serial
 * A dry run changes nothing; an apply writes every valid row in one
 * transaction and skips (and reports) the rows with errors.
 */
export const IMPORT_KINDS = ['hospitals', 'departments', 'equipment'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const ImportParamsSchema = z.object({ kind: z.enum(IMPORT_KINDS) });
export const ImportRequestSchema = z.object({
  // The JSON body limit is 256 KB; 200,000 characters is about 2,000 equipment rows.
  csv: z.string().min(1, '文件是空的').max(200_000, '文件过大（最多约 2,000 行），请拆分后导入'),
  dryRun: z.boolean(),
});
export const IMPORT_ROW_ACTIONS = ['create', 'update', 'unchanged', 'error'] as const;
export const ImportRowSchema = z.object({
  /** 1-based line in the file (the header is line 1). */
  line: z.number().int(),
  action: z.enum(IMPORT_ROW_ACTIONS),
  /** What identifies the row (serial, hospital name…). */
  key: z.string(),
  /** For updates: the columns that change, `{column: [before, after]}`. */
  changes: z.record(z.string(), z.tuple([z.string().nullable(), z.string().nullable()])).optional(),
  errors: z.array(z.object({ column: z.string().nullable(), message: z.string() })).default([]),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;
export const ImportResultSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  /** Every row with an error, then the others; at most 1,000. */
  rows: z.array(ImportRowSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

// ---- labels ----
/** Units by id (a selection in the list) and/or by exact serial (the rows of an import); 200 labels at most. */
export const LabelSheetRequestSchema = z
  .object({
    unitIds: z.array(z.string().uuid()).max(200, '一次最多打印 200 张').default([]),
    serials: z.array(z.string().trim().min(1).max(40)).max(200, '一次最多打印 200 张').default([]),
  })
  .refine((b) => b.unitIds.length + b.serials.length > 0, { message: '请至少选择一台设备', path: ['unitIds'] })
  .refine((b) => b.unitIds.length + b.serials.length <= 200, { message: '一次最多打印 200 张', path: ['serials'] });
export const LabelSchema = z.object({
  unitId: z.string(),
  /** The QR payload: the unit's label code, which `GET /equipment/by-code/:code` resolves. */
  labelCode: z.string(),
  serial: z.string(),
  model: z.string(),
  hospital: z.string(),
  department: z.string().nullable(),
  /** The QR code as an SVG document (error correction M). */
  qrSvg: z.string(),
});
export type Label = z.infer<typeof LabelSchema>;
export const LabelSheetSchema = z.object({
  labels: z.array(LabelSchema),
  /** Serials asked for that no unit has (ids that do not exist refuse the sheet with 404 instead: a stale selection). */
  missing: z.array(z.string()),
});
