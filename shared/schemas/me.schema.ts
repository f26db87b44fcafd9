import { z } from 'zod';
import { PERMISSIONS, ROLES, STAFF_TIERS } from '../permissions';
import { CONSENT_PURPOSES } from './privacy.schema';

export const USER_STATUSES = ['unregistered', 'pending', 'active', 'rejected', 'cancelling'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const GENDERS = ['male', 'female', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

export const ProfileSchema = z.object({
  name: z.string().nullable(),
  /** Masked unless the caller is the owner: 138****0004. */
  phone: z.string().nullable(),
  hospital: z.object({ id: z.string(), name: z.string() }).nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  position: z.string().nullable(),
  title: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  hasBadge: z.boolean(),
  wechatBound: z.boolean(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ConsentStateSchema = z.object({
  policyVersion: z.string().nullable(),
  /** True when a newer material policy version needs the user's consent before anything else. */
  reconsentRequired: z.boolean(),
  purposes: z.array(z.enum(CONSENT_PURPOSES)),
  adult: z.boolean(),
});

export const MeSchema = z.object({
  id: z.string(),
  status: z.enum(USER_STATUSES),
  roles: z.array(z.enum(ROLES)),
  tier: z.enum(STAFF_TIERS).nullable(),
  managedDepartments: z.array(z.object({ id: z.string(), name: z.string() })),
  permissions: z.array(z.enum(PERMISSIONS)),
  profile: ProfileSchema,
  consents: ConsentStateSchema,
  /** Set when an admin rejected the registration. */
  rejectionReason: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/** Profile fields a user may correct (never role, tier, status). Phone changes need an SMS code. */
export const ProfilePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(30).optional(),
    position: z.string().trim().min(1).max(30).optional(),
    title: z.string().trim().max(30).nullable().optional(),
    gender: z.enum(GENDERS).optional(),
    departmentId: z.string().uuid().optional(),
    /** A change of hospital comes with one of its departments; an active member of staff goes back to admin review. */
    hospitalId: z.string().uuid().optional(),
  })
  .strict()
  .refine((b) => b.hospitalId === undefined || b.departmentId !== undefined, { path: ['departmentId'], message: '更换医院时请同时选择新医院的科室' });
