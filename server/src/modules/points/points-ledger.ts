import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import type { PointsReason } from '../../../../shared/schemas/points.schema';
import { InsufficientPointsError } from '../../core/errors';
import { newId } from '../../core/ids';
import { PointsAccountSchema } from './points-account.entity';
import { PointsEntrySchema, type PointsEntry } from './points-entry.entity';

export interface PostingInput {
  userId: string;
  /** Non-zero: positive earns, negative spends. */
  delta: number;
  reason: PointsReason;
  reference: string | null;
  /** Unique per real-world event: a repeat of the same key changes nothing. */
  idempotencyKey: string;
  actorId?: string | null;
  note?: string | null;
}

export interface Posting {
  entry: PointsEntry;
  /** False when the key had been posted before and this call changed nothing. */
  created: boolean;
}

async function entryIdFor(tx: EntityManager, key: string): Promise<string | undefined> {
  const [row] = (await tx.getConnection().execute(
    'select id from points_entry where idempotency_key = ?',
    [key],
    'all',
    tx.getTransactionContext(),
  )) as unknown as { id: string }[];
  return row?.id;
}

/**
 * Posts one ledger entry and moves the balance, inside the caller's
 * transaction (call it from `em.transactional`). The entry goes in first
 * with `on conflict do nothing` on its idempotency key, so a retried event
 * — even one racing the first on another connection — finds the existing
 * entry and moves nothing. The balance then moves in one conditional
 * update (`balance + delta >= 0`): the row lock makes concurrent spends
 * queue, and the CHECK on the column backs it up. Same SQL on SQLite and
 * PostgreSQL.
 */
/**
 * Creates the account row on first use and locks it for the rest of the
 * caller's transaction (an update takes the row lock on PostgreSQL; SQLite
 * has one writer at a time anyway), so checks made after it — caps counted
 * from the ledger — cannot be passed by two transactions at once.
 */
export async function lockAccount(tx: EntityManager, userId: string, now: Date): Promise<void> {
  const sql = tx as SqlEntityManager;
  await sql.createQueryBuilder(PointsAccountSchema).insert({ id: newId(), createdAt: now, userId, balance: 0, updatedAt: now }).onConflict('userId').ignore().execute();
  await sql.createQueryBuilder(PointsAccountSchema).update({ updatedAt: now }).where({ userId }).execute('run');
}

export async function post(tx: EntityManager, now: Date, input: PostingInput): Promise<Posting> {
  if (!Number.isSafeInteger(input.delta) || input.delta === 0) throw new Error('A points posting needs a non-zero integer delta.');
  const sql = tx as SqlEntityManager;
  const id = newId();
  await sql
    .createQueryBuilder(PointsEntrySchema)
    .insert({
      id,
      createdAt: now,
      userId: input.userId,
      delta: input.delta,
      // Both written below from the account row once the balance has moved.
      balanceAfter: 0,
      seq: 0,
      reason: input.reason,
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
      actorId: input.actorId ?? null,
      note: input.note ?? null,
    })
    .onConflict('idempotencyKey')
    .ignore()
    .execute();
  const postedId = await entryIdFor(tx, input.idempotencyKey);
  if (postedId !== id) {
    return { entry: await tx.findOneOrFail(PointsEntrySchema, { id: postedId! }), created: false };
  }

  // The account row appears on first use; then the one guarded move.
  await sql
    .createQueryBuilder(PointsAccountSchema)
    .insert({ id: newId(), createdAt: now, userId: input.userId, balance: 0, updatedAt: now })
    .onConflict('userId')
    .ignore()
    .execute();
  const moved = await sql
    .createQueryBuilder(PointsAccountSchema)
    .update({ balance: raw('balance + ?', [input.delta]), lastSeq: raw('last_seq + 1'), updatedAt: now })
    .where('user_id = ? and balance + ? >= 0', [input.userId, input.delta])
    .execute('run');
  if (moved.affectedRows !== 1) throw new InsufficientPointsError('积分余额不足');
  // Still under the row lock our update took, so this is our own result.
  const [account] = (await tx.getConnection().execute(
    'select balance, last_seq from points_account where user_id = ?',
    [input.userId],
    'all',
    tx.getTransactionContext(),
  )) as unknown as { balance: number | string; last_seq: number | string }[];
  await sql
    .createQueryBuilder(PointsEntrySchema)
    .update({ balanceAfter: Number(account!.balance), seq: Number(account!.last_seq) })
    .where({ id })
    .execute('run');
  return { entry: await tx.findOneOrFail(PointsEntrySchema, { id }), created: true };
}

/** The stored balance (0 before the first entry), read in the caller's transaction. */
export async function balanceIn(em: EntityManager, userId: string): Promise<number> {
  const [row] = (await em.getConnection().execute(
    'select balance from points_account where user_id = ?',
    [userId],
    'all',
    em.getTransactionContext(),
  )) as unknown as { balance: number | string }[];
  return row ? Number(row.balance) : 0;
}
