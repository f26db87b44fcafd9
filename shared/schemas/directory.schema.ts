import { z } from 'zod';

export const HospitalQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  /** `lat,lng`, used once to order by distance and never stored. */
  near: z
    .string()
    .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'near 应为 "纬度,经度"')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const HospitalItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  address: z.string(),
  /** Present when the query had `near`. */
  distanceKm: z.number().optional(),
});
export type HospitalItem = z.infer<typeof HospitalItemSchema>;

export const DepartmentItemSchema = z.object({ id: z.string(), name: z.string() });
export type DepartmentItem = z.infer<typeof DepartmentItemSchema>;
