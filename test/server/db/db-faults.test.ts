import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../../../server/src/db/scratch-database';
import { call, login, type ApiResponse } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startPrivateCluster, type PrivateCluster } from '../../support/pg-cluster';
import { startTestServer, testDatabase, testDialect, type TestServer } from '../../support/test-server';

/**
 * The database going away under a running server: the request in flight is
 * answered 503 problem+json with Retry-After, nothing of it is stored, and
 * the server serves again by itself once the database is back, so the
 * client's retry with the same Idempotency-Key stores the report once.
 */
const STAFF = '13800000004';
const ENV = { DEMO_SEED: 'true' };

/** A report posted while the department is already known (no read before the write). */
function reportTo(server: TestServer, token: string, departmentId: string, key: string, description: string): Promise<ApiResponse> {
  return call(server, 'POST', '/tickets', {
    token,
    headers: { 'idempotency-key': key },
    body: { departmentId, model: 'GIF-H290', serial: 'DBF001', description, contactName: '李静', contactPhone: STAFF, contactConsent: false },
  });
}

function expectUnavailable(res: ApiResponse) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

async function stored(server: TestServer, description: string, key: string) {
  const [t] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from ticket where description = ?', [description]);
  const [k] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from idempotency_record where "key" = ?', [key]);
  return { tickets: Number(t!.n), keys: Number(k!.n) };
}

if (testDialect() === 'postgresql') {
  describe('PostgreSQL ends the session in the middle of a report', () => {
    let database: ScratchDatabase;
    let server: TestServer;
    let token: string;
    let departmentId: string;
    beforeAll(async () => {
      database = await testDatabase();
      server = await startTestServer({ env: ENV, database, background: { outbox: false } });
      token = (await login(server, STAFF, { consent: ['service'] })).token;
      departmentId = (await call(server, 'GET', '/me', { token })).body.profile.department.id;
    }, 60_000);
    afterAll(async () => {
      await server.close();
      await database.drop();
    });

    it('answers 503, keeps nothing of the half-done transaction, and takes the retry without a restart', async () => {
      const url = (database.database as { url: string }).url;
      // The report's transaction writes its idempotency record and the ticket, then
      // waits on the event table this session holds; it is ended right there.
      const holder = new Client({ connectionString: url });
      const admin = new Client({ connectionString: url });
      await holder.connect();
      await admin.connect();
      try {
        await holder.query('begin');
        await holder.query('lock table ticket_event in access exclusive mode');
        const key = randomUUID();
        const description = `会话中断测试：图像发暗 ${key.slice(0, 8)}`;
        const pending = reportTo(server, token, departmentId, key, description);
        const pid = await eventually(
          async () => {
            const r = await admin.query(
              "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into ticket_event%'",
            );
            if (!r.rows[0]) throw new Error('the report is not waiting on the event table yet');
            return r.rows[0].pid as number;
          },
          { timeoutMs: 30_000, intervalMs: 50 },
        );
        const [{ terminated }] = (await admin.query('select pg_terminate_backend($1) as terminated', [pid])).rows;
        expect(terminated).toBe(true);
        await holder.query('rollback');

        expectUnavailable(await pending);
        expect(await stored(server, description, key)).toEqual({ tickets: 0, keys: 0 });

        expect((await call(server, 'GET', '/ready')).status).toBe(200);
        const retry = await reportTo(server, token, departmentId, key, description);
        expect(retry.status).toBe(201);
        const again = await reportTo(server, token, departmentId, key, description);
        expect(again.body.id).toBe(retry.body.id);
        expect(await stored(server, description, key)).toEqual({ tickets: 1, keys: 1 });
      } finally {
        await holder.end().catch(() => undefined);
        await admin.end();
      }
    });

    it('answers every request again after all its sessions are ended at once', async () => {
      const admin = new Client({ connectionString: (database.database as { url: string }).url });
      await admin.connect();
      try {
        // Warm the pool so there are idle sessions to lose.
        await Promise.all(Array.from({ length: 6 }, () => call(server, 'GET', '/tickets', { token })));
        const ended = await admin.query('select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
        expect(Number(ended.rows[0].n)).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // An idle session the server still holds may be found dead by the first requests; within a few tries every answer is
      // good again. Every answer on the way must be a 200 or a proper 503 — a 500 that a later try hides would still fail.
      const seen = new Set<string>();
      await eventually(
        async () => {
          const answers = await Promise.all(Array.from({ length: 6 }, () => call(server, 'GET', '/tickets', { token })));
          for (const a of answers) seen.add(a.status === 200 ? '200' : `${a.status} ${a.headers.get('content-type')?.split(';')[0]} ${a.body?.code}`);
          expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      expect([...seen].filter((s) => s !== '200' && s !== '503 application/problem+json SERVICE_UNAVAILABLE')).toEqual([]);
      const key = randomUUID();
      expect((await reportTo(server, token, departmentId, key, `会话恢复后报修 ${key.slice(0, 8)}`)).status).toBe(201);
    });
  });

  describe('PostgreSQL stopped for a while and started again', () => {
    let cluster: PrivateCluster;
    let database: ScratchDatabase;
    let server: TestServer;
    let token: string;
    let departmentId: string;
    beforeAll(async () => {
      cluster = await startPrivateCluster();
      database = await createScratchDatabase('postgresql', { adminUrl: cluster.adminUrl, label: 'faults' });
      // The outbox worker and jobs keep running: the outage must not take the process down.
      server = await startTestServer({ env: ENV, database });
      token = (await login(server, STAFF, { consent: ['service'] })).token;
      departmentId = (await call(server, 'GET', '/me', { token })).body.profile.department.id;
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      cluster?.destroy();
    });

    it('reports the outage on /ready, answers 503 meanwhile, and serves again once PostgreSQL is back', async () => {
      const key = randomUUID();
      const description = `停库测试：送修内镜漏水 ${key.slice(0, 8)}`;
      cluster.stop();
      try {
        const ready = await call(server, 'GET', '/ready');
        expectUnavailable(ready);
        expectUnavailable(await reportTo(server, token, departmentId, key, description));
        expectUnavailable(await call(server, 'GET', '/tickets', { token }));
        expectUnavailable(await call(server, 'GET', '/me', { token }));
      } finally {
        cluster.start();
      }
      await eventually(async () => expect((await call(server, 'GET', '/ready')).status).toBe(200), { timeoutMs: 30_000, intervalMs: 100 });
      expect(await stored(server, description, key)).toEqual({ tickets: 0, keys: 0 });
      const retry = await reportTo(server, token, departmentId, key, description);
      expect(retry.status).toBe(201);
      expect(await stored(server, description, key)).toEqual({ tickets: 1, keys: 1 });
      const list = await call(server, 'GET', '/tickets', { token });
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).toContain(retry.body.id);
    }, 60_000);
  });
} else {
  describe('SQLite held by another writer past the busy timeout', () => {
    let database: ScratchDatabase;
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      database = await testDatabase({ file: true });
      server = await startTestServer({ env: ENV, database, background: { outbox: false } });
      token = (await login(server, STAFF, { consent: ['service'] })).token;
    }, 60_000);
    afterAll(async () => {
      await server.close();
      await database.drop();
    });

    it('answers 503, stores nothing, and takes the retry once the other writer lets go', async () => {
      const key = randomUUID();
      const description = `锁库测试：吸引按钮卡住 ${key.slice(0, 8)}`;
      const me = await call(server, 'GET', '/me', { token });
      const departmentId = me.body.profile.department.id;
      // Another process (a maintenance shell, a stuck tool) holding the write lock.
      const other = new Database((database.database as { file: string }).file);
      try {
        other.exec('begin exclusive');
        expectUnavailable(await reportTo(server, token, departmentId, key, description));
        other.exec('rollback');
      } finally {
        other.close();
      }
      expect(await stored(server, description, key)).toEqual({ tickets: 0, keys: 0 });
      const retry = await reportTo(server, token, departmentId, key, description);
      expect(retry.status).toBe(201);
      expect(await stored(server, description, key)).toEqual({ tickets: 1, keys: 1 });
    }, 30_000);
  });
}
