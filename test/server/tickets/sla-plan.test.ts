import type { SqlEntityManager } from '@mikro-orm/knex';
import { SLA_BATCH_SIZE } from '../../../server/src/modules/tickets/sla.job';
import { slaEventsOf } from '../../../server/src/modules/tickets/sla.read';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The SLA job reads the clock events of a page of open tickets every minute.
 * It must find them through the ticket id index: when the statement also
 * filtered by kind and ordered by time, SQLite took the dashboard's
 * (kind, created_at) index instead and read every event of every ticket —
 * seconds per pass on a million tickets, with the API blocked meanwhile.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

/** The statement slaEventsOf sends, as knex reports it (parameters written in, as MikroORM runs it on PostgreSQL). */
async function slaStatement(): Promise<{ sql: string; bindings: unknown[] }> {
  const em = server.running.orm.em.fork() as SqlEntityManager;
  const sent: { sql: string; bindings: unknown[] }[] = [];
  const listener = (q: { sql: string; bindings?: unknown[] }) => sent.push({ sql: q.sql, bindings: q.bindings ?? [] });
  const knex = em.getKnex();
  knex.on('query', listener);
  try {
    // A full page of open tickets, as the job reads them.
    const ids = Array.from({ length: SLA_BATCH_SIZE }, (_, i) => `0192c0f6-0000-7000-8000-${String(i).padStart(12, '0')}`);
    await slaEventsOf(em, ids);
  } finally {
    knex.off('query', listener);
  }
  const events = sent.filter((q) => q.sql.includes('ticket_event'));
  expect(events).toHaveLength(1);
  return events[0]!;
}

it('finds the events of the tickets through the ticket id index, not the dashboard index', async () => {
  const { sql, bindings } = await slaStatement();
  const em = server.running.orm.em.fork() as SqlEntityManager;
  let plan: string;
  if (em.getPlatform().constructor.name.includes('Sqlite')) {
    const found = (await em.getConnection().execute(`explain query plan ${sql}`, bindings)) as { detail: string }[];
    plan = found.map((r) => r.detail).join('\n');
  } else {
    // A test database is too small for PostgreSQL to prefer any index on its own; without sequential scans it must pick one.
    plan = await em.transactional(async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      await conn.execute('set local enable_seqscan = off', [], 'run', ctx);
      const found = (await conn.execute(`explain ${sql}`, bindings, 'all', ctx)) as { 'QUERY PLAN': string }[];
      return found.map((r) => r['QUERY PLAN']).join('\n');
    });
  }
  expect(plan).toContain('ticket_event_ticket_id_index');
  expect(plan).not.toContain('ticket_event_kind_created_at_index');
});
