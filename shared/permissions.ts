/**
 * The permission vocabulary. Every API route declares either `public` or one
 * of these; the role → permission table arrives with the access-tier work
 * (access-matrix.md) and lives beside this list so the mini-program can hide
 * what a user cannot use. The server is the only enforcer.
 */
export const PERMISSIONS = [
  'profile.self',
  'tickets.read',
  'tickets.create',
  'tickets.transition',
  'tickets.assign',
  'tickets.delegate',
  'tickets.comment',
  'tickets.rate',
  'chat.use',
  'library.read',
  'library.write',
  'points.self',
  'gifts.redeem',
  'access.request',
  'admin.registrations',
  'admin.access',
  'admin.directory',
  'admin.gifts',
  'admin.points',
  'admin.privacy',
  'admin.audit',
  'admin.jobs',
  'admin.dashboard',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['staff', 'engineer', 'dealer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_TIERS = ['general', 'advanced'] as const;
export type StaffTier = (typeof STAFF_TIERS)[number];

/** What a route requires: no session at all, or a session whose role grants a permission. */
export type RouteAccess = { public: true } | { permission: Permission };
