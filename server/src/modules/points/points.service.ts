import type { EntityManager } from '@mikro-orm/core';
import {
  EARNING_REASONS,
  type PointsAdjustment,
  type PointsEntryView,
  type PointsLedgerPage,
  type PointsReason,
  type PointsSummary,
  type Reconciliation,
} from '../../../../shared/schemas/points.schema';
import type { AppDeps } from '../../app-deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { valueThisYear } from '../redemptions/order-totals';
import { UserSchema } from '../users/user.entity';
import { PointsEntrySchema, type PointsEntry } from './points-entry.entity';
import { balanceIn, post } from './points-ledger';
import { shanghaiYearStart } from './shanghai-time';

function entryView(e: PointsEntry): PointsEntryView {
  return {
    id: e.id,
    delta: e.delta,
    balanceAfter: e.balanceAfter,
    reason: e.reason as PointsReason,
    reference: e.reference ?? null,
    note: e.note ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

/** My balance, what I earned this (Shanghai) year, and the rules that cap earning. */
export async function pointsSummary(deps: AppDeps, em: EntityManager, actor: Actor): Promise<PointsSummary> {
  const now = deps.clock.now();
  const earned = await em.find(
    PointsEntrySchema,
    { userId: actor.userId, reason: { $in: [...EARNING_REASONS] }, createdAt: { $gte: shanghaiYearStart(now) } },
    { fields: ['delta'] },
  );
  return {
    balance: await balanceIn(em, actor.userId),
    earnedThisYear: earned.reduce((sum, e) => sum + e.delta, 0),
    giftValueThisYearYuan: await valueThisYear(em, actor.userId, now),
    caps: {
      yearlyValueCapYuan: deps.env.POINTS_YEARLY_VALUE_CAP_YUAN,
      rules: EARNING_REASONS.map((reason) => ({ reason, ...deps.env.POINTS_RULES[reason] })),
    },
  };
}

/** My ledger, newest first, keyset by (time-ordered) id. */
export async function pointsLedger(em: EntityManager, actor: Actor, query: { cursor?: string; limit: number }): Promise<PointsLedgerPage> {
  const entries = await em.find(
    PointsEntrySchema,
    { userId: actor.userId, ...(query.cursor ? { id: { $lt: query.cursor } } : {}) },
    { orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const page = entries.slice(0, query.limit);
  return { items: page.map(entryView), nextCursor: entries.length > query.limit ? page[page.length - 1]!.id : null };
}

/**
 * An admin's manual adjustment: an entry carrying the admin's id and the
 * reason, plus an audit row. Only staff hold points; a deduction past the
 * balance is refused (409 INSUFFICIENT_POINTS) and changes nothing.
 */
export async function adjustPoints(deps: AppDeps, em: EntityManager, admin: Actor, input: PointsAdjustment, requestId: string) {
  const target = await em.findOne(UserSchema, { id: input.userId });
  if (!target) throw new NotFoundError('No such user.');
  if (target.role !== 'staff') throw new ValidationError([{ path: 'userId', message: '只能调整医院员工的积分' }]);
  const now = deps.clock.now();
  return em.transactional(async (tx) => {
    const { entry } = await post(tx, now, {
      userId: target.id,
      delta: input.delta,
      reason: 'admin_adjustment',
      reference: `user:${target.id}`,
      // Each adjustment is its own event; a double-tap is two requests an admin can see and undo.
      idempotencyKey: `admin_adjustment:${newId()}`,
      actorId: admin.userId,
      note: input.reason,
    });
    recordAudit(tx, { actorId: admin.userId, action: 'points.adjust', subjectUserId: target.id, reason: input.reason, requestId });
    await tx.flush();
    return { entry: entryView(entry), balance: entry.balanceAfter };
  });
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Proves the ledger: for every user with an account or an entry, the stored
 * balance equals the sum of their entries and their latest entry's
 * balanceAfter (latest by seq, the order the balance moved). Read-only;
 * a mismatch is for a person to investigate.
 */
export async function reconcilePoints(em: EntityManager): Promise<Reconciliation> {
  const found = (await em.getConnection().execute(
    `select u.user_id as user_id,
            a.balance as balance,
            (select coalesce(sum(e.delta), 0) from points_entry e where e.user_id = u.user_id) as entries_sum,
            (select l.balance_after from points_entry l where l.user_id = u.user_id order by l.seq desc limit 1) as latest
       from (select user_id from points_account union select user_id from points_entry) u
       left join points_account a on a.user_id = u.user_id`,
    [],
    'all',
  )) as unknown as { user_id: string; balance: unknown; entries_sum: unknown; latest: unknown }[];
  const mismatches = found
    .map((r) => ({ userId: r.user_id, balance: num(r.balance) ?? 0, entriesSum: num(r.entries_sum) ?? 0, latestBalanceAfter: num(r.latest) }))
    .filter((r) => r.balance !== r.entriesSum || (r.latestBalanceAfter ?? 0) !== r.balance);
  return { ok: mismatches.length === 0, checkedUsers: found.length, mismatches };
}
