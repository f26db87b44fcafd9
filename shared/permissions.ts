/**
 * The permission vocabulary. Every API route declares either `public` or one
 * of these; the role → permission table arrives with the access-tier work
 * (access-matrix.md) and lives beside this list so the mini-program can hide
 * what a user cannot use. The server is the only enforcer.
 */
export const PERMISSIONS = [
  'profile.self',
  'files.upload',
  'files.read',
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

const STAFF: Permission[] = [
  // tickets.transition: the reporter may cancel their own ticket before it is accepted (the record policy decides).
  'profile.self', 'files.upload', 'files.read', 'tickets.read', 'tickets.create', 'tickets.transition', 'tickets.comment', 'tickets.rate',
  'chat.use', 'library.read', 'points.self', 'gifts.redeem', 'access.request',
];
const ENGINEER: Permission[] = [
  'profile.self', 'files.upload', 'files.read', 'tickets.read', 'tickets.transition', 'tickets.assign', 'tickets.delegate',
  'tickets.comment', 'chat.use', 'library.read',
];
const DEALER: Permission[] = ['profile.self', 'files.upload', 'files.read', 'tickets.read', 'tickets.comment', 'library.read'];

/** Role → what it may ever do (access-matrix.md). Record policies narrow it per record. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  staff: STAFF,
  engineer: ENGINEER,
  dealer: DEALER,
  admin: PERMISSIONS,
};

/**
 * Until an admin approves the registration a person may only see and correct
 * their own profile, use the privacy centre, upload their badge and cancel.
 */
const NOT_YET_ACTIVE: Permission[] = ['profile.self', 'files.upload', 'files.read'];

export function permissionsFor(user: { status: string; roles: readonly Role[] }): Permission[] {
  if (user.status !== 'active') return [...NOT_YET_ACTIVE];
  const granted = new Set<Permission>();
  for (const role of user.roles) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}

/** What a route requires: no session at all, or a session whose role grants a permission. */
export type RouteAccess = { public: true } | { permission: Permission };
