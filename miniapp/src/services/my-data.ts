import { z } from 'zod'
import { MyDataSchema, type MyData } from '@shared/schemas/export.schema'
import { MeSchema, ProfilePatchSchema, type Me } from '@shared/schemas/me.schema'
import type { SmsSendResult } from '@shared/schemas/auth.schema'
import { sendSmsCode } from './auth'
import { requestParsed } from './http'

export type { MyData }

/** PATCH /me's body (shared ProfilePatchSchema: a new hospital needs one of its departments). */
export const ProfileCorrectionSchema = ProfilePatchSchema
export type ProfilePatch = z.input<typeof ProfilePatchSchema>

/** GET /me/data: everything held about me, each list the newest `listCap` with its total. */
export function getMyData(): Promise<MyData> {
  return requestParsed(MyDataSchema, '/me/data')
}

/** The path of the export file (GET /me/export: JSON, a `Content-Disposition` with its Chinese name). */
export const MY_DATA_EXPORT_PATH = '/me/export'

const pad = (n: number) => String(n).padStart(2, '0')

/** `scopedesk-我的数据-20261122.json` (Beijing date): the name when the server gives none. */
export function exportFileName(now: number = Date.now()): string {
  const d = new Date(now + 8 * 3600 * 1000)
  return `scopedesk-我的数据-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}.json`
}

/**
 * PATCH /me: correct one's own profile (name, position, title, gender;
 * staff also hospital and department). Only the changed fields are sent; the
 * server answers with the new /me — a new hospital or department sends an
 * active account back to admin review (`status: pending`).
 */
export function updateProfile(patch: ProfilePatch): Promise<Me> {
  return requestParsed(MeSchema, '/me', { method: 'PATCH', body: patch })
}

/** The fields of `next` that differ from `current` (title: blank means none; a new hospital carries its department). */
export function profileChanges(
  current: { name: string | null; position: string | null; title: string | null; gender: Me['profile']['gender']; hospitalId: string | null; departmentId: string | null },
  next: { name: string; position: string; title: string; gender: Me['profile']['gender']; hospitalId: string | null; departmentId: string | null },
): ProfilePatch {
  const patch: ProfilePatch = {}
  if (next.name.trim() !== (current.name ?? '')) patch.name = next.name.trim()
  if (next.position.trim() !== (current.position ?? '')) patch.position = next.position.trim()
  const title = next.title.trim()
  if (title !== (current.title ?? '')) patch.title = title === '' ? null : title
  if (next.gender && next.gender !== current.gender) patch.gender = next.gender
  const newHospital = Boolean(next.hospitalId) && next.hospitalId !== current.hospitalId
  if (newHospital && next.hospitalId) patch.hospitalId = next.hospitalId
  if (next.departmentId && (newHospital || next.departmentId !== current.departmentId)) patch.departmentId = next.departmentId
  return patch
}

/** A `change_phone` code, sent to the NEW number (it proves the person holds it). */
export function sendNewPhoneCode(phone: string): Promise<SmsSendResult> {
  return sendSmsCode(phone, 'change_phone')
}

/**
 * POST /me/phone `{phone, code}`: switch the login number to the new,
 * verified one; the person's other sessions end, this one goes on. 409: the
 * number belongs to another account.
 */
export function changePhone(phone: string, code: string): Promise<Me> {
  return requestParsed(MeSchema, '/me/phone', { method: 'POST', body: { phone: phone.trim(), code: code.trim() } })
}
