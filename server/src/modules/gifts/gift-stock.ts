import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import type { StockChangeReason } from '../../../../shared/schemas/gifts.schema';
import { NotFoundError, OutOfStockError } from '../../core/errors';
import { newId } from '../../core/ids';
import { GiftSchema } from './gift.entity';
import { GiftStockChangeSchema } from './gift-stock-change.entity';

export interface StockMove {
  giftId: string;
  /** Non-zero: negative takes units out. */
  delta: number;
  reason: StockChangeReason;
  /** `order:<id>` for redemptions and cancellations: (reason, reference) is unique, so an order restores stock once. */
  reference: string | null;
  actorId?: string | null;
  note?: string | null;
}

/**
 * Moves a gift's stock inside the caller's transaction, in one conditional
 * update (`stock + delta >= 0`) that takes the row lock, so concurrent
 * redemptions queue on the gift and the last unit goes to exactly one of
 * them; the CHECK backs it up. Writes the stock change with the stock it
 * left. Too few units → OutOfStockError (409 OUT_OF_STOCK), nothing moved.
 */
export async function moveStock(tx: EntityManager, now: Date, move: StockMove): Promise<{ stockAfter: number; changeId: string }> {
  if (!Number.isSafeInteger(move.delta) || move.delta === 0) throw new Error('A stock move needs a non-zero integer delta.');
  const sql = tx as SqlEntityManager;
  const moved = await sql
    .createQueryBuilder(GiftSchema)
    .update({ stock: raw('stock + ?', [move.delta]), updatedAt: now })
    .where('id = ? and stock + ? >= 0', [move.giftId, move.delta])
    .execute('run');
  if (moved.affectedRows !== 1) {
    const exists = await tx.count(GiftSchema, { id: move.giftId });
    if (!exists) throw new NotFoundError('No such gift.');
    throw new OutOfStockError('礼品库存不足');
  }
  const [row] = (await tx.getConnection().execute('select stock from gift where id = ?', [move.giftId], 'all', tx.getTransactionContext())) as unknown as {
    stock: number | string;
  }[];
  const stockAfter = Number(row!.stock);
  const changeId = newId();
  await sql
    .createQueryBuilder(GiftStockChangeSchema)
    .insert({
      id: changeId,
      createdAt: now,
      giftId: move.giftId,
      delta: move.delta,
      stockAfter,
      reason: move.reason,
      reference: move.reference,
      note: move.note ?? null,
      actorId: move.actorId ?? null,
    })
    .execute();
  return { stockAfter, changeId };
}
