import type { EntityManager } from '@mikro-orm/core';
import type { ConsentPurpose } from '../../../../shared/schemas/privacy.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError } from '../../core/errors';
import { StoredFileSchema } from '../files/stored-file.entity';
import { UserSchema, type User } from '../users/user.entity';

/**
 * What withdrawing a separate consent does beyond refusing new processing
 * (privacy.md, "Withdrawal as easy as granting"; PIPL Art. 15, 47):
 *
 * - `fault_media`: uploads and attaching media are refused at the upload and
 *   at use (files.service, ticket services: `requirePurpose`). Nothing here.
 * - `location`: the nearest-hospital search refuses (hospitals.routes).
 * - `dealer_sharing`: dealers stop seeing the reporter's tickets — the
 *   visibility query itself requires the reporter's consent
 *   (tickets.read.ts, `delegatedTo`) — and new delegations of their tickets
 *   are refused (`assertReporterSharesWithDealers`). Re-granting restores
 *   both; delegations are not ended, so a re-grant brings the dealer's view back.
 * - `badge_photo`: the badge is deleted once the registration review no
 *   longer needs it — at once when decided, at the decision when pending
 *   (`discardWithdrawnBadge`, called after a withdrawal and after a decision).
 *
 * These live beside the cancellation purge because they share its file
 * deletion; they are called from the modules that own the processing.
 */

/** The reporter's consent to giving their ticket data to entrusted dealers, read fresh. */
export async function userConsentsTo(em: EntityManager, userId: string, purpose: ConsentPurpose): Promise<boolean> {
  const user = await em.findOne(UserSchema, { id: userId });
  return Boolean(user && !user.purgedAt && user.consentPurposes.includes(purpose));
}

/** A delegation gives the reporter's data to a dealer (Art. 23): only with their separate consent. */
export async function assertReporterSharesWithDealers(em: EntityManager, reporterId: string): Promise<void> {
  if (!(await userConsentsTo(em, reporterId, 'dealer_sharing'))) {
    throw new ConflictError('报修人未同意（或已撤回同意）向受托经销商提供工单信息，不能委托给经销商');
  }
}

/** The badge the admin is reviewing: still needed until the decision (also while a pending registration is being cancelled). */
export function badgeUnderReview(user: Pick<User, 'status' | 'statusBeforeCancellation'>): boolean {
  return user.status === 'pending' || (user.status === 'cancelling' && user.statusBeforeCancellation === 'pending');
}

/** Deletes stored files: bytes from storage and their rows. Inside the caller's transaction, so a storage failure rolls the change back. */
export async function deleteStoredFiles(deps: AppDeps, em: EntityManager, files: { id: string; storageKey: string }[]): Promise<number> {
  if (!files.length) return 0;
  for (const file of files) await deps.storage.delete(file.storageKey);
  return em.nativeDelete(StoredFileSchema, { id: { $in: files.map((f) => f.id) } });
}

/**
 * When `badge_photo` is not (or no longer) consented to, deletes the
 * person's badge uploads — all of them, except the one a pending
 * registration is being reviewed with. Returns how many were deleted.
 */
export async function discardWithdrawnBadge(deps: AppDeps, em: EntityManager, user: User): Promise<number> {
  if (user.consentPurposes.includes('badge_photo')) return 0;
  const keep = badgeUnderReview(user) ? (user.badgeFileId ?? null) : null;
  const files = await em.find(StoredFileSchema, { ownerId: user.id, purpose: 'badge', ...(keep ? { id: { $ne: keep } } : {}) });
  const deleted = await deleteStoredFiles(deps, em, files);
  if (user.badgeFileId && user.badgeFileId !== keep) {
    await em.nativeUpdate(UserSchema, { id: user.id }, { badgeFileId: null });
    user.badgeFileId = null;
  }
  return deleted;
}

/** After a consent is withdrawn, in the withdrawal's transaction: what must go at once. */
export async function afterConsentWithdrawn(deps: AppDeps, em: EntityManager, user: User, purpose: ConsentPurpose): Promise<void> {
  if (purpose === 'badge_photo') await discardWithdrawnBadge(deps, em, user);
}

/** After an admin approved or rejected a registration: a badge whose consent was withdrawn during the review goes now. */
export async function afterRegistrationDecision(deps: AppDeps, em: EntityManager, user: User): Promise<void> {
  if (user.consentPurposes.includes('badge_photo')) return;
  await em.transactional((tx) => discardWithdrawnBadge(deps, tx, user));
}
