import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ConsentPurpose } from '../../../../shared/schemas/privacy.schema';
import { USER_STATUSES } from '../../../../shared/schemas/me.schema';
import { ROLES, STAFF_TIERS } from '../../../../shared/permissions';
import { baseProperties } from '../../db/base.entity';
import { DealerSchema } from '../dealers/dealer.entity';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';


/**
 * A person who signed in. Every personal field is sealed (`*Sealed`, see
 * core/pii/field-cipher.ts); phone and OpenID are found by blind index.
 * Consent state is kept here as well as in the append-only consent log, so
 * the per-request consent gate needs no extra query.
 */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    ...baseProperties(),
    status: p.enum([...USER_STATUSES]).default('unregistered'),
    role: p.enum([...ROLES]).default('staff'),
    tier: p.enum([...STAFF_TIERS]).nullable(),
    phoneSealed: p.text().nullable(),
    phoneIndex: p.string().length(64).nullable().unique(),
    openidSealed: p.text().nullable(),
    openidIndex: p.string().length(64).nullable().unique(),
    nameSealed: p.text().nullable(),
    /** Blind index of the full name, so admins can find a person by name without decrypting everyone. */
    nameIndex: p.string().length(64).nullable().index(),
    positionSealed: p.text().nullable(),
    titleSealed: p.text().nullable(),
    genderSealed: p.text().nullable(),
    hospital: p.manyToOne(HospitalSchema).nullable().index(),
    department: p.manyToOne(DepartmentSchema).nullable().index(),
    badgeFileId: p.uuid().nullable(),
    dealer: p.manyToOne(DealerSchema).nullable().index(),
    registeredAt: p.datetime().nullable(),
    decidedAt: p.datetime().nullable(),
    decidedById: p.uuid().nullable(),
    rejectionReason: p.string().length(200).nullable(),
    consentedPolicyVersion: p.string().length(20).nullable(),
    consentPurposes: p.json<ConsentPurpose[]>().onCreate(() => []),
    adultConfirmedAt: p.datetime().nullable(),
    /** Account cancellation (status `cancelling`): when asked, and when the purge job may delete the personal data. */
    cancellationRequestedAt: p.datetime().nullable(),
    purgeAfter: p.datetime().nullable().index(),
    /** What `status` was before cancelling, restored when the person undoes it during the grace period. */
    statusBeforeCancellation: p.string().length(20).nullable(),
    /** Set by the purge: the row is an anonymous shell that records which tickets, ratings and orders belonged together. */
    purgedAt: p.datetime().nullable(),
    /** Disabled by an admin: sessions revoked, sign-in and requests refused until enabled again. Orthogonal to `status`. */
    disabledAt: p.datetime().nullable(),
    disabledReason: p.string().length(200).nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type User = InferEntity<typeof UserSchema>;
