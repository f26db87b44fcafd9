import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { readSessionActor, type SessionActorRow } from './session-actor.read';
import { SessionSchema, type Session } from './session.entity';

/** Idle and absolute lifetimes: a phone in a busy department stays signed in for a working fortnight. */
export const SESSION_IDLE_MS = 14 * 24 * 3600_000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600_000;
/** Sliding the idle expiry costs a write; do it at most this often per session. */
const TOUCH_EVERY_MS = 5 * 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new 256-bit token for every sign-in; only its hash is kept (decision 003). */
export function createSession(em: EntityManager, userId: string, now: Date): { token: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  const absoluteExpiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const idleExpiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absoluteExpiresAt.getTime()));
  em.create(SessionSchema, { userId, tokenHash: hashToken(token), lastUsedAt: now, idleExpiresAt, absoluteExpiresAt });
  return { token, expiresAt: idleExpiresAt };
}

/**
 * The live session behind a bearer token with its user, as plain columns in
 * one statement (session-actor.read.ts); null when unknown, revoked or
 * expired. Nothing is cached between requests: a revocation, a disable, a
 * role change or a withdrawn grant is seen by the very next request
 * (decision 014).
 */
export async function resolveSession(em: EntityManager, token: string, now: Date): Promise<SessionActorRow | null> {
  const found = await readSessionActor(em, hashToken(token));
  const s = found?.session;
  if (!found || !s || s.revokedAt || s.idleExpiresAt <= now || s.absoluteExpiresAt <= now) return null;
  return found;
}

/** Slides the idle expiry, at most every few minutes per session (a write per request would cost more than the read). */
export async function touchSession(em: EntityManager, session: SessionActorRow['session'], now: Date): Promise<void> {
  if (now.getTime() - session.lastUsedAt.getTime() <= TOUCH_EVERY_MS) return;
  const idleExpiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
  await em.nativeUpdate(SessionSchema, { id: session.id }, { lastUsedAt: now, idleExpiresAt });
}

export function revokeSession(session: Session, now: Date): void {
  session.revokedAt = now;
}

/** Every session of a user ends now (cancellation, admin action, phone change). */
export async function revokeAllSessions(em: EntityManager, userId: string, now: Date): Promise<void> {
  await em.nativeUpdate(SessionSchema, { userId, revokedAt: null }, { revokedAt: now });
}

/**
 * Ends a user's live sessions now and says how many there were (admin
 * revocation, disabling). Expired sessions are left as they are: they can
 * never come back to life (the idle expiry only slides on a live request,
 * and never past the absolute one), so they are not counted as revoked.
 */
export async function revokeLiveSessions(em: EntityManager, userId: string, now: Date): Promise<number> {
  return em.nativeUpdate(SessionSchema, { userId, revokedAt: null, idleExpiresAt: { $gt: now }, absoluteExpiresAt: { $gt: now } }, { revokedAt: now });
}
