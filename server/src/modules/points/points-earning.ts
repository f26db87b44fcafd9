import type { EntityManager } from '@mikro-orm/core';
import type { EarningReason } from '../../../../shared/schemas/points.schema';
import type { AppDeps } from '../../app-deps';
import { lockAccount, post, type Posting } from './points-ledger';
import { PointsEntrySchema } from './points-entry.entity';
import { shanghaiDayStart, shanghaiYearStart } from './shanghai-time';

export interface Earning {
  /** The person earning, with their role as it is in this transaction (approval sets it just before). */
  user: { id: string; role: string };
  reason: EarningReason;
  reference: string;
  idempotencyKey: string;
}

/**
 * Earns points for an event, in the event's own transaction so the two
 * commit together: never lost, and the idempotency key makes a retried
 * event earn once. Only staff earn. Past a cap the earning is skipped and
 * logged, not an error: the event itself still happens. Returns null when
 * nothing was (or had been) earned.
 */
export async function earn(deps: AppDeps, tx: EntityManager, now: Date, earning: Earning): Promise<Posting | null> {
  if (earning.user.role !== 'staff') return null;
  const rule = deps.env.POINTS_RULES[earning.reason];
  if (rule.points <= 0) return null;
  const existing = await tx.findOne(PointsEntrySchema, { idempotencyKey: earning.idempotencyKey });
  if (existing) return { entry: existing, created: false };
  // Counted under the account's row lock: two simultaneous earnings cannot both slip under a cap.
  await lockAccount(tx, earning.user.id, now);
  const mine = { userId: earning.user.id, reason: earning.reason };
  const today = await tx.count(PointsEntrySchema, { ...mine, createdAt: { $gte: shanghaiDayStart(now) } });
  const thisYear = today >= rule.perDay ? today : await tx.count(PointsEntrySchema, { ...mine, createdAt: { $gte: shanghaiYearStart(now) } });
  if (today >= rule.perDay || thisYear >= rule.perYear) {
    deps.logger.info({ userId: earning.user.id, reason: earning.reason, today, thisYear, rule }, 'points earning skipped: cap reached');
    return null;
  }
  return post(tx, now, { userId: earning.user.id, delta: rule.points, reason: earning.reason, reference: earning.reference, idempotencyKey: earning.idempotencyKey });
}
