import Taro from '@tarojs/taro'
import { z } from 'zod'
import {
  AdminDepartmentSchema,
  AdminEquipmentModelSchema,
  AdminHospitalSchema,
  AdminUnitSchema,
  IMPORT_KINDS,
  ImportResultSchema,
  LabelSheetSchema,
  type AdminDepartment,
  type AdminEquipmentModel,
  type AdminHospital,
  type AdminHospitalQuery,
  type AdminUnit,
  type AdminUnitQuery,
  type ImportKind,
  type ImportResult,
  type ImportRow,
  type Label,
} from '@shared/schemas/admin-directory.schema'
import { AccountSchema, DealerSchema } from '@shared/schemas/access.schema'
import { pageOf } from '@shared/schemas/pagination.schema'
import { isApiError } from './api-error'
import { messageOf } from './errors.zh'
import { requestParsed, type Query } from './http'

export type { AdminDepartment, AdminEquipmentModel, AdminHospital, AdminUnit, ImportKind, ImportResult, ImportRow, Label }
export type Dealer = z.infer<typeof DealerSchema>
export type Account = z.infer<typeof AccountSchema>

/**
 * The admin console's directory (admin.directory): hospitals and their
 * departments, equipment models and units, dealers, CSV import with a dry
 * run, and QR label sheets. Lists are keyset-paged `{items, nextCursor}`.
 */

export const HospitalPageSchema = pageOf(AdminHospitalSchema)
export const UnitPageSchema = pageOf(AdminUnitSchema)
export type HospitalPage = z.infer<typeof HospitalPageSchema>
export type UnitPage = z.infer<typeof UnitPageSchema>

const DepartmentListSchema = z.object({ items: z.array(AdminDepartmentSchema) })
const ModelListSchema = z.object({ items: z.array(AdminEquipmentModelSchema) })
const DealerListSchema = z.object({ items: z.array(DealerSchema) })

const enc = encodeURIComponent
const IMPORT_TIMEOUT_MS = 120_000
const LABEL_TIMEOUT_MS = 60_000
/** LabelSheetRequestSchema's cap per request; longer lists go in several. */
export const LABELS_PER_REQUEST = 200
/** How many labels one printing may hold (five requests). */
export const MAX_LABELS = 1_000

/** Drops unset and blank filters so the URL carries only what narrows the list. */
function compact(query: Record<string, string | number | undefined | null>): Query {
  const out: Query = {}
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (typeof value === 'string' && value.trim() === '') continue
    out[key] = typeof value === 'string' ? value.trim() : value
  }
  return out
}

// ---- hospitals and departments ----

export type HospitalListQuery = Partial<Pick<AdminHospitalQuery, 'q' | 'province' | 'tier' | 'sort' | 'dir' | 'cursor' | 'limit'>>

/** GET /admin/hospitals: search by name, province (two digits), 服务等级; sorted by one column. */
export function listHospitals(query: HospitalListQuery = {}): Promise<HospitalPage> {
  return requestParsed(HospitalPageSchema, '/admin/hospitals', { query: compact({ ...query }) })
}

export function getHospital(id: string): Promise<AdminHospital> {
  return requestParsed(AdminHospitalSchema, `/admin/hospitals/${enc(id)}`)
}

/** POST /admin/hospitals with the parsed HospitalInputSchema body; one key per form. */
export function createHospital(body: unknown, idempotencyKey?: string): Promise<AdminHospital> {
  return requestParsed(AdminHospitalSchema, '/admin/hospitals', { method: 'POST', body, idempotencyKey })
}

/** PATCH /admin/hospitals/:id with the fields that changed. */
export function updateHospital(id: string, body: unknown): Promise<AdminHospital> {
  return requestParsed(AdminHospitalSchema, `/admin/hospitals/${enc(id)}`, { method: 'PATCH', body })
}

/** GET /admin/hospitals/:id/departments: all of them (a hospital has a handful), unpaged. */
export async function listHospitalDepartments(hospitalId: string): Promise<AdminDepartment[]> {
  return (await requestParsed(DepartmentListSchema, `/admin/hospitals/${enc(hospitalId)}/departments`)).items
}

export function createDepartment(body: { hospitalId: string; name: string }, idempotencyKey?: string): Promise<AdminDepartment> {
  return requestParsed(AdminDepartmentSchema, '/admin/departments', { method: 'POST', body, idempotencyKey })
}

export function renameDepartment(id: string, body: { name: string }): Promise<AdminDepartment> {
  return requestParsed(AdminDepartmentSchema, `/admin/departments/${enc(id)}`, { method: 'PATCH', body })
}

// ---- equipment models and units ----

/** GET /admin/equipment/models: the whole (short) list, unpaged. */
export async function listModels(): Promise<AdminEquipmentModel[]> {
  return (await requestParsed(ModelListSchema, '/admin/equipment/models')).items
}

export function createModel(body: unknown, idempotencyKey?: string): Promise<AdminEquipmentModel> {
  return requestParsed(AdminEquipmentModelSchema, '/admin/equipment/models', { method: 'POST', body, idempotencyKey })
}

export function updateModel(id: string, body: unknown): Promise<AdminEquipmentModel> {
  return requestParsed(AdminEquipmentModelSchema, `/admin/equipment/models/${enc(id)}`, { method: 'PATCH', body })
}

export type UnitListQuery = Partial<Pick<AdminUnitQuery, 'q' | 'hospitalId' | 'departmentId' | 'modelId' | 'coveredBefore' | 'sort' | 'dir' | 'cursor' | 'limit'>>

/** GET /admin/equipment/units: serial or label code (prefix), hospital, department, model, 保修截止 on or before a date. */
export function listUnits(query: UnitListQuery = {}): Promise<UnitPage> {
  return requestParsed(UnitPageSchema, '/admin/equipment/units', { query: compact({ ...query }) })
}

export function getUnit(id: string): Promise<AdminUnit> {
  return requestParsed(AdminUnitSchema, `/admin/equipment/units/${enc(id)}`)
}

export function createUnit(body: unknown, idempotencyKey?: string): Promise<AdminUnit> {
  return requestParsed(AdminUnitSchema, '/admin/equipment/units', { method: 'POST', body, idempotencyKey })
}

export function updateUnit(id: string, body: unknown): Promise<AdminUnit> {
  return requestParsed(AdminUnitSchema, `/admin/equipment/units/${enc(id)}`, { method: 'PATCH', body })
}

// ---- dealers ----

/** GET /admin/dealers: every dealer organisation. */
export async function listDealers(): Promise<Dealer[]> {
  return (await requestParsed(DealerListSchema, '/admin/dealers')).items
}

export function createDealer(body: unknown, idempotencyKey?: string): Promise<Dealer> {
  return requestParsed(DealerSchema, '/admin/dealers', { method: 'POST', body, idempotencyKey })
}

/** POST /admin/dealers/:id/staff: an account that signs in by SMS with this phone and belongs to this dealer only. */
export function createDealerStaff(dealerId: string, body: unknown, idempotencyKey?: string): Promise<Account> {
  return requestParsed(AccountSchema, `/admin/dealers/${enc(dealerId)}/staff`, { method: 'POST', body, idempotencyKey })
}

// ---- CSV import ----

/**
 * POST /admin/imports/:kind: `dryRun: true` checks every row and changes
 * nothing; `false` writes the valid rows in one transaction and skips the
 * rest. A big file takes a while: the timeout is two minutes.
 */
export function runImport(kind: ImportKind, csv: string, dryRun: boolean, idempotencyKey?: string): Promise<ImportResult> {
  return requestParsed(ImportResultSchema, `/admin/imports/${enc(kind)}`, {
    method: 'POST',
    body: { csv, dryRun },
    idempotencyKey: dryRun ? undefined : idempotencyKey,
    timeoutMs: IMPORT_TIMEOUT_MS,
  })
}

/** Rows with errors first (the server sends them so; kept if it ever does not), then by line. */
export function sortImportRows(rows: readonly ImportRow[]): ImportRow[] {
  return [...rows].sort((a, b) => Number(b.action === 'error') - Number(a.action === 'error') || a.line - b.line)
}

/** The serials an equipment import created or updated: what gets new labels. */
export function importedSerials(result: ImportResult): string[] {
  if (result.kind !== 'equipment' || result.dryRun) return []
  return result.rows.filter((r) => r.action === 'create' || r.action === 'update').map((r) => r.key)
}

export interface ImportColumn {
  /** The API name (what row errors and changes call the column). */
  column: string
  /** The Chinese header the template uses. */
  header: string
  /** Other headers the server takes for this column (docs/csv-import.md). */
  aliases: readonly string[]
  /** What goes in it. */
  note: string
  required: boolean
  example: string
}

/** The columns of each kind, in template order (docs/csv-import.md; the server's import column specs). */
export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  hospitals: [
    { column: 'name', header: '医院名称', aliases: ['医院', '名称'], note: '2–100 个字', required: true, example: '上海市第六人民医院' },
    { column: 'province', header: '省份', aliases: ['省', '省/直辖市'], note: '如 上海市、浙江省', required: true, example: '上海市' },
    { column: 'city', header: '城市', aliases: ['市', '地市'], note: '直辖市填同名', required: true, example: '上海市' },
    { column: 'regionCode', header: '行政区划代码', aliases: ['区划代码', '地区代码'], note: '6 位区县代码（GB/T 2260）', required: true, example: '310104' },
    { column: 'address', header: '地址', aliases: ['详细地址'], note: '街道和门牌号', required: true, example: '宜山路 600 号' },
    { column: 'latitude', header: '纬度', aliases: ['lat'], note: '3～54', required: true, example: '31.176600' },
    { column: 'longitude', header: '经度', aliases: ['lng', 'lon'], note: '73～136', required: true, example: '121.423100' },
    { column: 'serviceTier', header: '服务等级', aliases: ['tier', '等级'], note: 'standard（标准）或 premium（优先）；空：新医院为 standard，已有医院不变', required: false, example: 'premium' },
  ],
  departments: [
    { column: 'hospital', header: '医院', aliases: ['医院名称'], note: '已有医院的名称', required: true, example: '上海市第六人民医院' },
    { column: 'regionCode', header: '行政区划代码', aliases: ['区划代码', '地区代码'], note: '该医院的 6 位区县代码', required: true, example: '310104' },
    { column: 'department', header: '科室', aliases: ['科室名称', 'name'], note: '2–50 个字', required: true, example: '消化内镜中心' },
  ],
  equipment: [
    { column: 'serial', header: '序列号', aliases: ['设备序列号', 'SN', 'serial number', '出厂编号'], note: '3–40 位字母、数字和 -', required: true, example: 'BJ2500001' },
    { column: 'model', header: '型号', aliases: ['设备型号', '型号名称'], note: '已有型号的完整名称', required: true, example: 'QV-G290 电子胃镜' },
    { column: 'hospital', header: '医院', aliases: ['医院名称'], note: '已有医院的名称', required: true, example: '北京东华医院' },
    { column: 'regionCode', header: '行政区划代码', aliases: ['区划代码', '地区代码'], note: '该医院的 6 位区县代码', required: true, example: '110101' },
    { column: 'department', header: '科室', aliases: ['科室名称', '使用科室'], note: '该医院已有的科室；空：不指定科室', required: false, example: '消化内镜中心' },
    {
      column: 'coveredUntil',
      header: '保修截止日期',
      aliases: ['保修截止', '保修到期', '保修到期日', '维保截止日期', 'covered until'],
      note: 'YYYY-MM-DD（也可 YYYY/M/D）；空：未登记',
      required: false,
      example: '2028-12-31',
    },
  ],
}

/** What identifies a row of each kind (an existing match is updated, not duplicated). */
export const IMPORT_KEYS: Record<ImportKind, string> = {
  hospitals: '医院名称 + 行政区划代码',
  departments: '医院 + 行政区划代码 + 科室',
  equipment: '序列号',
}

/** The template: the Chinese header line only (the server takes it), so nothing made up gets imported by mistake. */
export function importTemplateCsv(kind: ImportKind): string {
  return `${IMPORT_COLUMNS[kind].map((c) => c.header).join(',')}\r\n`
}

/** A header as the server matches it: case, spaces, `_`, `-`, brackets and a `*` aside. */
function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s_\-*＊()（）[\]【】]/g, '')
}

/** The column (API name) a header names for this kind, if any. */
export function importColumnOf(kind: ImportKind, header: string): ImportColumn | undefined {
  const key = headerKey(header)
  return IMPORT_COLUMNS[kind].find((c) => [c.column, c.header, ...c.aliases].some((name) => headerKey(name) === key))
}

/** The column names on the first line of a CSV (quotes and spaces dropped). */
export function csvHeader(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? ''
  return first.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim()).filter(Boolean)
}

export interface HeaderCheck {
  /** Required columns of this kind the file does not have. */
  missing: string[]
  /** Columns this kind does not read. */
  unknown: string[]
  /** Another kind the header fits exactly, when it does not fit this one. */
  otherKind: ImportKind | null
}

/** Before the dry run: does the header fit the chosen kind, or does it look like another kind's file? */
export function checkHeader(kind: ImportKind, header: readonly string[]): HeaderCheck {
  const missingOf = (k: ImportKind) => {
    const have = new Set(header.map((h) => importColumnOf(k, h)?.column))
    return IMPORT_COLUMNS[k].filter((c) => c.required && !have.has(c.column)).map((c) => c.header)
  }
  const unknownOf = (k: ImportKind) => header.filter((h) => !importColumnOf(k, h))
  const missing = missingOf(kind)
  const unknown = unknownOf(kind)
  const otherKind =
    missing.length === 0 && unknown.length === 0 ? null : (IMPORT_KINDS.find((k) => k !== kind && missingOf(k).length === 0 && unknownOf(k).length === 0) ?? null)
  return { missing, unknown, otherKind }
}

// ---- QR labels ----

/**
 * POST /admin/equipment/labels, in requests of at most 200: units by id (a
 * selection), then by serial (an import's rows); the labels come back in the
 * order asked, with the serials no unit has.
 */
export async function fetchLabels(ask: { unitIds?: readonly string[]; serials?: readonly string[] }): Promise<{ labels: Label[]; missing: string[] }> {
  const asks = [
    ...[...new Set(ask.unitIds ?? [])].map((id) => ({ unitId: id })),
    ...[...new Set((ask.serials ?? []).map((s) => s.trim()).filter(Boolean))].map((serial) => ({ serial })),
  ].slice(0, MAX_LABELS)
  const labels: Label[] = []
  const missing: string[] = []
  for (let i = 0; i < asks.length; i += LABELS_PER_REQUEST) {
    const chunk = asks.slice(i, i + LABELS_PER_REQUEST)
    const sheet = await requestParsed(LabelSheetSchema, '/admin/equipment/labels', {
      method: 'POST',
      body: {
        unitIds: chunk.flatMap((a) => ('unitId' in a ? [a.unitId] : [])),
        serials: chunk.flatMap((a) => ('serial' in a ? [a.serial] : [])),
      },
      timeoutMs: LABEL_TIMEOUT_MS,
    })
    labels.push(...sheet.labels)
    missing.push(...sheet.missing)
  }
  return { labels, missing }
}

/** Labels in pages of `perPage` (the printed A4 sheets). */
export function labelPages<T>(labels: readonly T[], perPage: number): T[][] {
  const pages: T[][] = []
  for (let i = 0; i < labels.length; i += perPage) pages.push(labels.slice(i, i + perPage))
  return pages
}

/** An SVG document as an <img> source (UTF-8 data URL; `#` and the like escaped). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.trim())}`
}

/**
 * The label's QR as an <img> source that scales to the box it is drawn in:
 * an SVG with only width/height gets the matching viewBox (without one it
 * would be cropped, not scaled, at label size).
 */
export function qrImageSrc(svg: string): string {
  let doc = svg.trim()
  const open = /<svg\b[^>]*>/i.exec(doc)?.[0]
  if (open && !/\sviewBox\s*=/i.test(open)) {
    const width = /\swidth\s*=\s*["']([\d.]+)(?:px)?["']/i.exec(open)?.[1]
    const height = /\sheight\s*=\s*["']([\d.]+)(?:px)?["']/i.exec(open)?.[1]
    if (width && height) doc = doc.replace(open, open.replace(/^<svg\b/i, `<svg viewBox="0 0 ${width} ${height}"`))
  }
  return svgDataUrl(doc)
}

/**
 * The units to print travel from the directory or the import page to the
 * labels page through storage (two hundred ids do not fit in a URL): the
 * caller stores the request under a fresh token and opens `?req=<token>`.
 * Reloading the labels page finds the same request again.
 */
const LABEL_REQUEST_KEY = 'scopedesk.admin.labelRequest'
const LabelRequestSchema = z.object({
  token: z.string(),
  unitIds: z.array(z.string()).default([]),
  serials: z.array(z.string()).default([]),
  from: z.enum(['directory', 'import', 'manual']),
  savedAt: z.number(),
})
export type LabelRequest = z.infer<typeof LabelRequestSchema>

export function stashLabelRequest(request: { unitIds?: string[]; serials?: string[]; from: LabelRequest['from'] }, now = Date.now()): string {
  const token = `${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`
  const value: LabelRequest = { token, unitIds: request.unitIds ?? [], serials: request.serials ?? [], from: request.from, savedAt: now }
  Taro.setStorageSync(LABEL_REQUEST_KEY, JSON.stringify(value))
  return token
}

/** The stored request: the one with this token, or (no token) the last one. */
export function readLabelRequest(token?: string): LabelRequest | null {
  let raw: unknown
  try {
    raw = Taro.getStorageSync(LABEL_REQUEST_KEY)
  } catch {
    return null
  }
  if (typeof raw !== 'string' || !raw) return null
  let parsed: ReturnType<typeof LabelRequestSchema.safeParse>
  try {
    parsed = LabelRequestSchema.safeParse(JSON.parse(raw))
  } catch {
    return null
  }
  if (!parsed.success) return null
  if (token !== undefined && parsed.data.token !== token) return null
  return parsed.data
}

/** Serials typed or pasted by hand: one per line, or separated by commas, spaces or 、. */
export function parseSerialList(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))]
}

// ---- messages ----

export type DirectoryThing = 'hospital' | 'department' | 'model' | 'unit' | 'dealer' | 'staff'

const CONFLICT_MESSAGES: Record<DirectoryThing, string> = {
  hospital: '已有同名医院（名称和行政区划代码相同），请检查后再保存',
  department: '该医院已有同名科室',
  model: '已有同名型号',
  unit: '该序列号已登记在其他设备上',
  dealer: '已有同名经销商',
  staff: '该手机号已有账号，不能重复创建',
}

const NOT_FOUND_MESSAGES: Record<DirectoryThing, string> = {
  hospital: '医院不存在或已被删除，请刷新列表',
  department: '科室不存在或已被删除，请刷新',
  model: '型号不存在，请刷新列表',
  unit: '设备不存在或已被删除，请刷新列表',
  dealer: '经销商不存在，请刷新列表',
  staff: '经销商不存在，请刷新列表',
}

/** The Chinese message for a failed save (field errors are shown under their fields). */
export function saveMessage(thing: DirectoryThing, err: unknown): string {
  if (isApiError(err) && err.code === 'CONFLICT') return CONFLICT_MESSAGES[thing]
  if (isApiError(err) && err.code === 'NOT_FOUND') return NOT_FOUND_MESSAGES[thing]
  if (isApiError(err) && err.code === 'IDEMPOTENCY_CONFLICT') return '该内容已提交过，请刷新列表查看'
  return messageOf(err)
}

/** The Chinese message for a failed import (dry run or apply). */
export function importMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return '文件过大（最多约 2,000 行），请拆分后分批导入'
  if (isApiError(err) && err.code === 'VALIDATION_FAILED') {
    const first = err.fieldErrors.find((e) => /[\u4e00-\u9fa5]/.test(e.message))
    if (first) return first.message
    return '文件内容无法识别，请确认是逗号分隔的 CSV 文件，第一行是列名'
  }
  if (isApiError(err) && err.code === 'CONFLICT') return '导入时数据发生冲突（如标签码已被其他设备占用，或有人同时保存了同一序列号），没有写入任何内容，请重新检查后再导入'
  if (isApiError(err) && err.code === 'SERVICE_UNAVAILABLE') return '网络不可用或导入超时，请稍后重试（文件已保留，无需重新选择）'
  return messageOf(err)
}
