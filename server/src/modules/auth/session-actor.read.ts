import type { EntityManager } from '@mikro-orm/core';
import type { Role, StaffTier } from '../../../../shared/permissions';
import type { UserStatus } from '../../../../shared/schemas/me.schema';
import type { ConsentPurpose } from '../../../../shared/schemas/privacy.schema';
import { toBool, toDate, toDateOrNull, toJson } from '../../db/sql-values';
import type { User } from '../users/user.entity';

/**
 * The signed-in user's own columns as one request sees them: plain values
 * read together with the session, never a managed entity (building one per
 * request is most of the ORM's cost, stack-notes.md). Code that changes the
 * user loads the entity with `actor.loadUser()`.
 */
export interface ActorUser {
  readonly id: string;
  readonly status: UserStatus;
  readonly role: Role;
  readonly tier: StaffTier | null;
  readonly hospitalId: string | null;
  readonly departmentId: string | null;
  readonly dealerId: string | null;
  readonly phoneSealed: string | null;
  readonly openidSealed: string | null;
  readonly nameSealed: string | null;
  readonly positionSealed: string | null;
  readonly titleSealed: string | null;
  readonly genderSealed: string | null;
  readonly badgeFileId: string | null;
  readonly consentedPolicyVersion: string | null;
  readonly consentPurposes: ConsentPurpose[];
  readonly adultConfirmedAt: Date | null;
  readonly rejectionReason: string | null;
}

export interface SessionActorRow {
  session: { id: string; lastUsedAt: Date; idleExpiresAt: Date; absoluteExpiresAt: Date; revokedAt: Date | null };
  user: ActorUser;
  purgedAt: Date | null;
  disabledAt: Date | null;
  /** A material policy version was published after the one the user accepted. */
  reconsentPending: boolean;
  /** Active grants of an advanced staff member (none for anyone else), as the ticket policy needs them. */
  managedDepartmentIds: string[];
}

/**
 * Session, user, the re-consent check and the managed departments in one
 * statement: one row per managed department (at least one row), so no
 * dialect-specific aggregation is needed. Revoked and expired sessions are
 * returned too; the caller decides (sessions.service.ts).
 */
const SESSION_ACTOR_SQL = `
select s.id as session_id, s.last_used_at, s.idle_expires_at, s.absolute_expires_at, s.revoked_at,
       u.id as user_id, u.status, u.role, u.tier, u.hospital_id, u.department_id, u.dealer_id,
       u.phone_sealed, u.openid_sealed, u.name_sealed, u.position_sealed, u.title_sealed, u.gender_sealed,
       u.badge_file_id, u.consented_policy_version, u.consent_purposes, u.adult_confirmed_at, u.rejection_reason,
       u.purged_at, u.disabled_at,
       exists (select 1 from policy_version p
                where p.material = ? and p.published_at > (select q.published_at from policy_version q where q.version = u.consented_policy_version)) as reconsent,
       m.department_id as managed_department_id
  from user_session s
  join app_user u on u.id = s.user_id
  left join managed_department m on m.user_id = u.id and m.revoked_at is null and u.tier = 'advanced'
 where s.token_hash = ?`;

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function actorUserOf(r: Row): ActorUser {
  return {
    id: String(r.user_id),
    status: r.status as UserStatus,
    role: r.role as Role,
    tier: (r.tier as StaffTier | null) ?? null,
    hospitalId: str(r.hospital_id),
    departmentId: str(r.department_id),
    dealerId: str(r.dealer_id),
    phoneSealed: str(r.phone_sealed),
    openidSealed: str(r.openid_sealed),
    nameSealed: str(r.name_sealed),
    positionSealed: str(r.position_sealed),
    titleSealed: str(r.title_sealed),
    genderSealed: str(r.gender_sealed),
    badgeFileId: str(r.badge_file_id),
    consentedPolicyVersion: str(r.consented_policy_version),
    consentPurposes: toJson<ConsentPurpose[]>(r.consent_purposes) ?? [],
    adultConfirmedAt: toDateOrNull(r.adult_confirmed_at),
    rejectionReason: str(r.rejection_reason),
  };
}

export async function readSessionActor(em: EntityManager, tokenHash: string): Promise<SessionActorRow | null> {
  const rows = (await em.getConnection().execute(SESSION_ACTOR_SQL, [true, tokenHash])) as Row[];
  const r = rows[0];
  if (!r) return null;
  return {
    session: {
      id: String(r.session_id),
      lastUsedAt: toDate(r.last_used_at),
      idleExpiresAt: toDate(r.idle_expires_at),
      absoluteExpiresAt: toDate(r.absolute_expires_at),
      revokedAt: toDateOrNull(r.revoked_at),
    },
    user: actorUserOf(r),
    purgedAt: toDateOrNull(r.purged_at),
    disabledAt: toDateOrNull(r.disabled_at),
    reconsentPending: toBool(r.reconsent),
    managedDepartmentIds: [...new Set(rows.map((x) => str(x.managed_department_id)).filter((x): x is string => x !== null))],
  };
}

/** The same plain shape from a loaded entity, for code that changed the user in this request and shows the result. */
export function actorUserFromEntity(user: User): ActorUser {
  return {
    id: user.id,
    status: user.status,
    role: user.role,
    tier: user.tier ?? null,
    hospitalId: user.hospital?.id ?? null,
    departmentId: user.department?.id ?? null,
    dealerId: user.dealer?.id ?? null,
    phoneSealed: user.phoneSealed ?? null,
    openidSealed: user.openidSealed ?? null,
    nameSealed: user.nameSealed ?? null,
    positionSealed: user.positionSealed ?? null,
    titleSealed: user.titleSealed ?? null,
    genderSealed: user.genderSealed ?? null,
    badgeFileId: user.badgeFileId ?? null,
    consentedPolicyVersion: user.consentedPolicyVersion ?? null,
    consentPurposes: user.consentPurposes,
    adultConfirmedAt: user.adultConfirmedAt ?? null,
    rejectionReason: user.rejectionReason ?? null,
  };
}
