import type { AdminGiftView } from '../../../../services/admin-gifts'
import type { FieldErrors } from '../../../../utils/form'

/** An image of the gift in the form: already stored (id), or being uploaded from a local path. */
export interface GiftImageItem {
  key: string
  /** The stored file id once uploaded. */
  id?: string
  /** What the thumbnail shows: the server URL, or the local path while uploading. */
  src: string
  /** The local file (a temp path or blob: URL), kept to retry a failed upload. */
  localPath?: string
  state: 'uploading' | 'done' | 'failed'
  message?: string
}

/**
 * The edit form as typed: numbers stay text until validated, so nothing the
 * admin typed is lost or rewritten while they type, and a failed save keeps it all.
 */
export interface GiftForm {
  name: string
  description: string
  pointsPrice: string
  valueYuan: string
  perPersonLimit: string
  /** Only when creating: later, stock moves through 库存调整. */
  stock: string
  active: boolean
  /** `YYYY-MM-DD` (Asia/Shanghai) or '' for no limit. */
  activeFrom: string
  activeUntil: string
  images: GiftImageItem[]
}

export const EMPTY_FORM: GiftForm = {
  name: '',
  description: '',
  pointsPrice: '',
  valueYuan: '',
  perPersonLimit: '1',
  stock: '',
  active: true,
  activeFrom: '',
  activeUntil: '',
  images: [],
}

/** For fields whose schema has no Chinese message for a missing or non-numeric value. */
export const FALLBACK: FieldErrors = {
  name: '请填写礼品名称',
  description: '礼品介绍不能超过 300 个字',
  pointsPrice: '请填写兑换所需积分（正整数）',
  valueYuan: '请填写礼品价值（整数，单位元）',
  perPersonLimit: '请填写每人限兑数量（1–100 的整数）',
  stock: '请填写初始库存（不小于 0 的整数）',
  active: '请选择是否上架',
  activeFrom: '上架日期无效',
  activeUntil: '下架日期无效',
  imageIds: '图片有误，请重新上传',
}

const SHANGHAI_MS = 8 * 3600_000

/** `2026-11-23` in Asia/Shanghai for an ISO time from the API ('' for none). */
export function shanghaiDate(iso: string | null): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? '' : new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10)
}

/** On the shelf from the start of the day… */
const dayStart = (date: string) => (date ? `${date}T00:00:00.000+08:00` : null)
/** …until the end of the last day (the day picked is included). */
const dayEnd = (date: string) => (date ? `${date}T23:59:59.999+08:00` : null)

/** '' → undefined (the schema says 必填), else the number (NaN and decimals fail with the schema's message). */
function num(text: string): number | undefined {
  const t = text.trim()
  return t === '' ? undefined : Number(t)
}

export function formOf(gift: AdminGiftView): GiftForm {
  return {
    name: gift.name,
    description: gift.description,
    pointsPrice: String(gift.pointsPrice),
    valueYuan: String(gift.valueYuan),
    perPersonLimit: String(gift.perPersonLimit),
    stock: String(gift.stock),
    active: gift.active,
    activeFrom: shanghaiDate(gift.activeFrom),
    activeUntil: shanghaiDate(gift.activeUntil),
    images: gift.images.map((img) => ({ key: img.id, id: img.id, src: img.url, state: 'done' as const })),
  }
}

/**
 * What the schema checks and the server receives: the whole form (on an
 * existing gift too, where the server applies the fields sent). A date whose
 * day is unchanged keeps its stored time, so saving never moves a window set elsewhere.
 */
export function candidateOf(form: GiftForm, original: AdminGiftView | null): Record<string, unknown> {
  const keepTime = (date: string, iso: string | null, make: (d: string) => string | null) => (iso && shanghaiDate(iso) === date ? iso : make(date))
  const fields: Record<string, unknown> = {
    name: form.name,
    description: form.description,
    pointsPrice: num(form.pointsPrice),
    valueYuan: num(form.valueYuan),
    perPersonLimit: num(form.perPersonLimit),
    active: form.active,
    activeFrom: original ? keepTime(form.activeFrom, original.activeFrom, dayStart) : dayStart(form.activeFrom),
    activeUntil: original ? keepTime(form.activeUntil, original.activeUntil, dayEnd) : dayEnd(form.activeUntil),
    imageIds: form.images.flatMap((i) => (i.state === 'done' && i.id ? [i.id] : [])),
  }
  if (!original) fields.stock = num(form.stock)
  return fields
}

/** What decides whether the form has unsaved changes. */
export function snapshot(form: GiftForm): string {
  return JSON.stringify([
    form.stock,
    form.name,
    form.description,
    form.pointsPrice,
    form.valueYuan,
    form.perPersonLimit,
    form.active,
    form.activeFrom,
    form.activeUntil,
    form.images.map((i) => i.id ?? i.key),
  ])
}
