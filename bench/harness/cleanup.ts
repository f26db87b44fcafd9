import type { HarnessDb } from './db';
import { BENCH_MARK } from './paths';

/**
 * Removes what the bench's POST /tickets requests reported (on both servers),
 * so runs do not pile open tickets into the dataset (the SLA job would scan
 * them every minute and breach them all a few hours later), and the
 * Idempotency-Key records of the bench's requests. Gift orders stay: their
 * points and stock movements are ledger entries that must keep adding up.
 */
export async function removeBenchTickets(db: HarnessDb): Promise<number> {
  const bench = `select id from ticket where description like ?`;
  const like = `%${BENCH_MARK}`;
  const [{ n }] = (await db.all<{ n: number | string }>(`select count(*) as n from ticket where description like ?`, [like])) as [{ n: number | string }];
  if (Number(n) === 0) return 0;
  for (const table of ['ticket_event', 'ticket_sla_mark', 'ticket_comment', 'ticket_delegation', 'ticket_rating', 'ticket_service_report']) {
    await db.run(`delete from ${table} where ticket_id in (${bench})`, [like]);
  }
  await db.run(`delete from notification where ticket_id in (${bench})`, [like]);
  await db.run(`delete from ticket where description like ?`, [like]);
  await db.run(`delete from idempotency_record where key like 'bench-%'`);
  return Number(n);
}
