import { z } from 'zod'
import { DepartmentItemSchema, HospitalItemSchema, type DepartmentItem, type HospitalItem } from '@shared/schemas/directory.schema'
import { requestParsed } from './http'

const HospitalListSchema = z.object({ items: z.array(HospitalItemSchema) })
const DepartmentListSchema = z.object({ items: z.array(DepartmentItemSchema) })

export interface HospitalSearch {
  q?: string
  /** Used once to order by distance; never stored on either side. */
  near?: { latitude: number; longitude: number }
  limit?: number
}

export async function searchHospitals({ q, near, limit = 20 }: HospitalSearch): Promise<HospitalItem[]> {
  const result = await requestParsed(HospitalListSchema, '/hospitals', {
    query: {
      q: q?.trim() || undefined,
      near: near ? `${near.latitude.toFixed(5)},${near.longitude.toFixed(5)}` : undefined,
      limit,
    },
  })
  return result.items
}

export async function listDepartments(hospitalId: string): Promise<DepartmentItem[]> {
  const result = await requestParsed(DepartmentListSchema, `/hospitals/${encodeURIComponent(hospitalId)}/departments`)
  return result.items
}
