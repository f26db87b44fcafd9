import { at, run, type DashboardScope } from './dashboard.scope';
import { readNumber } from './shanghai-sql';

/** Stock at or below this asks for a restock. */
export const STOCK_ALERT_LEVEL = 5;

/**
 * Gifts people can still redeem (switched on, their active window not over)
 * whose stock is at the alert level or below, lowest first (ties in id
 * order, the same on both dialects). A gift whose window has ended needs no
 * restocking, so it is left out. Not filtered by region: stock is central.
 */
export async function giftStockAlerts(scope: DashboardScope): Promise<{ id: string; name: string; stock: number }[]> {
  const q = scope
    .knex('gift as g')
    .select('g.id', 'g.name', 'g.stock')
    // `true` is a keyword on both dialects (SQLite stores booleans as 1/0 and reads TRUE as 1).
    .whereRaw('g.active = true')
    .andWhere('g.stock', '<=', STOCK_ALERT_LEVEL)
    .andWhere((w) => w.whereNull('g.active_until').orWhere('g.active_until', '>', at(scope, scope.now)))
    .orderBy([
      { column: 'g.stock', order: 'asc' },
      { column: 'g.id', order: 'asc' },
    ]);
  return (await run(scope, q)).map((r) => ({ id: r.id as string, name: r.name as string, stock: readNumber(r.stock) }));
}
